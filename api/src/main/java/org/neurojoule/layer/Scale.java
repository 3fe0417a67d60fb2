package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * NIR's {@code Scale}: each unit multiplied by its own stored factor, {@code y = scale * x}.
 *
 * <p>Output shape = input shape. Its one weight is {@code scale}, one value per unit of a step (the
 * layer's unit order); the factors are parameters, as NIR stores them like weights. Per step one
 * connection per unit (a multiply), no neurons.
 *
 * @param name the name the user gave, or empty for an automatic one
 */
public record Scale(Optional<String> name) implements LayerSpec {
  /**
   * Checks the name.
   *
   * @param name the name the user gave, or empty for an automatic one
   */
  public Scale {
    name = Checks.name(name);
  }

  /** {@return a scale layer; its factors are its weights} */
  public static Scale of() {
    return new Scale(Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Scale name(String name) {
    return new Scale(Optional.of(name));
  }

  @Override
  public String type() {
    return "Scale";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    units(inputs);
    return Checks.single(inputs);
  }

  @Override
  public List<WeightShapes.Weight> weights(List<Shape> inputs) {
    return weights(Math.toIntExact(units(inputs)));
  }

  /** The factors as for {@code units} units, initialized to ones. */
  @Override
  public List<WeightShapes.Weight> weights(int units) {
    return List.of(WeightShapes.Weight.ones("scale", units));
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    return ParamCount.trainable(units(inputs));
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return Optional.of(LayerStats.connections(units(inputs)));
  }

  @Override
  public String describe() {
    return "scale";
  }

  private static long units(List<Shape> inputs) {
    long units = Checks.unitsPerStep(Checks.single(inputs), inputs, "input");
    if (units > Integer.MAX_VALUE - 8) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "has " + units + " units per timestep, more than a weight array holds");
    }
    return units;
  }
}
