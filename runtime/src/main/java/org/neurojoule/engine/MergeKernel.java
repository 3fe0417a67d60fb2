package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.Merge;

/** Multiply, Subtract, Average, Maximum, Minimum: element-wise, inputs broadcast as Keras does. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class MergeKernel implements Kernel<Merge> {
  @Override
  public Class<Merge> spec() {
    return Merge.class;
  }

  @Override
  public Op op(Merge m, KernelInput layer) {
    return new BroadcastMergeOp(m.kind());
  }

  /**
   * Combines the inputs row by row along the last output axis; an input whose size on an axis is 1
   * (or that lacks leading axes) is read with stride 0 there, so it repeats.
   */
  static final class BroadcastMergeOp extends Op {
    private final Merge.Kind kind;
    private int[] out;
    private long[] inSize;

    /** Per input, the stride in its own buffer of each output axis (0 where it broadcasts). */
    private long[][] strides;

    BroadcastMergeOp(Merge.Kind kind) {
      this.kind = kind;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      this.out = out.clone();
      int rank = out.length;
      inSize = new long[in.length];
      strides = new long[in.length][rank];
      for (int i = 0; i < in.length; i++) {
        int lead = rank - in[i].length;
        long stride = 1;
        for (int k = rank - 1; k >= 0; k--) {
          int dim = k < lead ? 1 : in[i][k - lead];
          strides[i][k] = dim == 1 ? 0 : stride;
          stride *= dim;
        }
        inSize[i] = stride;
      }
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] output, Epilogue epi) {
      int rank = out.length;
      int c = out[rank - 1];
      long perExample = Buffers.prod(out, 0, rank) / c;
      int rows = Math.toIntExact(n * perExample);
      float inv = 1f / in.length;
      Parallel.forRange(
          rows,
          64,
          (from, to) -> {
            long[] base = new long[in.length];
            for (int row = from; row < to; row++) {
              long b = row / perExample;
              long rest = row % perExample;
              for (int i = 0; i < in.length; i++) {
                base[i] = b * inSize[i];
              }
              for (int k = rank - 2; k >= 0; k--) {
                long p = rest % out[k];
                rest /= out[k];
                for (int i = 0; i < in.length; i++) {
                  base[i] += p * strides[i][k];
                }
              }
              int o = row * c;
              float[] x0 = in[0];
              int b0 = (int) base[0];
              int s0 = (int) strides[0][rank - 1];
              for (int j = 0; j < c; j++) {
                output[o + j] = x0[b0 + j * s0];
              }
              for (int i = 1; i < in.length; i++) {
                combine(in[i], (int) base[i], (int) strides[i][rank - 1], output, o, c);
              }
              if (kind == Merge.Kind.AVERAGE) {
                for (int j = 0; j < c; j++) {
                  output[o + j] *= inv;
                }
              }
            }
          });
    }

    private void combine(float[] x, int from, int step, float[] y, int o, int c) {
      switch (kind) {
        case MULTIPLY -> {
          for (int j = 0; j < c; j++) {
            y[o + j] *= x[from + j * step];
          }
        }
        case SUBTRACT -> {
          for (int j = 0; j < c; j++) {
            y[o + j] -= x[from + j * step];
          }
        }
        case AVERAGE -> {
          for (int j = 0; j < c; j++) {
            y[o + j] += x[from + j * step];
          }
        }
        case MAXIMUM -> {
          for (int j = 0; j < c; j++) {
            y[o + j] = Math.max(y[o + j], x[from + j * step]);
          }
        }
        case MINIMUM -> {
          for (int j = 0; j < c; j++) {
            y[o + j] = Math.min(y[o + j], x[from + j * step]);
          }
        }
      }
    }
  }
}
