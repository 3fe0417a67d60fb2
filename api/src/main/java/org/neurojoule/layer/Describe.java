package org.neurojoule.layer;

import java.util.List;

/** The short readable forms of declarations, used in messages and in a model's toString. */
final class Describe {
  private Describe() {}

  /** {@code head} + kernel, then the options that differ from Keras' defaults. */
  static String window(
      String head,
      List<Integer> kernel,
      List<Integer> strides,
      Padding padding,
      List<Integer> dilation,
      Activation activation,
      boolean useBias) {
    StringBuilder s = new StringBuilder(head).append(Checks.dims(kernel));
    if (!Checks.allOnes(strides)) {
      s.append(", strides ").append(Checks.dims(strides));
    }
    if (padding != Padding.VALID) {
      s.append(", ").append(padding.kerasName());
    }
    if (!Checks.allOnes(dilation)) {
      s.append(", dilation ").append(Checks.dims(dilation));
    }
    return s.append(activationAndBias(activation, useBias)).append(')').toString();
  }

  static String activationAndBias(Activation activation, boolean useBias) {
    return (activation.isLinear() ? "" : ", " + activation.kerasName())
        + (useBias ? "" : ", no bias");
  }
}
