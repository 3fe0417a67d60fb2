package org.neurojoule;

/**
 * The element-wise activation functions of Keras, by their Keras names.
 *
 * <p>Used by layers with an {@code activation} argument ({@code conv2d}, {@code dense}, ...), by
 * the {@code Activation} layer and by {@code SpikingActivation}. Only {@link #LINEAR} counts no
 * neurons in the energy statistics.
 */
public enum Activation {
  LINEAR("linear"),
  RELU("relu"),
  LEAKY_RELU("leaky_relu"),
  SIGMOID("sigmoid"),
  HARD_SIGMOID("hard_sigmoid"),
  TANH("tanh"),
  SOFTMAX("softmax"),
  ELU("elu"),
  SELU("selu"),
  SOFTPLUS("softplus"),
  SOFTSIGN("softsign"),
  SWISH("swish"),
  GELU("gelu");

  private final String kerasName;

  Activation(String kerasName) {
    this.kerasName = kerasName;
  }

  /** The name Keras uses for this activation, such as {@code "relu"}. */
  public String kerasName() {
    return kerasName;
  }

  /** Whether this is the identity, which needs no neuron update. */
  public boolean isLinear() {
    return this == LINEAR;
  }

  /** Looks an activation up by its Keras name, ignoring case. */
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
