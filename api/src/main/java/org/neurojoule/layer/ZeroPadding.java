package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.Accounting;
import org.neurojoule.shape.Shape;

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
    padding = SpatialSizes.checkPairs("padding", rank, padding);
    name = Checks.name(name);
  }

  /**
   * {@return Keras' {@code ZeroPadding1D}}
   *
   * @param padding one value for both sides, or (before, after)
   */
  public static ZeroPadding zeroPadding1d(int... padding) {
    return new ZeroPadding(1, SpatialSizes.pairs("padding", 1, padding), Optional.empty());
  }

  /**
   * {@return Keras' {@code ZeroPadding2D}}
   *
   * @param padding one value, one per axis, or a (before, after) pair per axis
   */
  public static ZeroPadding zeroPadding2d(int... padding) {
    return new ZeroPadding(2, SpatialSizes.pairs("padding", 2, padding), Optional.empty());
  }

  /**
   * {@return Keras' {@code ZeroPadding3D}}
   *
   * @param padding one value, one per axis, or a (before, after) pair per axis
   */
  public static ZeroPadding zeroPadding3d(int... padding) {
    return new ZeroPadding(3, SpatialSizes.pairs("padding", 3, padding), Optional.empty());
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
    return SpatialSizes.resize(inputs, rank, (i, size) -> SpatialSizes.fits(inputs,
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
    return "zeroPadding" + rank + "d(" + SpatialSizes.pairsText(padding) + ")";
  }
}
