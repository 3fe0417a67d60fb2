package org.neurojoule.engine;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.neurojoule.Activation;
import org.neurojoule.Padding;

/** The kernels of the forward pass, float32, channels last. */
final class Ops {
  private Ops() {}

  /** The product of {@code s[from .. to)}, saturating at {@code Long.MAX_VALUE} (then refused). */
  static long prod(int[] s, int from, int to) {
    long p = 1;
    for (int i = from; i < to; i++) {
      p = Buffers.times(p, s[i]);
    }
    return p;
  }

  /**
   * Spatial geometry of a window op on (D, H, W, C) with rank 1..3 mapped to the last axes.
   *
   * <p>Computed in long, then clipped to the taps that touch the input for some output position:
   * with 'same' padding a dilated kernel or a pool may be far larger than the input (legal in
   * Keras; most taps then fall in the padding and contribute nothing). After clipping every
   * offset a kernel computes lies within about twice the input extent, so the kernels' int
   * arithmetic cannot wrap, and a huge window costs no more than the input. The padding of a
   * clipped window may be negative (its first kept tap starts inside the input).
   */
  static final class Window {
    final int[] in = new int[3];
    final int[] out = new int[3];
    /** Kept taps per axis. */
    final int[] k = new int[3];
    final int[] s = new int[3];
    final int[] d = new int[3];
    final int[] pad = new int[3];
    /** The layer's own kernel size per axis, and the first of its taps kept. */
    final int[] full = new int[3];
    final int[] first = new int[3];
    /** Whether some tap was dropped; false keeps the layer's exact geometry. */
    final boolean clipped;
    /** Whether no tap ever touches the input (the output is the bias alone). */
    final boolean empty;

    Window(int rank, int[] inShape, int[] outShape, List<Integer> kernel, List<Integer> strides,
        List<Integer> dilation, Padding padding) {
      Arrays.fill(in, 1);
      Arrays.fill(out, 1);
      Arrays.fill(k, 1);
      Arrays.fill(s, 1);
      Arrays.fill(d, 1);
      Arrays.fill(full, 1);
      boolean anyClipped = false;
      boolean none = false;
      for (int i = 0; i < rank; i++) {
        int a = 3 - rank + i;
        in[a] = inShape[i];
        out[a] = outShape[i];
        s[a] = strides.get(i);
        full[a] = kernel.get(i);
        long dil = dilation == null ? 1 : dilation.get(i);
        long kk = full[a];
        long effective = (kk - 1) * dil + 1;
        long lastStart = (long) (out[a] - 1) * s[a];
        long p = padBefore(padding, lastStart + effective - in[a], effective);
        // Tap t reads positions o * s - p + t * dil: it touches [0, in) for some output o iff
        // t * dil > p - lastStart - 1 and t * dil < in + p.
        long lo = Math.max(0, Math.floorDiv(p - lastStart + dil - 1, dil));
        long hi = Math.min(kk - 1, Math.floorDiv(in[a] - 1 + p, dil));
        if (lo > hi) {
          // No tap ever touches the input: keep one tap, zero-weighted, always in the padding.
          none = true;
          anyClipped = true;
          first[a] = 0;
          k[a] = 1;
          d[a] = 1;
          pad[a] = checked(in[a] + lastStart, "padding");
          continue;
        }
        first[a] = (int) lo;
        k[a] = (int) (hi - lo + 1);
        d[a] = k[a] == 1 ? 1 : (int) dil;
        pad[a] = checked(p - lo * dil, "padding");
        anyClipped |= k[a] != full[a];
        checked(lastStart + (long) (k[a] - 1) * d[a] + Math.abs((long) pad[a]) + in[a], "window");
      }
      clipped = anyClipped;
      empty = none;
    }

    /**
     * The zeros before an axis: 'same' splits {@code total} (the odd one after, as TensorFlow),
     * 'causal' puts the whole window but one before (the right side then needs none).
     */
    private static long padBefore(Padding padding, long total, long effective) {
      switch (padding) {
        case SAME:
          return Math.max(total, 0) / 2;
        case CAUSAL:
          return effective - 1;
        default:
          return 0;
      }
    }

