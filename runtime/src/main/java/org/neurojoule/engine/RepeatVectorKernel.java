package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.RepeatVector;

/** RepeatVector: each example's vector copied {@code n} times. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class RepeatVectorKernel implements Kernel<RepeatVector> {
  @Override
  public Class<RepeatVector> spec() {
    return RepeatVector.class;
  }

  @Override
  public Op op(RepeatVector r, KernelInput layer) {
    return new RepeatOp(r.n());
  }

  static final class RepeatOp extends Op {
    private final int repeats;
    private int features;

    RepeatOp(int repeats) {
      this.repeats = repeats;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      features = in[0][0];
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      int perExample = Math.multiplyExact(repeats, features);
      for (int b = 0; b < n; b++) {
        for (int r = 0; r < repeats; r++) {
          System.arraycopy(in[0], b * features, out, b * perExample + r * features, features);
        }
      }
    }
  }
}
