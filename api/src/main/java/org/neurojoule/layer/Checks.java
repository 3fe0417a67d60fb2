package org.neurojoule.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/** Argument checks and small shape helpers shared by the layer specs (the api has no Guava). */
final class Checks {
  private Checks() {}

  static int positive(String what, int value) {
    if (value <= 0) {
      throw ShapeException.invalid(what + " must be > 0, was " + value);
    }
    return value;
  }

  static double finite(String what, double value) {
    if (!Double.isFinite(value)) {
      throw ShapeException.invalid(what + " must be a finite number, was " + value);
    }
    return value;
  }

  /**
   * A value the float32 forward pass can hold: finite, with {@code |value| <= Float.MAX_VALUE},
   * since a larger one would turn into infinity there.
   */
  static double finiteFloat(String what, double value) {
    if (!(Math.abs(value) <= Float.MAX_VALUE)) {
      throw ShapeException.invalid(
          what
              + " must be a finite number within float32's range (at"
              + " most "
              + Float.MAX_VALUE
              + " in magnitude), was "
              + value);
    }
    return value;
  }

  /** A value {@code >= 0} that float32 holds, see {@link #finiteFloat}. */
  static double nonNegativeFloat(String what, double value) {
    if (!(value >= 0 && value <= Float.MAX_VALUE)) {
      throw ShapeException.invalid(
          what
              + " must be a number >= 0 within float32's range (at"
              + " most "
              + Float.MAX_VALUE
              + "), was "
              + value);
    }
    return value;
  }

  /**
   * A value {@code > 0} that stays {@code > 0} and finite in float32: from {@code Float.MIN_VALUE}
   * to {@code Float.MAX_VALUE}; a smaller one would round to 0 there and divide by zero.
   */
  static double positiveFloat(String what, double value) {
    if (!(value > 0 && (float) value > 0 && value <= Float.MAX_VALUE)) {
      throw ShapeException.invalid(
          what
              + " must be a number > 0 within float32's range ("
              + Float.MIN_VALUE
              + " to "
              + Float.MAX_VALUE
              + "), was "
              + value);
    }
    return value;
  }

  static <T> T notNull(T value, String what) {
    return Objects.requireNonNull(value, what + " == null");
  }

  /** Keras pads causally on the time axis of Conv1D only; any other layer refuses it. */
  static void notCausal(org.neurojoule.layer.Padding padding, String type) {
    if (padding == org.neurojoule.layer.Padding.CAUSAL) {
      throw ShapeException.invalid(
          "padding causal is for Conv1D only; " + type + " takes valid or same");
    }
  }

  static Optional<String> name(Optional<String> name) {
    notNull(name, "name");
    name.ifPresent(
        n -> {
          if (n.isBlank()) {
            throw ShapeException.invalid("a layer name must not be blank");
          }
        });
    return name;
  }

  /** One size per axis: a single value applies to every axis, as in Keras. */
  static List<Integer> perAxis(String what, int rank, int... values) {
    if (values.length != 1 && values.length != rank) {
      throw ShapeException.invalid(what + " takes 1 or " + rank + " values, got " + values.length);
    }
    List<Integer> out = new ArrayList<>(rank);
    for (int i = 0; i < rank; i++) {
      out.add(positive(what, values[values.length == 1 ? 0 : i]));
    }
    return List.copyOf(out);
  }

  /** Validates a stored per-axis list (records' compact constructors). */
  static List<Integer> perAxis(String what, int rank, List<Integer> values) {
    notNull(values, what);
    if (values.size() != rank) {
      throw ShapeException.invalid(what + " takes " + rank + " values, got " + values.size());
    }
    for (int v : values) {
      positive(what, v);
    }
    return List.copyOf(values);
  }

  static int[] toArray(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  static long product(List<Integer> values) {
    long p = 1;
    for (int v : values) {
      p = Math.multiplyExact(p, v);
    }
    return p;
  }

  /** {@code 7x7}, or {@code 7} for one axis. */
  static String dims(List<Integer> values) {
    StringJoiner j = new StringJoiner("x");
    values.forEach(v -> j.add(Integer.toString(v)));
    return j.toString();
  }

  static boolean allOnes(List<Integer> values) {
    return values.stream().allMatch(v -> v == 1);
  }

  static ShapeException undefined(List<Shape> inputs, String detail) {
    return ShapeException.of(ShapeError.UNDEFINED_DIMENSION, inputs, detail);
  }

  /** The one input of a single-input layer. */
  static Shape single(List<Shape> inputs) {
    return inputs.get(0);
  }

  /** The size of the last axis, which must be defined. */
  static int channels(List<Shape> inputs) {
    Shape in = single(inputs);
    if (in.rank() == 0 || !in.isDefined(-1)) {
      throw undefined(inputs, "needs a defined last (channel) dimension, but the input is " + in);
    }
    return in.get(-1);
  }

  /**
   * The number of units of one timestep of {@code shape}: the product of its dimensions without a
   * leading undefined (time) dimension. Any other undefined dimension is an error.
   */
  static long unitsPerStep(Shape shape, List<Shape> inputs, String which) {
    Shape perStep = shape.hasLeadingTime() ? shape.dropFirst(1) : shape;
    return perStep
        .elementCount()
        .orElseThrow(
            () ->
                undefined(
                    inputs,
                    "statistics need the "
                        + which
                        + " size, but "
                        + shape.toKerasString()
                        + " has an undefined dimension other than a leading time axis; "
                        + Hint.DEFINED_DIMENSIONS.text()));
  }

  static void requireRank(List<Shape> inputs, int rank, String axes) {
    Shape in = single(inputs);
    if (in.rank() != rank) {
      String fix =
          in.rank() == rank + 1 && in.hasLeadingTime()
              ? "; to apply it on every timestep, wrap it in timeDistributed(...)"
              : "";
      throw ShapeException.of(
          ShapeError.WRONG_RANK,
          inputs,
          "needs an input of rank "
              + rank
              + " ("
              + axes
              + "), but the input is "
              + in
              + " (rank "
              + in.rank()
              + ")"
              + fix);
    }
  }

  static String spatialAxes(int rank) {
    return switch (rank) {
      case 1 -> "steps, channels";
      case 2 -> "rows, cols, channels";
      default -> "depth, rows, cols, channels";
    };
  }
}
