package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code Add}: the element-wise sum of two or more inputs of the same shape. No parameters,
 * no statistics.
 */
public record Add(Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param name the name the user gave, or empty for an automatic one
   */
  public Add {
    name = Checks.name(name);
  }

  /** {@return an unnamed add layer} */
  public static Add of() {
    return new Add(Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Add name(String name) {
    return new Add(Optional.of(name));
  }

  @Override
  public String type() {
    return "Add";
  }

  @Override
  public int minInputs() {
    return 2;
  }

  @Override
  public int maxInputs() {
    return Integer.MAX_VALUE;
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape first = inputs.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      if (!inputs.get(i).equals(first)) {
        throw ShapeException.of(
            ShapeError.ADD_SHAPE_MISMATCH,
            inputs,
            "cannot add inputs of"
                + " different shapes "
                + Layers.listShapes(inputs)
                + "; input "
                + i
                + " is "
                + inputs.get(i)
                + " but input 0 is "
                + first);
      }
    }
    return first;
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return Optional.of(LayerStats.NONE);
  }

  @Override
  public String describe() {
    return "add";
  }
}
