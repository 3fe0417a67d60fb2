package org.neurojoule;

/**
 * How a convolution or pooling window treats the borders, as in Keras.
 *
 * <p>{@link #VALID}: no padding, {@code out = floor((n - ((k - 1) * d + 1)) / s) + 1}. {@link
 * #SAME}: zero padding so that {@code out = ceil(n / s)}; like TensorFlow, any odd padding goes to
 * the end.
 */
public enum Padding {
  /** No padding: windows lie wholly inside the input. */
  VALID,
  /** Zero padding so that the output size is {@code ceil(n / s)}. */
  SAME;

  /** {@return the Keras spelling, {@code "valid"} or {@code "same"}} */
  public String kerasName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
