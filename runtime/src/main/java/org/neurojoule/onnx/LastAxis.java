package org.neurojoule.onnx;

import org.neurojoule.Activation;
import org.neurojoule.Tensor;

/** Normalizations over one axis that NeuroJoule computes over its last axis only. */
final class LastAxis {
  private LastAxis() {}

  /** LogSoftmax as the {@code log_softmax} activation, where ONNX's axis is the last one here. */
  static Act logSoftmax(NodeAt at, Act x, int opset) {
    long axis = at.integer("axis", opset >= 13 ? -1 : 1);
    int rank = x.onnx().length;
    if (opset < 13 && rank > 1) {
      throw at.error("LogSoftmax before opset 13 flattens the dims from axis " + axis + ";"
          + " supported on flat inputs only");
    }
    int a = Ops.njAxis(at, x, axis);
    if (a != rank) {
      throw at.error("LogSoftmax over axis " + axis + " of " + Const.text(x.onnx()) + " is not"
          + " supported; it maps to the log_softmax activation over the channels-last axis"
          + " (the ONNX channel axis 1, or a flat input)");
    }
    Tensor t = at.guard(() -> x.tensor().activation(Activation.LOG_SOFTMAX,
        l -> l.name(at.name)));
    return x.with(t);
  }
}
