package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code Softmax} layer over the last axis ({@code axis} -1, or the last axis in Keras'
 * numbering where the batch is 0); another axis is refused.
 *
 * <p>Output shape = input shape; no parameters. Under {@link Accounting#COMPLETE} its neurons are
 * the output units per timestep, as for {@code Activation("softmax")}, and it is not spiking. The
 * reference has no rule for the {@code Softmax} layer (only {@code Activation}, {@code ReLU} and
 * {@code LeakyReLU}), so under {@link Accounting#KERAS_SPIKING} it counts 0 with its warning.
 *
 * @param axis the axis normalized, in Keras' numbering
 * @param name the name the user gave, or empty for an automatic one
 */
public record Softmax(int axis, Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param axis the axis normalized, in Keras' numbering
   * @param name the name the user gave, or empty for an automatic one
   */
  public Softmax {
    if (axis == 0) {
      throw ShapeException.invalid("softmax axis 0 is the batch; use -1 (the last axis)");
    }
    name = Checks.name(name);
  }

  /** {@return a softmax over the last axis} */
  public static Softmax of() {
    return new Softmax(-1, Optional.empty());
  }

  /**
   * {@return a copy over this axis; only the last one runs}
   *
   * @param axis the axis in Keras' numbering (the batch is 0); -1 is the last
   */
  public Softmax axis(int axis) {
    return new Softmax(axis, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Softmax name(String name) {
    return new Softmax(axis, Optional.of(name));
  }

  @Override
  public String type() {
    return "Softmax";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    if (axis != -1 && axis != in.rank()) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "softmax over axis "
              + axis
              + " of "
              + in.toKerasString()
              + " is not supported; NeuroJoule normalizes the last"
              + " axis only (-1)");
    }
    return in;
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
    return axis == -1 ? "softmax" : "softmax(axis " + axis + ")";
  }
}
