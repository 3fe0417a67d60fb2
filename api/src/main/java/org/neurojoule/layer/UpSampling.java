package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code UpSampling1D/2D/3D} with nearest-neighbour interpolation: repeats each entry of
 * every spatial axis of a channels-last input {@code size} times.
 *
 * <p>No parameters. It moves data: connections and neurons are 0 under {@link Accounting#COMPLETE};
 * the reference has no rule for it (0 with a warning under {@link Accounting#KERAS_SPIKING}).
 * Bilinear interpolation is refused.
 *
 * @param rank the number of spatial axes: 1, 2 or 3
 * @param size the repeat count of each axis
 * @param name the name the user gave, or empty for an automatic one
 */
public record UpSampling(int rank, List<Integer> size, Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param rank the number of spatial axes: 1, 2 or 3
   * @param size the repeat count of each axis
   * @param name the name the user gave, or empty for an automatic one
   */
  public UpSampling {
    SpatialSizes.checkRank("up-sampling", rank);
    size = Checks.perAxis("size", rank, size);
    name = Checks.name(name);
  }

  /**
   * {@return Keras' {@code UpSampling1D}}
   *
   * @param size the repeat count
   */
  public static UpSampling upSampling1d(int... size) {
    return new UpSampling(1, Checks.perAxis("size", 1, size), Optional.empty());
  }

  /**
   * {@return Keras' {@code UpSampling2D}}
   *
   * @param size the repeat count: one for every axis, or one per axis
   */
  public static UpSampling upSampling2d(int... size) {
    return new UpSampling(2, Checks.perAxis("size", 2, size), Optional.empty());
  }

  /**
   * {@return Keras' {@code UpSampling3D}}
   *
   * @param size the repeat count: one for every axis, or one per axis
   */
  public static UpSampling upSampling3d(int... size) {
    return new UpSampling(3, Checks.perAxis("size", 3, size), Optional.empty());
  }

  /**
   * {@return this spec if {@code interpolation} is {@code nearest}, the only one supported}
   *
   * @param interpolation Keras' interpolation name
   * @throws ShapeException for any other interpolation
   */
  public UpSampling interpolation(String interpolation) {
    if (!"nearest".equals(interpolation)) {
      throw ShapeException.invalid(
          "interpolation '" + interpolation + "' is not supported;" + " only 'nearest'");
    }
    return this;
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public UpSampling name(String name) {
    return new UpSampling(rank, size, Optional.of(name));
  }

  @Override
  public String type() {
    return "UpSampling" + rank + "D";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    return SpatialSizes.resize(
        inputs,
        rank,
        (i, n) ->
            SpatialSizes.fits(
                inputs,
                (long) n * size.get(i),
                "up-sampling axis " + i + " of " + Checks.single(inputs) + " by " + size.get(i)));
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
    return "upSampling" + rank + "d(" + Checks.dims(size) + ")";
  }
}
