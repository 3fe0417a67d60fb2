package org.neurojoule.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.ShapeException;

/**
 * The dimensions of a tensor that a layer stores (AddWeight, MulWeight, ConcatWeight), and the
 * rules they share: the tensor is their one weight and their parameters, and they count no
 * connections.
 */
final class StoredShape {
  private StoredShape() {}

  static List<Integer> check(String type, List<Integer> shape) {
    Checks.notNull(shape, "shape");
    if (shape.isEmpty() || shape.stream().anyMatch(d -> d == null || d < 1)) {
      throw ShapeException.invalid(
          type
              + ": the stored tensor's shape "
              + shape
              + " must have"
              + " at least one axis, each of size 1 or more");
    }
    try {
      Checks.product(shape);
    } catch (ArithmeticException e) {
      throw ShapeException.invalid(
          type + ": the stored tensor's shape " + shape + " holds more" + " than 2^63-1 values");
    }
    return List.copyOf(shape);
  }

  static List<Integer> list(int... shape) {
    List<Integer> l = new ArrayList<>();
    for (int d : shape) {
      l.add(d);
    }
    return l;
  }

  static List<WeightShapes.Weight> weights(List<Integer> shape) {
    return List.of(WeightShapes.Weight.zeros("weight", Checks.toArray(shape)));
  }

  static ParamCount params(List<Integer> shape) {
    return ParamCount.trainable(Checks.product(shape));
  }

  /**
   * An add, a multiply or a copy per output, which the statistics leave out; the reference has no
   * rule.
   */
  static Optional<LayerStats> stats(Accounting accounting) {
    return accounting == Accounting.KERAS_SPIKING ? Optional.empty() : Optional.of(LayerStats.NONE);
  }
}
