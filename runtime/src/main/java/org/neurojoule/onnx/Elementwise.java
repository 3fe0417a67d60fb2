package org.neurojoule.onnx;

import org.neurojoule.Activation;
import org.neurojoule.Tensor;

/**
 * Element-wise operators of one activation: Neg as a rescaling by -1, Exp, Abs, Softplus and
 * Softsign as activations (Keras' {@code exponential}, {@code softplus}, {@code softsign}; {@code
 * abs}). Each keeps its input's layout.
 */
final class Elementwise {
  private Elementwise() {}

  static Act apply(NodeAt at, Act x) {
    Tensor t = at.guard(() -> switch (at.op()) {
      case "Neg" -> x.tensor().rescaling(-1, r -> r.name(at.name));
      case "Exp" -> activation(at, x, Activation.EXPONENTIAL);
      case "Abs" -> activation(at, x, Activation.ABS);
      case "Softplus" -> activation(at, x, Activation.SOFTPLUS);
      case "Softsign" -> activation(at, x, Activation.SOFTSIGN);
      default -> throw at.error("is not an element-wise operator");
    });
    return LastAxis.keep(x, t);
  }

  private static Tensor activation(NodeAt at, Act x, Activation a) {
    return x.tensor().activation(a, l -> l.name(at.name));
  }
}
