package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.UpSampling;

/** UpSampling1D/2D/3D, nearest: an index map that reads each entry {@code size} times. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class UpSamplingKernel implements Kernel<UpSampling> {
  @Override
  public Class<UpSampling> spec() {
    return UpSampling.class;
  }

  @Override
  public Op op(UpSampling u, KernelInput layer) {
    int[] scale = u.size().stream().mapToInt(Integer::intValue).toArray();
    return new ZeroPaddingKernel.AxisMapOp(scale, new int[u.rank()]);
  }
}
