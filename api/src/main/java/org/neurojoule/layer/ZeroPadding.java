package org.neurojoule.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neurojoule.Accounting;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code ZeroPadding1D/2D/3D}: adds rows of zeros before and after each spatial axis of a
 * channels-last input {@code (spatial..., channels)}.
 *
 * <p>{@code padding} as in Keras: one value for both sides of every axis, one per axis, or a
 * (before, after) pair per axis ({@code 1, 2, 3, 4} for 2D is Keras' {@code ((1, 2), (3, 4))}).
 * No parameters. It moves data: connections and neurons are 0 under {@link Accounting#COMPLETE};
 * the reference has no rule for it (0 with a warning under {@link Accounting#KERAS_SPIKING}).
 *
 * @param rank the number of spatial axes: 1, 2 or 3
 * @param padding the zeros before and after each axis: {@code before0, after0, before1, ...}
 * @param name the name the user gave, or empty for an automatic one
 */
public record ZeroPadding(int rank, List<Integer> padding, Optional<String> name)
    implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param rank the number of spatial axes: 1, 2 or 3
   * @param padding the zeros before and after each axis: {@code before0, after0, before1, ...}
   * @param name the name the user gave, or empty for an automatic one
   */
  public ZeroPadding {
    padding = checkPairs("padding", rank, padding);
    name = Checks.name(name);
  }

  /**
   * {@return Keras' {@code ZeroPadding1D}}
   *
   * @param padding one value for both sides, or (before, after)
   */
  public static ZeroPadding zeroPadding1d(int... padding) {
    return new ZeroPadding(1, pairs("padding", 1, padding), Optional.empty());
  }

  /**
   * {@return Keras' {@code ZeroPadding2D}}
   *
   * @param padding one value, one per axis, or a (before, after) pair per axis
   */
  public static ZeroPadding zeroPadding2d(int... padding) {
    return new ZeroPadding(2, pairs("padding", 2, padding), Optional.empty());
  }

  /**
   * {@return Keras' {@code ZeroPadding3D}}
   *
   * @param padding one value, one per axis, or a (before, after) pair per axis
   */
  public static ZeroPadding zeroPadding3d(int... padding) {
    return new ZeroPadding(3, pairs("padding", 3, padding), Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public ZeroPadding name(String name) {
    return new ZeroPadding(rank, padding, Optional.of(name));
  }

  @Override
  public String type() {
    return "ZeroPadding" + rank + "D";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Checks.requireRank(inputs, rank + 1, Checks.spatialAxes(rank));
    int[] out = Checks.single(inputs).toArray();
    for (int i = 0; i < rank; i++) {
      if (out[i] != Shape.NONE) {
        long n = (long) out[i] + padding.get(2 * i) + padding.get(2 * i + 1);
        if (n > Integer.MAX_VALUE) {
          throw ShapeException.of(ShapeError.OVERFLOW, inputs, "padding axis " + i + " of "
              + Checks.single(inputs) + " gives " + n + ", more than one dimension holds ("
              + Integer.MAX_VALUE + ")");
        }
        out[i] = (int) n;
      }
    }
    return Shape.of(out);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return accounting == Accounting.KERAS_SPIKING ? Optional.empty() : Optional.of(LayerStats.NONE);
  }

  @Override
  public boolean readsChannelsLast() {
    return true;
  }

  @Override
  public String describe() {
    return "zeroPadding" + rank + "d(" + pairsText(padding) + ")";
  }

  /** Keras' padding or cropping arguments as (before, after) per axis; each value {@code >= 0}. */
  static List<Integer> pairs(String what, int rank, int... values) {
    if (rank < 1 || rank > 3) {
      throw ShapeException.invalid(what + " rank must be 1, 2 or 3, was " + rank);
    }
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
        throw ShapeException.invalid(what + " takes 1" + (rank > 1 ? ", " + rank : "") + " or "
            + 2 * rank + " values (one, one per axis, or (before, after) per axis), got "
            + values.length);
      }
    }
    return checkPairs(what, rank, out);
  }

  static List<Integer> checkPairs(String what, int rank, List<Integer> pairs) {
    Checks.notNull(pairs, what);
    if (rank < 1 || rank > 3) {
      throw ShapeException.invalid(what + " rank must be 1, 2 or 3, was " + rank);
    }
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
      s.append(i == 0 ? "" : ", ").append('(').append(pairs.get(i)).append(", ")
          .append(pairs.get(i + 1)).append(')');
    }
    return s.toString();
  }
}
