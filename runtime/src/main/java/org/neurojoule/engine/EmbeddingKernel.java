package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.Embedding;

/** Embedding: each id of the input, checked, selects a row of the table. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class EmbeddingKernel implements Kernel<Embedding> {
  @Override
  public Class<Embedding> spec() {
    return Embedding.class;
  }

  @Override
  public Op op(Embedding e, KernelInput layer) {
    return new EmbeddingOp(layer.weights()[0], e.inputDim(), e.outputDim());
  }

  /** Copies row {@code id} of the {@code (inputDim, outputDim)} table for every input entry. */
  static final class EmbeddingOp extends Op {
    private final float[] table;
    private final int inputDim;
    private final int outputDim;
    private int ids;

    EmbeddingOp(float[] table, int inputDim, int outputDim) {
      this.table = table;
      this.inputDim = inputDim;
      this.outputDim = outputDim;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      ids = Buffers.intSize(Buffers.prod(in[0], 0, in[0].length), "the ids of one example");
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      float[] x = inputs[0];
      for (int b = 0; b < n; b++) {
        for (int i = 0; i < ids; i++) {
          float v = x[b * ids + i];
          // A NaN fails both tests, so it is refused too.
          if (!(v >= 0 && v < inputDim) || v != Math.rint(v)) {
            throw new IllegalArgumentException(
                "example "
                    + (ctx.firstExample + b)
                    + " holds "
                    + v
                    + " at index "
                    + i
                    + " of its ids; an Embedding takes whole"
                    + " numbers from 0 to "
                    + (inputDim - 1)
                    + " (inputDim "
                    + inputDim
                    + ")");
          }
          System.arraycopy(
              table, (int) v * outputDim, output, (b * ids + i) * outputDim, outputDim);
        }
      }
    }
  }
}
