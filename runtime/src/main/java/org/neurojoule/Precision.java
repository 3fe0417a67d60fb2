package org.neurojoule;

import java.util.List;
import java.util.Objects;

/**
 * The number formats a layer stores: one per weight array, in the layer's weight order (see {@link
 * Layer#setWeights}), and the format of its output activations. Importers of quantized models
 * record it ({@link Layer#setPrecision}); a layer without one is float32 throughout.
 *
 * <p>An int8 convolution from TFLite is {@code Precision.of(Dtype.INT8, Dtype.INT8, Dtype.INT32)}:
 * int8 activations, an int8 kernel and an int32 bias. A weight array past the end of {@code
 * weights} takes the list's last entry; an empty list means the weights are stored like the
 * activations.
 *
 * @param activations the format of the layer's output values
 * @param weights the format of each weight array, in the layer's weight order
 */
public record Precision(Dtype activations, List<Dtype> weights) {
  /** Every weight and activation in float32: what a layer without a recorded precision is. */
  public static final Precision FLOAT32 = uniform(Dtype.FLOAT32);

  /**
   * Checks and copies the list.
   *
   * @param activations the format of the layer's output values
   * @param weights the format of each weight array, in the layer's weight order
   */
  public Precision {
    Objects.requireNonNull(activations, "activations == null");
    weights = List.copyOf(weights);
  }

  /**
   * {@return a precision with these activations and weight arrays}
   *
   * @param activations the format of the layer's output values
   * @param weights the format of each weight array, in the layer's weight order
   */
  public static Precision of(Dtype activations, Dtype... weights) {
    return new Precision(activations, List.of(weights));
  }

  /**
   * {@return weights and activations all stored in {@code dtype}}
   *
   * @param dtype the one format
   */
  public static Precision uniform(Dtype dtype) {
    return new Precision(dtype, List.of());
  }

  /**
   * {@return the format of weight array {@code index}}
   *
   * @param index the array's position in the layer's weight order, from 0
   */
  public Dtype weight(int index) {
    if (index < 0) {
      throw new IndexOutOfBoundsException("weight array " + index);
    }
    if (weights.isEmpty()) {
      return activations;
    }
    return weights.get(Math.min(index, weights.size() - 1));
  }

  /**
   * {@return the format of the layer's main weights (its first array), as the {@code dtype} column
   * shows it}
   */
  public Dtype mainWeights() {
    return weight(0);
  }

  /**
   * {@return whether the activations and every weight array are float32, as an unrecorded layer}
   */
  public boolean isFloat32() {
    return activations == Dtype.FLOAT32 && weights.stream().allMatch(d -> d == Dtype.FLOAT32);
  }

  /** {@return {@code weights/activations}, such as {@code int8/int8}, or one name if equal} */
  @Override
  public String toString() {
    Dtype w = mainWeights();
    return w == activations ? w.toString() : w + "/" + activations;
  }
}