    private static int checked(long v, String what) {
      if (Math.abs(v) > Integer.MAX_VALUE / 2) {
        throw new IllegalArgumentException("the " + what + " of this window (" + v
            + ") is beyond what the engine can index");
      }
      return (int) v;
    }

    int outPixels() {
      return out[0] * out[1] * out[2];
    }

    int taps() {
      return k[0] * k[1] * k[2];
    }

    /**
     * The kept taps of a Keras kernel laid out {@code (k..., inner)} (inner = the values per tap,
     * such as cin * filters): {@code kernel} itself if nothing was clipped, zeros if no tap
     * touches the input.
     *
     * @throws IllegalArgumentException if {@code kernel} does not hold {@code full taps * inner}
     *     values (a second line of defence: the engine must never read past the weights)
     */
    float[] keptTaps(float[] kernel, long inner) {
      long need = (long) full[0] * full[1] * full[2] * inner;
      if (kernel.length != need) {
        throw new IllegalArgumentException("its kernel holds " + kernel.length + " values, but"
            + " this input needs " + full[0] + "x" + full[1] + "x" + full[2] + "x" + inner + " = "
            + need);
      }
      if (!clipped) {
        return kernel;
      }
      int block = (int) inner;
      float[] kept = new float[taps() * block];
      if (empty) {
        return kept;
      }
      int pos = 0;
      for (int i = 0; i < k[0]; i++) {
        for (int j = 0; j < k[1]; j++) {
          long row = ((long) (first[0] + i) * full[1] + first[1] + j) * full[2] + first[2];
          System.arraycopy(kernel, (int) (row * block), kept, pos, k[2] * block);
          pos += k[2] * block;
        }
      }
      return kept;
    }
  }

  // ---------------------------------------------------------------- convolution (im2col + GEMM)

  static final class ConvOp extends Op {
    final int rank;
    final List<Integer> kernel;
    final List<Integer> strides;
    final List<Integer> dilation;
    final Padding padding;
    final int groups;
    final float[] weights;
    final Stage own;
    Window w;
    int cin;
    int cout;
    boolean direct;
    MatMulCore core;
    DnnlConv dnnl;
    NarrowConv narrow;
    GroupedConv grouped;

    ConvOp(int rank, List<Integer> kernel, List<Integer> strides, List<Integer> dilation,
        Padding padding, int groups, float[] weights, float[] bias, Activation activation) {
      this.rank = rank;
      this.groups = groups;
      this.kernel = kernel;
      this.strides = strides;
      this.dilation = dilation;
      this.padding = padding;
      this.weights = weights;
      this.own = Stage.biasAct(bias, activation);
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      w = new Window(rank, in[0], out, kernel, strides, dilation, padding);
      cin = in[0][rank];
      cout = out[rank];
      if (cin % groups != 0 || cout % groups != 0) {
        // The spec refuses these; the engine must still never index past a group.
        throw new IllegalArgumentException("groups " + groups + " does not divide its " + cin
            + " input channels and " + cout + " filters");
      }
      float[] kept = w.keptTaps(weights, (long) cin / groups * cout);
      direct = w.taps() == 1 && w.s[0] == 1 && w.s[1] == 1 && w.s[2] == 1
          && w.pad[0] == 0 && w.pad[1] == 0 && w.pad[2] == 0;
      close();
      if (groups > 1) {
        // oneDNN takes groups natively; the pure-Java path computes each group directly.
        if (ctx.gemm.dnnlConv() && !w.clipped) {
          dnnl = new DnnlConv(rank, w, cin, cout, groups, kept);
          dnnl.prepare(maxN);
        } else {
          grouped = new GroupedConv(w, cin, cout, groups, kept);
        }
        return;
      }
      // A clipped window (a dilated kernel mostly in the padding) goes to im2col, which takes
      // any offsets; oneDNN and the narrow kernel's padded volume assume the layer's geometry.
      if (ctx.gemm.narrowConv() && cout <= NarrowConv.MAX_OUTPUTS && !w.clipped
          && NarrowConv.fits(w, cin, cout)) {
        narrow = new NarrowConv(w, cin, cout, kept);
        return;
      }
      if (ctx.gemm.dnnlConv() && !w.clipped) {
        dnnl = new DnnlConv(rank, w, cin, cout, kept);
        dnnl.prepare(maxN);
        return;
      }
      core = new MatMulCore(Buffers.intSize((long) w.taps() * cin, "im2col row"), cout);
      core.prepare(ctx, kept, (long) maxN * w.outPixels());
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      float[] x = in[0];
      if (grouped != null) {
        grouped.run(n, x, out, epi);
        return;
      }
      if (narrow != null) {
        narrow.run(n, x, out, epi);
        return;
      }
      if (dnnl != null) {
        dnnl.run(n, x, out, epi);
        return;
      }
      int rows = n * w.outPixels();
      if (direct) {
        core.run(rows, x, null, out, epi);
      } else {
        core.run(rows, null, (row0, count, dst, off) -> im2col(x, row0, count, dst, off), out, epi);
      }
    }

