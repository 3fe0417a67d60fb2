package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.Permute;

/** Permute: a transpose of each example's axes. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class PermuteKernel implements Kernel<Permute> {
  @Override
  public Class<Permute> spec() {
    return Permute.class;
  }

  @Override
  public Op op(Permute p, KernelInput layer) {
    return new PermuteOp(p.dims().stream().mapToInt(d -> d - 1).toArray());
  }

  /** Output axis {@code k} walks input axis {@code from[k]}: each output entry reads one input. */
  static final class PermuteOp extends Op {
    private final int[] from;
    private int[] out;

    /** The input stride of each output axis. */
    private long[] strides;

    private long size;

    PermuteOp(int[] from) {
      this.from = from.clone();
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      this.out = out.clone();
      long[] inStrides = new long[in[0].length];
      long s = 1;
      for (int k = inStrides.length - 1; k >= 0; k--) {
        inStrides[k] = s;
        s *= in[0][k];
      }
      strides = new long[from.length];
      for (int k = 0; k < from.length; k++) {
        strides[k] = inStrides[from[k]];
      }
      size = s;
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] output, Epilogue epi) {
      float[] x = in[0];
      int rank = out.length;
      int[] pos = new int[rank];
      for (int b = 0; b < n; b++) {
        java.util.Arrays.fill(pos, 0);
        long src = b * size;
        int to = Math.toIntExact(b * size);
        for (long e = 0; e < size; e++) {
          output[to++] = x[(int) src];
          for (int k = rank - 1; k >= 0; k--) {
            src += strides[k];
            if (++pos[k] < out[k]) {
              break;
            }
            src -= strides[k] * out[k];
            pos[k] = 0;
          }
        }
      }
    }
  }
}
