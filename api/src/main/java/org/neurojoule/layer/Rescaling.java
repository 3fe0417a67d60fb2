package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;

/**
 * Keras' {@code Rescaling}: {@code x * scale + offset} element-wise (EfficientNet's {@code 1/255}
 * on its input). {@code scale} and {@code offset} are finite and within float32's range, as the
 * forward pass computes in float32.
 *
 * <p>Output shape = input shape; no parameters. Under {@link Accounting#COMPLETE} it counts 0, as
 * batch normalization does: a constant affine map folds into the next layer's weights on
 * deployment. The reference has no rule for it (0 with a warning under {@link
 * Accounting#KERAS_SPIKING}).
 *
 * @param scale the factor
 * @param offset the shift added after scaling
 * @param name the name the user gave, or empty for an automatic one
 */
public record Rescaling(double scale, double offset, Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param scale the factor
   * @param offset the shift added after scaling
   * @param name the name the user gave, or empty for an automatic one
   */
  public Rescaling {
    Checks.finiteFloat("scale", scale);
    Checks.finiteFloat("offset", offset);
    name = Checks.name(name);
  }

  /**
   * {@return Keras' {@code Rescaling} without offset}
   *
   * @param scale the factor
   */
  public static Rescaling of(double scale) {
    return new Rescaling(scale, 0, Optional.empty());
  }

  /**
   * {@return a copy with this offset}
   *
   * @param offset the shift added after scaling
   */
  public Rescaling offset(double offset) {
    return new Rescaling(scale, offset, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Rescaling name(String name) {
    return new Rescaling(scale, offset, Optional.of(name));
  }

  @Override
  public String type() {
    return "Rescaling";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    return Checks.single(inputs);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return accounting == Accounting.KERAS_SPIKING ? Optional.empty() : Optional.of(LayerStats.NONE);
  }

  @Override
  public String describe() {
    return "rescaling(" + scale + (offset == 0 ? "" : ", offset " + offset) + ")";
  }
}