    void im2col(float[] x, int row0, int count, float[] dst, int off) {
      int od = w.out[0];
      int oh = w.out[1];
      int ow = w.out[2];
      int id = w.in[0];
      int ih = w.in[1];
      int iw = w.in[2];
      int kd = w.k[0];
      int kh = w.k[1];
      int kw = w.k[2];
      int c = cin;
      int runLen = kw * c;
      int pix = od * oh * ow;
      int pos = off;
      for (int r = row0; r < row0 + count; r++) {
        int b = r / pix;
        int p = r - b * pix;
        int z = p / (oh * ow);
        int y = (p / ow) % oh;
        int xo = p % ow;
        int x0 = xo * w.s[2] - w.pad[2];
        boolean rowInside = x0 >= 0 && x0 + (kw - 1) * w.d[2] < iw && w.d[2] == 1;
        for (int i = 0; i < kd; i++) {
          int zi = z * w.s[0] - w.pad[0] + i * w.d[0];
          for (int j = 0; j < kh; j++) {
            int yi = y * w.s[1] - w.pad[1] + j * w.d[1];
            if (zi < 0 || zi >= id || yi < 0 || yi >= ih) {
              Arrays.fill(dst, pos, pos + runLen, 0f);
              pos += runLen;
              continue;
            }
            int rowBase = ((b * id + zi) * ih + yi) * iw;
            if (rowInside) {
              System.arraycopy(x, (rowBase + x0) * c, dst, pos, runLen);
              pos += runLen;
              continue;
            }
            for (int l = 0; l < kw; l++) {
              int xi = x0 + l * w.d[2];
              if (xi < 0 || xi >= iw) {
                Arrays.fill(dst, pos, pos + c, 0f);
              } else {
                System.arraycopy(x, (rowBase + xi) * c, dst, pos, c);
              }
              pos += c;
            }
          }
        }
      }
    }

    @Override
    boolean fuses() {
      return true;
    }

    @Override
    Stage ownStage() {
      return own;
    }

    @Override
    void close() {
      if (core != null) {
        core.close();
      }
      if (dnnl != null) {
        dnnl.close();
      }
      core = null;
      dnnl = null;
      narrow = null;
      grouped = null;
    }
  }

  // ---------------------------------------------------------------- dense

  static final class DenseOp extends Op {
    final float[] weights;
    final Stage own;
    int in;
    int units;
    long rowsPerExample;
    MatMulCore core;
    DnnlConv dnnl;

    /**
     * Weights from which a dense layer of few rows runs on oneDNN (when convolutions do): below,
     * a call's overhead outweighs packing ({@code -Dneurojoule.dnnlDenseMinWeights}).
     */
    static final long DNNL_DENSE_MIN_WEIGHTS =
        Long.getLong("neurojoule.dnnlDenseMinWeights", 1L << 20);
    /** Rows per batch up to which it does ({@code -Dneurojoule.dnnlDenseMaxRows}). */
    static final long DNNL_DENSE_MAX_ROWS = Long.getLong("neurojoule.dnnlDenseMaxRows", 8);

    DenseOp(float[] weights, float[] bias, Activation activation) {
      this.weights = weights;
      this.own = Stage.biasAct(bias, activation);
    }

