package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Applies a {@link LayerSpec} at a place in a network: the one entry point the builder and the
 * processor use, so that errors name the layer the same way in both.
 */
public final class Layers {
  private Layers() {}

  /**
   * {@return the output shape of {@code spec} on {@code inputs}, for the layer at {@code index}
   * named {@code name}}
   *
   * @param index the position of the layer in its network (the input is 0)
   * @param name the layer's name, for messages
   * @param spec the layer spec
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException naming the layer, if the spec does not fit the inputs
   */
  public static Shape outputShape(int index, String name, LayerSpec spec, List<Shape> inputs) {
    return outputShape(() -> index, () -> name, spec, inputs);
  }

  /**
   * As {@link #outputShape(int, String, LayerSpec, List)}, with the layer's index and name computed
   * only for an error message: finding them can cost a walk of the whole graph.
   *
   * @param index gives the layer's position, for messages
   * @param name gives the layer's name, for messages
   * @param spec the layer
   * @param inputs the shapes of its inputs
   * @return the output shape
   * @throws ShapeException naming the layer, if the spec does not fit the inputs
   */
  public static Shape outputShape(
      IntSupplier index, Supplier<String> name, LayerSpec spec, List<Shape> inputs) {
    return placed(
        index, name, spec, inputs, () -> returned(spec, "outputShape", spec.outputShape(inputs)));
  }

  /**
   * {@return the parameter count of {@code spec} on {@code inputs}, errors naming the layer}
   *
   * @param index the position of the layer in its network (the input is 0)
   * @param name the layer's name, for messages
   * @param spec the layer spec
   * @param inputs the shapes of the inputs (without the batch)
   */
  public static ParamCount params(int index, String name, LayerSpec spec, List<Shape> inputs) {
    return placed(index, name, spec, inputs, () -> returned(spec, "params", spec.params(inputs)));
  }

  /**
   * {@return the statistics of {@code spec} on {@code inputs}, errors naming the layer; empty when
   * the accounting has no rule for it}
   *
   * @param index the position of the layer in its network (the input is 0)
   * @param name the layer's name, for messages
   * @param spec the layer spec
   * @param inputs the shapes of the inputs (without the batch)
   * @param output the output shape (without the batch)
   * @param accounting which statistics to count
   */
  public static Optional<LayerStats> stats(
      int index,
      String name,
      LayerSpec spec,
      List<Shape> inputs,
      Shape output,
      Accounting accounting) {
    return placed(
        index,
        name,
        spec,
        inputs,
        () -> returned(spec, "stats", spec.stats(inputs, output, accounting)));
  }

  /**
   * {@return the type named in "Cannot compute stats" warnings: the wrapped layer's, for wrappers}
   *
   * @param spec the layer spec
   */
  public static String statsType(LayerSpec spec) {
    return spec instanceof TimeDistributed td ? statsType(td.layer()) : spec.type();
  }

  /** {@code [22x22x2, 22x22x4]}, for messages about several inputs. */
  static String listShapes(List<Shape> shapes) {
    StringJoiner j = new StringJoiner(", ", "[", "]");
    shapes.forEach(s -> j.add(s.toString()));
    return j.toString();
  }

  /** A custom layer's method may return null: fail here, where the layer can be named. */
  private static <T> T returned(LayerSpec spec, String method, T value) {
    if (value == null) {
      throw ShapeException.invalid(
          method
              + "(...) of layer type '"
              + spec.type()
              + "' ("
              + spec.getClass().getName()
              + ") returned null");
    }
    return value;
  }

  private interface Rule<T> {
    T apply();
  }

  private static <T> T placed(
      int index, String name, LayerSpec spec, List<Shape> inputs, Rule<T> rule) {
    return placed(() -> index, () -> name, spec, inputs, rule);
  }

  private static <T> T placed(
      IntSupplier index, Supplier<String> name, LayerSpec spec, List<Shape> inputs, Rule<T> rule) {
    try {
      checkInputCount(spec, inputs);
      return rule.apply();
    } catch (ShapeException e) {
      throw e.inLayer(index.getAsInt(), name.get(), spec.describe());
    } catch (ArithmeticException e) {
      throw ShapeException.of(
              ShapeError.OVERFLOW,
              inputs,
              "a size or count for input "
                  + listShapes(inputs)
                  + " is too large: a dimension"
                  + " must fit in 32 bits (at most "
                  + Integer.MAX_VALUE
                  + ") and a count in 64")
          .inLayer(index.getAsInt(), name.get(), spec.describe());
    }
  }

  private static void checkInputCount(LayerSpec spec, List<Shape> inputs) {
    int n = inputs.size();
    if (n < spec.minInputs() || n > spec.maxInputs()) {
      String expected =
          spec.minInputs() == spec.maxInputs()
              ? Integer.toString(spec.minInputs())
              : spec.maxInputs() == Integer.MAX_VALUE
                  ? "at least " + spec.minInputs()
                  : spec.minInputs() + " to " + spec.maxInputs();
      throw ShapeException.of(
          ShapeError.INPUT_COUNT,
          inputs,
          "takes " + expected + " input(s), got " + n + " " + listShapes(inputs));
    }
  }
}
