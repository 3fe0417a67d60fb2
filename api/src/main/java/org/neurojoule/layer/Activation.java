package org.neurojoule.layer;

/**
 * The element-wise activation functions of Keras, by their Keras names.
 *
 * <p>Used by layers with an {@code activation} argument ({@code conv2d}, {@code dense}, ...), by
 * the {@code Activation} layer and by {@code SpikingActivation}. Only {@link #LINEAR} counts no
 * neurons in the energy statistics.
 */
public enum Activation {
  /** The identity: no neuron update. */
  LINEAR("linear"),
  /** max(x, 0). */
  RELU("relu"),
  /**
   * {@code x} for {@code x >= 0}, {@code 0.2 * x} below: the slope is {@code tf.nn.leaky_relu}'s
   * default. The {@code LeakyReLU} layer ({@code leakyRelu()}) is configurable and defaults to
   * Keras 2's alpha 0.3.
   */
  LEAKY_RELU("leaky_relu"),
  /** 1 / (1 + e^-x). */
  SIGMOID("sigmoid"),
  /**
   * Keras 2's (tf.keras up to 2.15) piecewise-linear sigmoid, {@code clip(0.2 * x + 0.5, 0, 1)}.
   * Keras 3 changed it to {@code relu6(x + 3) / 6} (slope 1/6, saturating at {@code |x| = 3}
   * instead of 2.5): the two agree only at 0 and for {@code |x| >= 3}, and this is the Keras 2 one.
   */
  HARD_SIGMOID("hard_sigmoid"),
  /** The hyperbolic tangent. */
  TANH("tanh"),
  /** e^x normalized over the last axis. */
  SOFTMAX("softmax"),
  /** The exponential linear unit. */
  ELU("elu"),
  /** The scaled exponential linear unit. */
  SELU("selu"),
  /** log(1 + e^x). */
  SOFTPLUS("softplus"),
  /** x / (1 + |x|). */
  SOFTSIGN("softsign"),
  /** x * sigmoid(x). */
  SWISH("swish"),
  /** The Gaussian error linear unit. */
  GELU("gelu"),
  /** x * relu6(x + 3) / 6 (PyTorch's Hardswish, MobileNetV3's h-swish). */
  HARD_SWISH("hard_swish"),
  /** The logarithm of the softmax over the last axis. */
  LOG_SOFTMAX("log_softmax"),
  /** e^x (Keras' {@code exponential}; ONNX's Exp). */
  EXPONENTIAL("exponential"),
  /** |x| (ONNX's Abs; Keras has no such activation). */
  ABS("abs");

  private final String kerasName;

  Activation(String kerasName) {
    this.kerasName = kerasName;
  }

  /** {@return the name Keras uses for this activation, such as {@code "relu"}} */
  public String kerasName() {
    return kerasName;
  }

  /** {@return whether this is the identity, which needs no neuron update} */
  public boolean isLinear() {
    return this == LINEAR;
  }

  /**
   * Looks an activation up by its Keras name, ignoring case.
   *
   * @param name the Keras name, such as {@code "relu"}
   * @return the activation
   * @throws IllegalArgumentException if no activation has that name
   */
  public static Activation fromKerasName(String name) {
    for (Activation a : values()) {
      if (a.kerasName.equalsIgnoreCase(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + name + "'");
  }

  @Override
  public String toString() {
    return kerasName;
  }
}