    @Override
    void prepare(Ctx ctx, int[][] inShapes, int[] out, int maxN) {
      int[] s = inShapes[0];
      in = s[s.length - 1];
      units = out[out.length - 1];
      rowsPerExample = prod(s, 0, s.length - 1);
      if (weights.length != (long) in * units) {
        // The engine must never read past the weights, whatever let them through.
        throw new IllegalArgumentException("its kernel holds " + weights.length + " values, but"
            + " this input needs " + in + "x" + units + " = " + (long) in * units);
      }
      close();
      if (ctx.gemm.dnnlConv() && (long) in * units >= DNNL_DENSE_MIN_WEIGHTS
          && maxN * rowsPerExample <= DNNL_DENSE_MAX_ROWS) {
        // A 1x1 convolution over the example's rows: oneDNN reorders the weights once, where
        // OpenBLAS packs all of them again on every call, most of a multiply of a few rows. With
        // more rows packing is a small part, and the reorder would lengthen the first call.
        int rows = (int) rowsPerExample;
        Window w = new Window(1, new int[] {rows, in}, new int[] {rows, units}, List.of(1),
            List.of(1), List.of(1), Padding.VALID);
        dnnl = new DnnlConv(1, w, in, units, weights);
        dnnl.prepare(maxN);
        return;
      }
      core = new MatMulCore(in, units);
      core.prepare(ctx, weights, maxN * rowsPerExample);
    }

    @Override
    void run(Ctx ctx, int n, float[][] x, float[] out, Epilogue epi) {
      if (dnnl != null) {
        dnnl.run(n, x[0], out, epi);
        return;
      }
      core.run(Math.toIntExact(n * rowsPerExample), x[0], null, out, epi);
    }

    @Override
    boolean fuses() {
      return true;
    }

    @Override
    Stage ownStage() {
      return own;
    }

    @Override
    void close() {
      if (core != null) {
        core.close();
      }
      if (dnnl != null) {
        dnnl.close();
      }
      core = null;
      dnnl = null;
    }
  }

  // ---------------------------------------------------------------- depthwise (direct)

  static final class DepthwiseOp extends Op {
    final List<Integer> kernel;
    final List<Integer> strides;
    final List<Integer> dilation;
    final Padding padding;
    final int dm;
    final float[] weights;
    final Stage own;
    Window w;
    int c;
    /** Weights rearranged to [tap][m][c] so the inner loop runs over contiguous channels. */
    float[] w2;
    DnnlConv dnnl;

    DepthwiseOp(List<Integer> kernel, List<Integer> strides, List<Integer> dilation,
        Padding padding, int dm, float[] weights, float[] bias, Activation activation) {
      this.kernel = kernel;
      this.strides = strides;
      this.dilation = dilation;
      this.padding = padding;
      this.dm = dm;
      this.weights = weights;
      this.own = bias == null && activation == Activation.LINEAR ? null
          : Stage.biasAct(bias, activation);
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      w = new Window(2, in[0], out, kernel, strides, dilation, padding);
      c = in[0][2];
      float[] weights = w.keptTaps(this.weights, (long) c * dm);
      close();
      if (ctx.gemm.dnnlConv() && !w.clipped) {
        dnnl = new DnnlConv(2, w, c, c * dm, c, weights);
        dnnl.prepare(maxN);
        return;
      }
      int taps = w.taps();
      w2 = new float[taps * dm * c];
      for (int t = 0; t < taps; t++) {
        for (int ch = 0; ch < c; ch++) {
          for (int m = 0; m < dm; m++) {
            w2[(t * dm + m) * c + ch] = weights[(t * c + ch) * dm + m];
          }
        }
      }
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      float[] x = in[0];
      if (dnnl != null) {
        dnnl.run(n, x, out, epi);
        return;
      }
      int oh = w.out[1];
      int ow = w.out[2];
      int cd = c * dm;
      Parallel.forRange(n * oh, 1, (from, to) -> {
        double[] sums = epi == null ? null : epi.newSums();
        float[] row = new float[ow * cd];
        float[] acc = new float[cd];
        for (int r = from; r < to; r++) {
          int b = r / oh;
          int y = r - b * oh;
          computeRow(x, b, y, row, acc);
          if (epi != null) {
            epi.process(row, 0, ow, cd, sums);
          }
          System.arraycopy(row, 0, out, r * ow * cd, ow * cd);
        }
        if (epi != null) {
          epi.merge(sums);
        }
      });
    }

