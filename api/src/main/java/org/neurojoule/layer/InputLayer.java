package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.Accounting;
import org.neurojoule.shape.Shape;

/**
 * The input of a model: one example of the data has {@code shape}. No parameters, no
 * statistics; automatic names start at one ({@code input_1}).
 */
public record InputLayer(Shape shape, Optional<String> name) implements LayerSpec {
  /** The stem of automatic input names. */
  public static final String NAME_PREFIX = "input";

  public InputLayer {
    Checks.notNull(shape, "shape");
    name = Checks.name(name);
  }

  /** An unnamed input of this shape. */
  public static InputLayer of(Shape shape) {
    return new InputLayer(shape, Optional.empty());
  }

  /** A copy with this name. */
  public InputLayer name(String name) {
    return new InputLayer(shape, Optional.of(name));
  }

  @Override
  public String type() {
    return "InputLayer";
  }

  @Override
  public String namePrefix() {
    return NAME_PREFIX;
  }

  @Override
  public int minInputs() {
    return 0;
  }

  @Override
  public int maxInputs() {
    return 0;
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    return shape;
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return Optional.of(LayerStats.NONE);
  }

  @Override
  public String describe() {
    return "input " + shape;
  }
}
