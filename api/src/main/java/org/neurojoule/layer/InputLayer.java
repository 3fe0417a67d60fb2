package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;

/**
 * The input of a model: one example of the data has {@code shape}. No parameters, no statistics;
 * automatic names start at one ({@code input_1}).
 */
public record InputLayer(Shape shape, Optional<String> name) implements LayerSpec {
  /** The stem of automatic input names. */
  public static final String NAME_PREFIX = "input";

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param shape the dimensions
   * @param name the name the user gave, or empty for an automatic one
   */
  public InputLayer {
    Checks.notNull(shape, "shape");
    name = Checks.name(name);
  }

  /**
   * {@return an unnamed input of this shape}
   *
   * @param shape the dimensions of one example, without the batch
   */
  public static InputLayer of(Shape shape) {
    return new InputLayer(shape, Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
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
  public boolean isInput() {
    return true;
  }

  @Override
  public String describe() {
    return "input " + shape;
  }
}
