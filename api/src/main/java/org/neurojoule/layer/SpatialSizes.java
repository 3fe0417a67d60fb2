package org.neurojoule.layer;

import java.util.ArrayList;
import java.util.List;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Helpers shared by the layers that resize each spatial axis of a channels-last input ({@link
 * ZeroPadding}, {@link Cropping}, {@link UpSampling}): the rank check, Keras' (before, after) pairs
 * and the output-shape loop.
 */
final class SpatialSizes {
  private SpatialSizes() {}

  /** The new size of one defined spatial axis; a bad one is an error. */
  @FunctionalInterface
  interface AxisSize {
    long of(int axis, int size);
  }

  /** A spatial rank must be 1, 2 or 3. */
  static void checkRank(String what, int rank) {
    if (rank < 1 || rank > 3) {
      throw ShapeException.invalid(what + " rank must be 1, 2 or 3, was " + rank);
    }
  }

  /**
   * The input shape with each defined spatial axis resized by {@code size}; the input must be
   * {@code (spatial..., channels)} of this rank.
   */
  static Shape resize(List<Shape> inputs, int rank, AxisSize size) {
    Checks.requireRank(inputs, rank + 1, Checks.spatialAxes(rank));
    int[] out = Checks.single(inputs).toArray();
    for (int i = 0; i < rank; i++) {
      if (out[i] != Shape.NONE) {
        out[i] = (int) size.of(i, out[i]);
      }
    }
    return Shape.of(out);
  }

  /** {@code n}, if one dimension holds it; else an overflow error saying what gave it. */
  static long fits(List<Shape> inputs, long n, String what) {
    if (n > Integer.MAX_VALUE) {
      throw ShapeException.of(
          ShapeError.OVERFLOW,
          inputs,
          what + " gives " + n + ", more than one dimension holds (" + Integer.MAX_VALUE + ")");
    }
    return n;
  }

  /** Keras' padding or cropping arguments as (before, after) per axis; each value {@code >= 0}. */
  static List<Integer> pairs(String what, int rank, int... values) {
    checkRank(what, rank);
    List<Integer> out = new ArrayList<>(2 * rank);
    for (int i = 0; i < rank; i++) {
      if (values.length == 1) {
        out.add(values[0]);
        out.add(values[0]);
      } else if (values.length == rank && rank > 1) {
        out.add(values[i]);
        out.add(values[i]);
      } else if (values.length == 2 * rank) {
        out.add(values[2 * i]);
        out.add(values[2 * i + 1]);
      } else {
        throw ShapeException.invalid(
            what
                + " takes 1"
                + (rank > 1 ? ", " + rank : "")
                + " or "
                + 2 * rank
                + " values (one, one per axis, or (before, after) per axis), got "
                + values.length);
      }
    }
    return checkPairs(what, rank, out);
  }

  /** Validates stored (before, after) pairs (records' compact constructors). */
  static List<Integer> checkPairs(String what, int rank, List<Integer> pairs) {
    Checks.notNull(pairs, what);
    checkRank(what, rank);
    if (pairs.size() != 2 * rank) {
      throw ShapeException.invalid(what + " takes " + 2 * rank + " values, got " + pairs.size());
    }
    for (int v : pairs) {
      if (v < 0) {
        throw ShapeException.invalid(what + " must be >= 0, was " + v);
      }
    }
    return List.copyOf(pairs);
  }

  /** {@code 1} when all equal, else {@code (1, 2), (3, 4)}. */
  static String pairsText(List<Integer> pairs) {
    if (pairs.stream().distinct().count() == 1) {
      return Integer.toString(pairs.get(0));
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < pairs.size(); i += 2) {
      s.append(i == 0 ? "" : ", ")
          .append('(')
          .append(pairs.get(i))
          .append(", ")
          .append(pairs.get(i + 1))
          .append(')');
    }
    return s.toString();
  }
}
