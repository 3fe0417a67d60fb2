package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.Cropping;

/** Cropping1D/2D/3D: an index map that starts past the cropped entries. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class CroppingKernel implements Kernel<Cropping> {
  @Override
  public Class<Cropping> spec() {
    return Cropping.class;
  }

  @Override
  public Op op(Cropping c, KernelInput layer) {
    int[] scale = new int[c.rank()];
    int[] offset = new int[c.rank()];
    for (int i = 0; i < c.rank(); i++) {
      scale[i] = 1;
      offset[i] = c.cropping().get(2 * i);
    }
    return new ZeroPaddingKernel.AxisMapOp(scale, offset);
  }
}
