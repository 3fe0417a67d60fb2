package org.neurojoule.engine;

import java.util.Arrays;
import java.util.List;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/**
 * A convolution (Conv1D/2D/3D, grouped or not): im2col and the matrix multiply, or the narrow,
 * grouped or native kernel where it fits.
 */
final class ConvOp extends Op {
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
  NativeConv dnnl;
  NarrowConv narrow;
  GroupedConv grouped;

  ConvOp(
      int rank,
      List<Integer> kernel,
      List<Integer> strides,
      List<Integer> dilation,
      Padding padding,
      int groups,
      float[] weights,
      float[] bias,
      Activation activation) {
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
      throw new IllegalArgumentException(
          "groups "
              + groups
              + " does not divide its "
              + cin
              + " input channels and "
              + cout
              + " filters");
    }
    float[] kept = w.keptTaps(weights, (long) cin / groups * cout);
    direct =
        w.taps() == 1
            && w.s[0] == 1
            && w.s[1] == 1
            && w.s[2] == 1
            && w.pad[0] == 0
            && w.pad[1] == 0
            && w.pad[2] == 0;
    close();
    if (groups > 1) {
      // oneDNN takes groups natively; the pure-Java path computes each group directly.
      if (ctx.gemm.dnnlConv() && !w.clipped) {
        dnnl = new NativeConv(ctx.gemm.convolutions(), rank, w, cin, cout, groups, kept);
        dnnl.prepare(maxN);
      } else {
        grouped = new GroupedConv(w, cin, cout, groups, kept);
      }
      return;
    }
    // A clipped window (a dilated kernel mostly in the padding) goes to im2col, which takes
    // any offsets; oneDNN and the narrow kernel's padded volume assume the layer's geometry.
    if (ctx.gemm.narrowConv()
        && cout <= NarrowConv.MAX_OUTPUTS
        && !w.clipped
        && NarrowConv.fits(w, cin, cout)) {
      narrow = new NarrowConv(w, cin, cout, kept);
      return;
    }
    if (ctx.gemm.dnnlConv() && !w.clipped) {
      dnnl = new NativeConv(ctx.gemm.convolutions(), rank, w, cin, cout, kept);
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