    private void computeRow(float[] x, int b, int y, float[] row, float[] acc) {
      int ih = w.in[1];
      int iw = w.in[2];
      int kh = w.k[1];
      int kw = w.k[2];
      int ow = w.out[2];
      int cd = c * dm;
      for (int xo = 0; xo < ow; xo++) {
        Arrays.fill(acc, 0f);
        for (int i = 0; i < kh; i++) {
          int yi = y * w.s[1] - w.pad[1] + i * w.d[1];
          if (yi < 0 || yi >= ih) {
            continue;
          }
          for (int j = 0; j < kw; j++) {
            int xi = xo * w.s[2] - w.pad[2] + j * w.d[2];
            if (xi < 0 || xi >= iw) {
              continue;
            }
            int ib = ((b * ih + yi) * iw + xi) * c;
            int tap = i * kw + j;
            for (int m = 0; m < dm; m++) {
              int wb = (tap * dm + m) * c;
              int ab = m * c;
              for (int ch = 0; ch < c; ch++) {
                acc[ab + ch] += x[ib + ch] * w2[wb + ch];
              }
            }
          }
        }
        int ob = xo * cd;
        if (dm == 1) {
          System.arraycopy(acc, 0, row, ob, c);
        } else {
          for (int m = 0; m < dm; m++) {
            for (int ch = 0; ch < c; ch++) {
              row[ob + ch * dm + m] = acc[m * c + ch];
            }
          }
        }
      }
    }

    @Override
    boolean fuses() {
      return true;
    }

    @Override
    Stage ownStage() {
      return own == null ? Stage.identity() : own;
    }

    @Override
    void close() {
      if (dnnl != null) {
        dnnl.close();
      }
      dnnl = null;
    }
  }

  // ---------------------------------------------------------------- separable

  static final class SeparableOp extends Op {
    final DepthwiseOp depthwise;
    final float[] pointwise;
    final Stage own;
    int pixels;
    int mid;
    float[] buffer;
    MatMulCore core;

    SeparableOp(List<Integer> kernel, List<Integer> strides, List<Integer> dilation,
        Padding padding, int dm, float[] depthwiseKernel, float[] pointwiseKernel, float[] bias,
        Activation activation) {
      this.depthwise = new DepthwiseOp(kernel, strides, dilation, padding, dm, depthwiseKernel,
          null, Activation.LINEAR);
      this.pointwise = pointwiseKernel;
      this.own = Stage.biasAct(bias, activation);
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      mid = in[0][2] * depthwise.dm;
      int[] midShape = {out[0], out[1], mid};
      depthwise.prepare(ctx, in, midShape, maxN);
      pixels = out[0] * out[1];
      buffer = Buffers.floats((long) maxN * pixels * mid, "the depthwise result");
      core = new MatMulCore(mid, out[2]);
      core.prepare(ctx, pointwise, (long) maxN * pixels);
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      depthwise.run(ctx, n, in, buffer, null);
      core.run(n * pixels, buffer, null, out, epi);
    }

    @Override
    boolean fuses() {
      return true;
    }

    @Override
    Stage ownStage() {
      return own;
    }

    @Override
    void close() {
      depthwise.close();
      if (core != null) {
        core.close();
      }
    }
  }

  // ---------------------------------------------------------------- pooling

  static final class PoolOp extends Op {
    final boolean max;
    final int rank;
    final List<Integer> pool;
    final List<Integer> strides;
    final Padding padding;
    Window w;
    int c;

