package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.MulWeight;

/** MulWeight: each example times the stored tensor, broadcast to the example's shape once. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class MulWeightKernel implements Kernel<MulWeight> {
  @Override
  public Class<MulWeight> spec() {
    return MulWeight.class;
  }

  @Override
  public Op op(MulWeight m, KernelInput layer) {
    return new MulOp(AddWeightKernel.perExample(layer, m.shape(), "MulWeight"));
  }

  static final class MulOp extends Op {
    private final float[] per;

    MulOp(float[] per) {
      this.per = per;
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      int size = per.length;
      for (int b = 0; b < n; b++) {
        int off = b * size;
        for (int i = 0; i < size; i++) {
          out[off + i] = in[0][off + i] * per[i];
        }
      }
    }
  }
}
