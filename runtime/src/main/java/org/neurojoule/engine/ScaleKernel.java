package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.Scale;

/** Scale, in the spiking simulation only: each unit's input times its factor. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class ScaleKernel implements Kernel<Scale> {
  @Override
  public Class<Scale> spec() {
    return Scale.class;
  }

  @Override
  public Op op(Scale spec, KernelInput layer) {
    return null;
  }

  @Override
  public Op stepOp(Scale spec, KernelInput layer) {
    return new ScaleOp(layer.weights()[0]);
  }

  /** {@code y[j] = x[j] * scale[j % units]}. */
  static final class ScaleOp extends Op {
    private final float[] scale;
    private int units;

    ScaleOp(float[] scale) {
      this.scale = scale;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      units = (int) Buffers.prod(out, 0, out.length);
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      float[] x = inputs[0];
      int len = n * units;
      for (int j = 0; j < len; j++) {
        output[j] = x[j] * scale[j % units];
      }
    }
  }
}