    PoolOp(boolean max, int rank, List<Integer> pool, List<Integer> strides, Padding padding) {
      this.max = max;
      this.rank = rank;
      this.pool = pool;
      this.strides = strides;
      this.padding = padding;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      w = new Window(rank, in[0], out, pool, strides, null, padding);
      c = in[0][rank];
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      float[] x = in[0];
      int od = w.out[0];
      int oh = w.out[1];
      int ow = w.out[2];
      Parallel.forRange(n * od * oh, 1, (from, to) -> {
        float[] acc = new float[c];
        // Each input pixel is copied to index 0 first: the JIT (Java 17) vectorizes a loop
        // whose arrays share one index, not acc[ch] vs x[ib + ch].
        float[] pixel = new float[c];
        for (int r = from; r < to; r++) {
          int b = r / (od * oh);
          int z = (r / oh) % od;
          int y = r % oh;
          for (int xo = 0; xo < ow; xo++) {
            Arrays.fill(acc, max ? Float.NEGATIVE_INFINITY : 0f);
            int count = 0;
            // Only the taps over the input: the padding adds nothing (and is not counted).
            int z0 = z * w.s[0] - w.pad[0];
            int y0 = y * w.s[1] - w.pad[1];
            int x0 = xo * w.s[2] - w.pad[2];
            int iEnd = Math.min(w.k[0], w.in[0] - z0);
            int jEnd = Math.min(w.k[1], w.in[1] - y0);
            int lEnd = Math.min(w.k[2], w.in[2] - x0);
            for (int i = Math.max(0, -z0); i < iEnd; i++) {
              for (int j = Math.max(0, -y0); j < jEnd; j++) {
                for (int l = Math.max(0, -x0); l < lEnd; l++) {
                  int ib = (((b * w.in[0] + z0 + i) * w.in[1] + y0 + j) * w.in[2] + x0 + l) * c;
                  count++;
                  System.arraycopy(x, ib, pixel, 0, c);
                  if (max) {
                    for (int ch = 0; ch < c; ch++) {
                      acc[ch] = Math.max(acc[ch], pixel[ch]);
                    }
                  } else {
                    for (int ch = 0; ch < c; ch++) {
                      acc[ch] += pixel[ch];
                    }
                  }
                }
              }
            }
            int ob = (r * ow + xo) * c;
            if (max) {
              System.arraycopy(acc, 0, out, ob, c);
            } else {
              float inv = 1f / count;
              for (int ch = 0; ch < c; ch++) {
                out[ob + ch] = acc[ch] * inv;
              }
            }
          }
        }
      });
    }
  }

  static final class GlobalPoolOp extends Op {
    final boolean max;
    int spatial;
    int c;

    GlobalPoolOp(boolean max) {
      this.max = max;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      int[] s = in[0];
      c = s[s.length - 1];
      spatial = (int) prod(s, 0, s.length - 1);
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      float[] x = in[0];
      Parallel.forRange(n, 1, (from, to) -> {
        double[] acc = new double[c];
        for (int b = from; b < to; b++) {
          int ob = b * c;
          if (max) {
            Arrays.fill(out, ob, ob + c, Float.NEGATIVE_INFINITY);
          } else {
            Arrays.fill(acc, 0);
          }
          for (int p = 0; p < spatial; p++) {
            int ib = (b * spatial + p) * c;
            if (max) {
              for (int ch = 0; ch < c; ch++) {
                out[ob + ch] = Math.max(out[ob + ch], x[ib + ch]);
              }
            } else {
              for (int ch = 0; ch < c; ch++) {
                acc[ch] += x[ib + ch];
              }
            }
          }
          if (!max) {
            for (int ch = 0; ch < c; ch++) {
              out[ob + ch] = (float) (acc[ch] / spatial);
            }
          }
        }
      });
    }
  }

  // ---------------------------------------------------------------- element-wise and merges

  static final class ElementwiseOp extends Op {
    final Stage stage;
    int c;
    long size;

    ElementwiseOp(Stage stage) {
      this.stage = stage;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      c = out.length == 0 ? 1 : out[out.length - 1];
      size = prod(out, 0, out.length);
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      int rows = Math.toIntExact(n * size / c);
      float[] x = in[0];
      Parallel.forRange(rows, 64, (from, to) -> {
        System.arraycopy(x, from * c, out, from * c, (to - from) * c);
        stage.apply(out, from * c, to - from, c);
      });
    }
  }

