package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code Flatten}: all dimensions into one, {@code (prod(input))}; undefined if any input
 * dimension is. No parameters, no statistics.
 */
public record Flatten(Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param name the name the user gave, or empty for an automatic one
   */
  public Flatten {
    name = Checks.name(name);
  }

  /** {@return an unnamed flatten layer} */
  public static Flatten of() {
    return new Flatten(Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Flatten name(String name) {
    return new Flatten(Optional.of(name));
  }

  @Override
  public String type() {
    return "Flatten";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    long n = Checks.single(inputs).elementCount().orElse(Shape.NONE);
    if (n > Integer.MAX_VALUE) {
      throw ShapeException.of(
          ShapeError.OVERFLOW,
          inputs,
          "flattening "
              + Checks.single(inputs)
              + " gives "
              + n
              + " elements, more than one dimension holds ("
              + Integer.MAX_VALUE
              + ")");
    }
    return Shape.of((int) n);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return Optional.of(LayerStats.NONE);
  }

  @Override
  public boolean movesValuesOnly() {
    return true;
  }

  @Override
  public String describe() {
    return "flatten";
  }
}
