package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.MatMul;

/** The product of two activations, batched over the leading axes (broadcast where 1). */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class MatMulKernel implements Kernel<MatMul> {
  @Override
  public Class<MatMul> spec() {
    return MatMul.class;
  }

  @Override
  public Op op(MatMul m, KernelInput layer) {
    return new BatchedMatMulOp();
  }

  /** One {@code (M, K) · (K, N)} product per batch entry, in double sums for accuracy. */
  static final class BatchedMatMulOp extends Op {
    private int m;
    private int k;
    private int n;
    private int entries;
    private long sizeA;
    private long sizeB;

    /** Per output batch entry, the offset of its matrices in one example of each input. */
    private long[] offA;

    private long[] offB;

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      int rank = out.length;
      m = out[rank - 2];
      n = out[rank - 1];
      k = in[0][in[0].length - 1];
      entries = Math.toIntExact(Buffers.prod(out, 0, rank - 2));
      sizeA = Buffers.prod(in[0], 0, in[0].length);
      sizeB = Buffers.prod(in[1], 0, in[1].length);
      offA = offsets(in[0], out, (long) m * k);
      offB = offsets(in[1], out, (long) k * n);
    }

    /** Where each output batch entry's matrix starts in {@code in}, broadcasting axes of 1. */
    private static long[] offsets(int[] in, int[] out, long matrix) {
      int batchAxes = out.length - 2;
      int lead = out.length - in.length;
      long[] off = new long[Math.toIntExact(Buffers.prod(out, 0, batchAxes))];
      for (int e = 0; e < off.length; e++) {
        long rest = e;
        long o = 0;
        long stride = matrix;
        for (int axis = batchAxes - 1; axis >= 0; axis--) {
          long idx = rest % out[axis];
          rest /= out[axis];
          int dim = axis < lead ? 1 : in[axis - lead];
          o += (dim == 1 ? 0 : idx) * stride;
          stride *= dim;
        }
        off[e] = o;
      }
      return off;
    }

    @Override
    void run(Ctx ctx, int examples, float[][] in, float[] output, Epilogue epi) {
      float[] a = in[0];
      float[] b = in[1];
      int rows = Math.toIntExact((long) examples * entries * m);
      Parallel.forRange(
          rows,
          16,
          (from, to) -> {
            for (int row = from; row < to; row++) {
              int i = row % m;
              int entry = (row / m) % entries;
              int example = row / m / entries;
              long baseA = example * sizeA + offA[entry] + (long) i * k;
              long baseB = example * sizeB + offB[entry];
              int o = row * n;
              for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                  s += (double) a[(int) (baseA + p)] * b[(int) (baseB + (long) p * n + j)];
                }
                output[o + j] = (float) s;
              }
            }
          });
    }
  }
}
