package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code Cropping1D/2D/3D}: removes entries before and after each spatial axis of a
 * channels-last input {@code (spatial..., channels)}.
 *
 * <p>{@code cropping} as in Keras: one value for both sides of every axis, one per axis, or a
 * (before, after) pair per axis. No parameters. It moves data: connections and neurons are 0 under
 * {@link Accounting#COMPLETE}; the reference has no rule for it (0 with a warning under {@link
 * Accounting#KERAS_SPIKING}).
 *
 * @param rank the number of spatial axes: 1, 2 or 3
 * @param cropping the entries removed before and after each axis: {@code before0, after0, ...}
 * @param name the name the user gave, or empty for an automatic one
 */
public record Cropping(int rank, List<Integer> cropping, Optional<String> name)
    implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param rank the number of spatial axes: 1, 2 or 3
   * @param cropping the entries removed before and after each axis: {@code before0, after0, ...}
   * @param name the name the user gave, or empty for an automatic one
   */
  public Cropping {
    cropping = SpatialSizes.checkPairs("cropping", rank, cropping);
    name = Checks.name(name);
  }

  /**
   * {@return Keras' {@code Cropping1D}}
   *
   * @param cropping one value for both sides, or (before, after)
   */
  public static Cropping cropping1d(int... cropping) {
    return new Cropping(1, SpatialSizes.pairs("cropping", 1, cropping), Optional.empty());
  }

  /**
   * {@return Keras' {@code Cropping2D}}
   *
   * @param cropping one value, one per axis, or a (before, after) pair per axis
   */
  public static Cropping cropping2d(int... cropping) {
    return new Cropping(2, SpatialSizes.pairs("cropping", 2, cropping), Optional.empty());
  }

  /**
   * {@return Keras' {@code Cropping3D}}
   *
   * @param cropping one value, one per axis, or a (before, after) pair per axis
   */
  public static Cropping cropping3d(int... cropping) {
    return new Cropping(3, SpatialSizes.pairs("cropping", 3, cropping), Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Cropping name(String name) {
    return new Cropping(rank, cropping, Optional.of(name));
  }

  @Override
  public String type() {
    return "Cropping" + rank + "D";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    return SpatialSizes.resize(
        inputs,
        rank,
        (i, size) -> {
          long n = (long) size - cropping.get(2 * i) - cropping.get(2 * i + 1);
          if (n <= 0) {
            throw ShapeException.of(
                ShapeError.INVALID_ARGUMENT,
                inputs,
                "cropping ("
                    + cropping.get(2 * i)
                    + ", "
                    + cropping.get(2 * i + 1)
                    + ") of axis "
                    + i
                    + " leaves nothing of the input "
                    + Checks.single(inputs));
          }
          return n;
        });
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
    return "cropping" + rank + "d(" + SpatialSizes.pairsText(cropping) + ")";
  }
}
