package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.Rescaling;

/** Rescaling: {@code x * scale + offset}, a per-channel affine stage fused like batch norm. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class RescalingKernel implements Kernel<Rescaling> {
  @Override
  public Class<Rescaling> spec() {
    return Rescaling.class;
  }

  @Override
  public Op op(Rescaling r, KernelInput layer) {
    int[] in = layer.inputShape(0);
    int c = in.length == 0 ? 1 : in[in.length - 1];
    float[] scale = new float[c];
    float[] shift = new float[c];
    java.util.Arrays.fill(scale, (float) r.scale());
    java.util.Arrays.fill(shift, (float) r.offset());
    return new ElementwiseOp(Stage.affine(scale, shift));
  }
}
