package org.neurojoule.layer;

/**
 * How a convolution or pooling window treats the borders, as in Keras.
 *
 * <p>{@link #VALID}: no padding, {@code out = floor((n - ((k - 1) * d + 1)) / s) + 1}. {@link
 * #SAME}: zero padding so that {@code out = ceil(n / s)}; like TensorFlow, any odd padding goes to
 * the end. {@link #CAUSAL} (Conv1D only): {@code (k - 1) * d} zeros before the time axis and none
 * after, so that output {@code t} sees inputs up to {@code t * s} only; {@code out = ceil(n / s)}.
 */
public enum Padding {
  /** No padding: windows lie wholly inside the input. */
  VALID,
  /** Zero padding so that the output size is {@code ceil(n / s)}. */
  SAME,
  /**
   * Zero padding before the axis only, {@code (k - 1) * d} positions, so that no output reads a
   * later input; Keras allows it on Conv1D only.
   */
  CAUSAL;

  /** {@return the Keras spelling, {@code "valid"}, {@code "same"} or {@code "causal"}} */
  public String kerasName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
