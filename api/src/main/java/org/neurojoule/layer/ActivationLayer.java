package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;

/**
 * Keras' {@code Activation} layer: an element-wise {@link Activation} (softmax over the last axis).
 *
 * <p>Output shape = input shape; no parameters; neurons = the output units per timestep, none for
 * {@code linear} (which is then spiking, as it needs no conversion).
 */
public record ActivationLayer(Activation activation, Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param activation the activation function
   * @param name the name the user gave, or empty for an automatic one
   */
  public ActivationLayer {
    Checks.notNull(activation, "activation");
    name = Checks.name(name);
  }

  /**
   * {@return an unnamed activation layer}
   *
   * @param activation the activation function
   */
  public static ActivationLayer of(Activation activation) {
    return new ActivationLayer(activation, Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public ActivationLayer name(String name) {
    return new ActivationLayer(activation, Optional.of(name));
  }

  @Override
  public String type() {
    return "Activation";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    return Checks.single(inputs);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    long size = Checks.unitsPerStep(output, inputs, "output");
    return Optional.of(LayerStats.withActivation(0, size, activation));
  }

  @Override
  public LayerKind layerKind() {
    return LayerKind.ACTIVATIONS;
  }

  @Override
  public String describe() {
    return "activation(" + activation.kerasName() + ")";
  }
}
