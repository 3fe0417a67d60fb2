package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.ZeroPadding;

/**
 * ZeroPadding1D/2D/3D: an index map whose out-of-range entries are a constant, mirrored or edge.
 */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class ZeroPaddingKernel implements Kernel<ZeroPadding> {
  @Override
  public Class<ZeroPadding> spec() {
    return ZeroPadding.class;
  }

  @Override
  public Op op(ZeroPadding z, KernelInput layer) {
    int[] scale = new int[z.rank()];
    int[] offset = new int[z.rank()];
    for (int i = 0; i < z.rank(); i++) {
      scale[i] = 1;
      offset[i] = -z.padding().get(2 * i);
    }
    return new AxisMapOp(scale, offset, z.mode(), (float) z.value());
  }

  /**
   * Copies channel rows along spatial axes: output index {@code o} of axis {@code i} reads input
   * index {@code floor(o / scale[i]) + offset[i]}; where that is outside the input, {@code fill}
   * (constant mode), the index mirrored at the edge (reflect) or the edge index. Padding, cropping
   * and nearest up-sampling are all such maps.
   */
  static final class AxisMapOp extends Op {
    private final int[] scale;
    private final int[] offset;
    private final ZeroPadding.Mode mode;
    private final float fill;
    private int[] in;
    private int[] out;

    AxisMapOp(int[] scale, int[] offset) {
      this(scale, offset, ZeroPadding.Mode.CONSTANT, 0f);
    }

    AxisMapOp(int[] scale, int[] offset, ZeroPadding.Mode mode, float fill) {
      this.scale = scale.clone();
      this.offset = offset.clone();
      this.mode = mode;
      this.fill = fill;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      this.in = in[0].clone();
      this.out = out.clone();
      this.runs = null;
      for (int i = 0; mode == ZeroPadding.Mode.REFLECT && i < offset.length; i++) {
        // A time axis undefined at build time is only known here.
        int widest = Math.max(-offset[i], this.out[i] - this.in[i] + offset[i]);
        if (widest >= this.in[i]) {
          throw new IllegalArgumentException(
              "reflect padding "
                  + widest
                  + " of axis "
                  + i
                  + " needs an axis longer than that, but the data's is "
                  + this.in[i]);
        }
      }
    }

    /** The input index that output index {@code j} of an axis of size {@code n} reads, or -1. */
    private int source(int j, int n) {
      if (j >= 0 && j < n) {
        return j;
      }
      return switch (mode) {
        case CONSTANT -> -1;
        case REFLECT -> j < 0 ? -j : 2 * (n - 1) - j;
        case EDGE -> j < 0 ? 0 : n - 1;
      };
    }

    /**
     * One example's map as runs of whole rows: {@code (output offset, input offset or -1 for the
     * fill, length)} in floats, consecutive rows that read consecutive input rows merged, so that a
     * padded row's interior is one copy.
     */
    private int[] runs;

    private int runCount;

    private void plan() {
      int rank = scale.length;
      int c = out[rank];
      int rows = Math.toIntExact(Buffers.prod(out, 0, out.length) / Math.max(1, c));
      int[] r = new int[3 * Math.max(1, rows)];
      int count = 0;
      int[] pos = new int[rank];
      for (int row = 0; row < rows; row++) {
        int src = 0;
        for (int i = 0; i < rank && src >= 0; i++) {
          int j = source(Math.floorDiv(pos[i], scale[i]) + offset[i], in[i]);
          src = j < 0 ? -1 : src * in[i] + j;
        }
        int from = src < 0 ? -1 : src * c;
        int last = 3 * (count - 1);
        boolean merges =
            count > 0
                && r[last] + r[last + 2] == row * c
                && (from < 0
                    ? r[last + 1] < 0
                    : r[last + 1] >= 0 && r[last + 1] + r[last + 2] == from);
        if (merges) {
          r[last + 2] += c;
        } else {
          r[3 * count] = row * c;
          r[3 * count + 1] = from;
          r[3 * count + 2] = c;
          count++;
        }
        for (int i = rank - 1; i >= 0 && ++pos[i] == out[i]; i--) {
          pos[i] = 0;
        }
      }
      runs = r;
      runCount = count;
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      if (runs == null) {
        plan();
      }
      int inSize = Math.toIntExact(Buffers.prod(in, 0, in.length));
      int outSize = Math.toIntExact(Buffers.prod(out, 0, out.length));
      float[] x = inputs[0];
      int[] r = runs;
      int count = runCount;
      Parallel.forRange(
          n,
          Math.max(1, (1 << 16) / Math.max(1, outSize)),
          (from, to) -> {
            for (int b = from; b < to; b++) {
              int dst = b * outSize;
              int src = b * inSize;
              for (int k = 0; k < 3 * count; k += 3) {
                if (r[k + 1] < 0) {
                  java.util.Arrays.fill(output, dst + r[k], dst + r[k] + r[k + 2], fill);
                } else {
                  System.arraycopy(x, src + r[k + 1], output, dst + r[k], r[k + 2]);
                }
              }
            }
          });
    }
  }
}
