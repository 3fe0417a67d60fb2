package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.neurojoule.shape.Shape;

/**
 * Keras' {@code ReLU} layer: {@code max(x, 0)}, optionally capped at {@code maxValue}, with a slope
 * below {@code threshold}.
 *
 * <p>Output shape = input shape; no parameters; neurons = the output units per timestep. {@code
 * maxValue} and {@code negativeSlope} are {@code >= 0} and {@code threshold} finite, all within
 * float32's range, as the forward pass computes in float32.
 */
public record ReLU(
    OptionalDouble maxValue, double negativeSlope, double threshold, Optional<String> name)
    implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param maxValue the cap on the output
   * @param negativeSlope the slope below the threshold
   * @param threshold the input below which the negative slope applies
   * @param name the name the user gave, or empty for an automatic one
   */
  public ReLU {
    Checks.notNull(maxValue, "maxValue");
    maxValue.ifPresent(m -> Checks.nonNegativeFloat("maxValue", m));
    Checks.nonNegativeFloat("negativeSlope", negativeSlope);
    Checks.finiteFloat("threshold", threshold);
    name = Checks.name(name);
  }

  /** {@return the plain rectifier} */
  public static ReLU of() {
    return new ReLU(OptionalDouble.empty(), 0, 0, Optional.empty());
  }

  /**
   * {@return a copy capped at {@code maxValue}}
   *
   * @param maxValue the cap on the output
   */
  public ReLU maxValue(double maxValue) {
    return new ReLU(OptionalDouble.of(maxValue), negativeSlope, threshold, name);
  }

  /**
   * {@return a copy with this slope below the threshold}
   *
   * @param negativeSlope the slope below the threshold
   */
  public ReLU negativeSlope(double negativeSlope) {
    return new ReLU(maxValue, negativeSlope, threshold, name);
  }

  /**
   * {@return a copy with this threshold}
   *
   * @param threshold the input below which the negative slope applies
   */
  public ReLU threshold(double threshold) {
    return new ReLU(maxValue, negativeSlope, threshold, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public ReLU name(String name) {
    return new ReLU(maxValue, negativeSlope, threshold, Optional.of(name));
  }

  @Override
  public String type() {
    return "ReLU";
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
    return "relu";
  }
}
