package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.Accounting;
import org.neurojoule.shape.Shape;

/**
 * Keras' {@code Flatten}: all dimensions into one, {@code (prod(input))}; undefined if any input
 * dimension is. No parameters, no statistics.
 */
public record Flatten(Optional<String> name) implements LayerSpec {

  public Flatten {
    name = Checks.name(name);
  }

  /** An unnamed flatten layer. */
  public static Flatten of() {
    return new Flatten(Optional.empty());
  }

  /** A copy with this name. */
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
    return Shape.of(Math.toIntExact(n));
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return Optional.of(LayerStats.NONE);
  }

  @Override
  public String describe() {
    return "flatten";
  }
}
