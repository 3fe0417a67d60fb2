package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;

/**
 * Keras' {@code LeakyReLU}: {@code x} for {@code x >= 0}, {@code alpha * x} below (Keras 2's
 * default alpha, 0.3). {@code alpha} is {@code >= 0} and within float32's range, as the forward
 * pass computes in float32.
 *
 * <p>Output shape = input shape; no parameters; neurons = the output units per timestep.
 */
public record LeakyReLU(double alpha, Optional<String> name) implements LayerSpec {
  /** Keras 2's default slope. */
  public static final double DEFAULT_ALPHA = 0.3;

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param alpha the slope below zero
   * @param name the name the user gave, or empty for an automatic one
   */
  public LeakyReLU {
    Checks.nonNegativeFloat("alpha", alpha);
    name = Checks.name(name);
  }

  /** {@return a leaky ReLU with the default slope} */
  public static LeakyReLU of() {
    return new LeakyReLU(DEFAULT_ALPHA, Optional.empty());
  }

  /**
   * {@return a copy with this slope}
   *
   * @param alpha the slope below zero
   */
  public LeakyReLU alpha(double alpha) {
    return new LeakyReLU(alpha, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public LeakyReLU name(String name) {
    return new LeakyReLU(alpha, Optional.of(name));
  }

  @Override
  public String type() {
    return "LeakyReLU";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    return Checks.single(inputs);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return Optional.of(LayerStats.neuronsOnly(Checks.unitsPerStep(output, inputs, "output")));
  }

  @Override
  public LayerKind layerKind() {
    return LayerKind.ACTIVATIONS;
  }

  @Override
  public String describe() {
    return alpha == DEFAULT_ALPHA ? "leakyRelu" : "leakyRelu(" + alpha + ")";
  }
}