  static final class AddOp extends Op {
    long size;

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      size = prod(out, 0, out.length);
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      int len = Math.toIntExact(n * size);
      System.arraycopy(in[0], 0, out, 0, len);
      for (int i = 1; i < in.length; i++) {
        float[] x = in[i];
        for (int j = 0; j < len; j++) {
          out[j] += x[j];
        }
      }
    }
  }

  static final class ConcatOp extends Op {
    final int kerasAxis;
    long outer;
    int[] inner;
    int total;

    ConcatOp(int kerasAxis) {
      this.kerasAxis = kerasAxis;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      int rank = out.length;
      int axis = kerasAxis < 0 ? rank + kerasAxis : kerasAxis - 1;
      outer = prod(out, 0, axis);
      inner = new int[in.length];
      total = 0;
      for (int i = 0; i < in.length; i++) {
        inner[i] = (int) prod(in[i], axis, in[i].length);
        total += inner[i];
      }
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      long rows = n * outer;
      for (long r = 0; r < rows; r++) {
        int pos = Math.toIntExact(r * total);
        for (int i = 0; i < in.length; i++) {
          System.arraycopy(in[i], Math.toIntExact(r * inner[i]), out, pos, inner[i]);
          pos += inner[i];
        }
      }
    }
  }

  /** Flatten, Reshape, Dropout: the same values; the engine shares the input's buffer. */
  static final class AliasOp extends Op {
    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      // Nothing: the output buffer is the input buffer.
    }
  }

  // ---------------------------------------------------------------- time

  static final class TimeDistributedOp extends Op {
    final Op inner;
    int steps;

    TimeDistributedOp(Op inner) {
      this.inner = inner;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      steps = in[0][0];
      int[][] stepIn = {Arrays.copyOfRange(in[0], 1, in[0].length)};
      inner.prepare(ctx, stepIn, Arrays.copyOfRange(out, 1, out.length), maxN * steps);
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      // The inner layer sees example x step as its examples: number them so in the whole data,
      // so per-example state (a spiking layer's initial voltages) does not depend on batching.
      long first = ctx.firstExample;
      ctx.firstExample = first * steps;
      try {
        inner.run(ctx, n * steps, in, out, epi);
      } finally {
        ctx.firstExample = first;
      }
    }

    @Override
    boolean fuses() {
      return inner.fuses();
    }

    @Override
    Stage ownStage() {
      return inner.ownStage();
    }

    @Override
    void close() {
      inner.close();
    }
  }

  /**
   * KerasSpiking's SpikingActivation over the time axis: per element {@code v += act(x) * dt},
   * {@code n = floor(v)}, {@code v -= n}, output {@code n / dt}; initial {@code v} uniform in [0,
   * 1), drawn per example from the layer's seed and the example's index in the data (so results do
   * not depend on the batch size).
   */
  static final class SpikingOp extends Op {
    final Activation activation;
    final float dt;
    final long seed;
    int steps;
    int units;
    int c;

    SpikingOp(Activation activation, double dt, long seed) {
      this.activation = activation;
      this.dt = (float) dt;
      this.seed = seed;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      steps = in[0][0];
      units = (int) prod(in[0], 1, in[0].length);
      c = in[0][in[0].length - 1];
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      float[] x = in[0];
      long first = ctx.firstExample;
      Parallel.forRange(n, 1, (from, to) -> {
        float[] v = new float[units];
        float[] a = new float[units];
        for (int b = from; b < to; b++) {
          initialVoltages(seed, first + b, v);
          for (int t = 0; t < steps; t++) {
            int base = (b * steps + t) * units;
            System.arraycopy(x, base, a, 0, units);
            Activations.apply(activation, a, 0, units / c, c);
            for (int u = 0; u < units; u++) {
              float vu = v[u] + a[u] * dt;
              float spikes = (float) Math.floor(vu);
              v[u] = vu - spikes;
              out[base + u] = spikes / dt;
            }
          }
        }
      });
    }

    static void initialVoltages(long seed, long example, float[] v) {
      SplittableRandom r = new SplittableRandom(WeightInit.mix(seed, example));
      for (int i = 0; i < v.length; i++) {
        v[i] = (r.nextInt() >>> 8) * 0x1.0p-24f;
      }
    }
  }
}
