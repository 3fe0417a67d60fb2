package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Softmax;

/** The Softmax layer: the softmax activation over the last axis, fused like ReLU. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class SoftmaxKernel implements Kernel<Softmax> {
  @Override
  public Class<Softmax> spec() {
    return Softmax.class;
  }

  @Override
  public Op op(Softmax s, KernelInput layer) {
    return new ElementwiseOp(Stage.biasAct(null, Activation.SOFTMAX));
  }
}
