package org.neurojoule.layer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code ZeroPadding1D/2D/3D}: adds rows of zeros before and after each spatial axis of a
 * channels-last input {@code (spatial..., channels)}; with a {@code value} other rows of that
 * constant (ONNX's and PyTorch's constant pad), with {@link Mode#REFLECT} the input mirrored
 * without its edge row ({@code dcb|abcd|cba}), with {@link Mode#EDGE} its edge row repeated ({@code
 * aaa|abcd|ddd}). Those are of type {@code Padding1D/2D/3D} (Keras has no such layer).
 *
 * <p>{@code padding} as in Keras: one value for both sides of every axis, one per axis, or a
 * (before, after) pair per axis ({@code 1, 2, 3, 4} for 2D is Keras' {@code ((1, 2), (3, 4))}). No
 * parameters. It moves data: connections and neurons are 0 under {@link Accounting#COMPLETE}; the
 * reference has no rule for it (0 with a warning under {@link Accounting#KERAS_SPIKING}).
 *
 * @param rank the number of spatial axes: 1, 2 or 3
 * @param padding the rows before and after each axis: {@code before0, after0, before1, ...}
 * @param mode what the added rows hold
 * @param value the constant of {@link Mode#CONSTANT}: 0 or another number in float32's range
 * @param name the name the user gave, or empty for an automatic one
 */
public record ZeroPadding(
    int rank, List<Integer> padding, Mode mode, double value, Optional<String> name)
    implements LayerSpec {

  /** What the added rows hold. */
  public enum Mode {
    /** The constant {@code value} (zeros by default). */
    CONSTANT,
    /** The input mirrored at its edge row, which is not repeated; each pad below the axis size. */
    REFLECT,
    /** The edge row repeated. */
    EDGE
  }

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param rank the number of spatial axes: 1, 2 or 3
   * @param padding the rows before and after each axis: {@code before0, after0, before1, ...}
   * @param mode what the added rows hold
   * @param value the constant of {@link Mode#CONSTANT}
   * @param name the name the user gave, or empty for an automatic one
   */
  public ZeroPadding {
    padding = SpatialSizes.checkPairs("padding", rank, padding);
    Checks.notNull(mode, "mode");
    if (!(Math.abs(value) <= Float.MAX_VALUE)) {
      // A forward pass refuses values beyond float32's range anyway: say so at once.
      throw ShapeException.invalid("padding value must be within float32's range, was " + value);
    }
    name = Checks.name(name);
  }

  /**
   * {@return Keras' {@code ZeroPadding1D}}
   *
   * @param padding one value for both sides, or (before, after)
   */
  public static ZeroPadding zeroPadding1d(int... padding) {
    return new ZeroPadding(
        1, SpatialSizes.pairs("padding", 1, padding), Mode.CONSTANT, 0, Optional.empty());
  }

  /**
   * {@return Keras' {@code ZeroPadding2D}}
   *
   * @param padding one value, one per axis, or a (before, after) pair per axis
   */
  public static ZeroPadding zeroPadding2d(int... padding) {
    return new ZeroPadding(
        2, SpatialSizes.pairs("padding", 2, padding), Mode.CONSTANT, 0, Optional.empty());
  }

  /**
   * {@return Keras' {@code ZeroPadding3D}}
   *
   * @param padding one value, one per axis, or a (before, after) pair per axis
   */
  public static ZeroPadding zeroPadding3d(int... padding) {
    return new ZeroPadding(
        3, SpatialSizes.pairs("padding", 3, padding), Mode.CONSTANT, 0, Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public ZeroPadding name(String name) {
    return new ZeroPadding(rank, padding, mode, value, Optional.of(name));
  }

  /**
   * {@return a copy whose added rows hold this}
   *
   * @param mode constant (the value), reflect or edge
   */
  public ZeroPadding mode(Mode mode) {
    return new ZeroPadding(rank, padding, mode, value, name);
  }

  /**
   * {@return a copy padding with this constant}
   *
   * @param value the constant of {@link Mode#CONSTANT}, in float32's range
   */
  public ZeroPadding value(double value) {
    return new ZeroPadding(rank, padding, mode, value, name);
  }

  /** {@return whether the added rows are zeros, as Keras' layer adds} */
  public boolean zeros() {
    return mode == Mode.CONSTANT && value == 0;
  }

  @Override
  public String type() {
    return (zeros() ? "ZeroPadding" : "Padding") + rank + "D";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    // Checked here, not in the constructor, so that options may be set in any order.
    if (mode != Mode.CONSTANT && value != 0) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "padding value "
              + value
              + " applies to mode constant only, not "
              + mode.name().toLowerCase(Locale.ROOT));
    }
    Shape in = Checks.single(inputs);
    for (int i = 0; mode == Mode.REFLECT && i < rank && i < in.rank(); i++) {
      int size = in.get(i);
      int widest = Math.max(padding.get(2 * i), padding.get(2 * i + 1));
      if (size != Shape.NONE && widest >= size) {
        throw ShapeException.of(
            ShapeError.INVALID_ARGUMENT,
            inputs,
            "reflect padding "
                + widest
                + " of axis "
                + i
                + " needs an axis longer than that, but "
                + in
                + " has "
                + size);
      }
    }
    return SpatialSizes.resize(
        inputs,
        rank,
        (i, size) ->
            SpatialSizes.fits(
                inputs,
                (long) size + padding.get(2 * i) + padding.get(2 * i + 1),
                "padding axis " + i + " of " + Checks.single(inputs)));
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
    String fill =
        switch (mode) {
          case CONSTANT -> value == 0 ? "" : ", value " + value;
          case REFLECT -> ", reflect";
          case EDGE -> ", edge";
        };
    return "zeroPadding" + rank + "d(" + SpatialSizes.pairsText(padding) + fill + ")";
  }
}
