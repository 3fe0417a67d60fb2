package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;

/**
 * Keras' {@code ELU} layer: {@code x} for {@code x > 0}, {@code alpha * (exp(x) - 1)} below
 * (default alpha 1). {@code alpha} is {@code >= 0} and within float32's range, as the forward pass
 * computes in float32.
 *
 * <p>Output shape = input shape; no parameters. Under {@link Accounting#COMPLETE} its neurons are
 * the output units per timestep, as for {@code Activation("elu")}, and it is not spiking. The
 * reference has no rule for the {@code ELU} layer, so under {@link Accounting#KERAS_SPIKING} it
 * counts 0 with its warning.
 *
 * @param alpha the scale of the negative part
 * @param name the name the user gave, or empty for an automatic one
 */
public record ELU(double alpha, Optional<String> name) implements LayerSpec {
  /** Keras' default scale. */
  public static final double DEFAULT_ALPHA = 1.0;

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param alpha the scale of the negative part
   * @param name the name the user gave, or empty for an automatic one
   */
  public ELU {
    Checks.nonNegativeFloat("alpha", alpha);
    name = Checks.name(name);
  }

  /** {@return an ELU with the default alpha} */
  public static ELU of() {
    return new ELU(DEFAULT_ALPHA, Optional.empty());
  }

  /**
   * {@return a copy with this alpha}
   *
   * @param alpha the scale of the negative part
   */
  public ELU alpha(double alpha) {
    return new ELU(alpha, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public ELU name(String name) {
    return new ELU(alpha, Optional.of(name));
  }

  @Override
  public String type() {
    return "ELU";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    return Checks.single(inputs);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    if (accounting == Accounting.KERAS_SPIKING) {
      return Optional.empty();
    }
    return Optional.of(LayerStats.neuronsOnly(Checks.unitsPerStep(output, inputs, "output")));
  }

  @Override
  public LayerKind layerKind() {
    return LayerKind.ACTIVATIONS;
  }

  @Override
  public String describe() {
    return alpha == DEFAULT_ALPHA ? "elu" : "elu(" + alpha + ")";
  }
}
