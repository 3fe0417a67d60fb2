package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code TimeDistributed}: {@code layer} applied on every step of the first axis.
 *
 * <p>Input {@code (time, rest...)}; output {@code (None, layer(rest)...)}: the time axis prints as
 * undefined, as Keras infers it. Parameters and statistics are those of {@code layer} on one
 * timestep.
 */
public record TimeDistributed(LayerSpec layer, Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param layer the wrapped layer, applied to each timestep
   * @param name the name the user gave, or empty for an automatic one
   */
  public TimeDistributed {
    Checks.notNull(layer, "layer");
    if (layer.minInputs() != 1 || layer.maxInputs() != 1) {
      throw ShapeException.invalid(
          "timeDistributed wraps exactly one single-input layer, not " + layer.describe());
    }
    name = Checks.name(name);
  }

  /**
   * {@return {@code layer} on every timestep}
   *
   * @param layer the wrapped layer, applied to each timestep
   */
  public static TimeDistributed of(LayerSpec layer) {
    return new TimeDistributed(layer, Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public TimeDistributed name(String name) {
    return new TimeDistributed(layer, Optional.of(name));
  }

  @Override
  public String type() {
    return "TimeDistributed";
  }

  /**
   * {@return the shape one timestep of {@code input} has}
   *
   * @param input the input shape, time first
   */
  public static Shape stepShape(Shape input) {
    return input.dropFirst(1);
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    if (in.rank() < 2) {
      throw ShapeException.of(
          ShapeError.WRONG_RANK,
          inputs,
          "needs an input of (time, ...) with rank 2 or more, but the input is " + in);
    }
    return onEachStep(inputs, () -> layer.outputShape(List.of(stepShape(in)))).prepend(Shape.NONE);
  }

  /** The wrapped layer's weights, for one timestep of the input. */
  @Override
  public List<WeightShapes.Weight> weights(List<Shape> inputs) {
    if (layer.weights(1).isEmpty()) {
      return List.of();
    }
    return layer.weights(List.of(stepShape(Checks.single(inputs))));
  }

  /** The wrapped layer's weights. */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    return layer.weights(cin);
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    return onEachStep(inputs, () -> layer.params(List.of(stepShape(Checks.single(inputs)))));
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return onEachStep(
        inputs,
        () ->
            layer.stats(
                List.of(stepShape(Checks.single(inputs))), output.dropFirst(1), accounting));
  }

  /** Runs a rule of the wrapped layer; its errors are reported on this layer's own input. */
  private static <T> T onEachStep(List<Shape> inputs, java.util.function.Supplier<T> rule) {
    try {
      return rule.get();
    } catch (ShapeException e) {
      throw ShapeException.of(
          e.error(),
          inputs,
          e.detail() + " (on each timestep of input " + Checks.single(inputs) + ")");
    }
  }

  /** {@inheritDoc} The kind of the wrapped layer. */
  @Override
  public LayerKind layerKind() {
    return layer.layerKind();
  }

  @Override
  public Optional<LayerSpec> wrapped() {
    return Optional.of(layer);
  }

  @Override
  public String describe() {
    return "timeDistributed(" + layer.describe() + ")";
  }
}
