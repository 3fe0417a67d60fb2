package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;

/**
 * Keras' {@code MaxPooling1D/2D/3D} and {@code AveragePooling1D/2D/3D}.
 *
 * <p>Input {@code (spatial..., c)}, output {@code (out..., c)} with, per axis, {@code valid}:
 * {@code out = floor((n - ((p - 1) * d + 1)) / s) + 1}, {@code same}: {@code out = ceil(n / s)};
 * strides default to the pool size. A dilation {@code d} above 1 (ONNX's and PyTorch's {@code
 * dilations}; Keras' pooling has none) spaces the window's taps {@code d} apart, as a dilated
 * convolution does; with {@code same} padding, taps in the padding are skipped (a window with no
 * tap inside the input gives 0). No parameters. Statistics: KerasSpiking has no rule (zero and a
 * warning); {@link Accounting#COMPLETE} counts output size {@code * prod(pool)} for average pooling
 * and zero for max pooling (comparisons, not synaptic operations).
 */
public record Pooling(
    PoolKind kind,
    int rank,
    List<Integer> poolSize,
    List<Integer> strides,
    Padding padding,
    List<Integer> dilationRate,
    Optional<String> name)
    implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param kind max or average pooling
   * @param rank the number of spatial axes: 1, 2 or 3
   * @param poolSize the window size, one value per axis
   * @param strides the step between windows, one value per axis
   * @param padding how borders are treated
   * @param dilationRate the spacing of the window's taps, one value per axis (1: a dense window)
   * @param name the name the user gave, or empty for an automatic one
   */
  public Pooling {
    Checks.notNull(kind, "kind");
    if (rank < 1 || rank > 3) {
      throw org.neurojoule.shape.ShapeException.invalid(
          "pooling rank must be 1, 2 or 3, was " + rank);
    }
    poolSize = Checks.perAxis("poolSize", rank, poolSize);
    strides = Checks.perAxis("strides", rank, strides);
    Checks.notNull(padding, "padding");
    Checks.notCausal(padding, kind.typeWord() + "Pooling" + rank + "D");
    dilationRate = Checks.perAxis("dilationRate", rank, dilationRate);
    name = Checks.name(name);
  }

  /**
   * A pooling with dense windows (dilation 1 on every axis), as Keras' pooling layers.
   *
   * @param kind max or average pooling
   * @param rank the number of spatial axes: 1, 2 or 3
   * @param poolSize the window size, one value per axis
   * @param strides the step between windows, one value per axis
   * @param padding how borders are treated
   * @param name the name the user gave, or empty for an automatic one
   */
  public Pooling(
      PoolKind kind,
      int rank,
      List<Integer> poolSize,
      List<Integer> strides,
      Padding padding,
      Optional<String> name) {
    this(kind, rank, poolSize, strides, padding, ones(rank), name);
  }

  /** One per axis; a bad rank is left for the canonical constructor to report. */
  private static List<Integer> ones(int rank) {
    return java.util.Collections.nCopies(Math.max(0, Math.min(rank, 3)), 1);
  }

  /**
   * {@return Keras' {@code MaxPooling1D} with its defaults, as {@link #of of(PoolKind.MAX, 1,
   * poolSize)}}
   *
   * @param poolSize the window size: one value for every axis, or one per axis
   */
  public static Pooling maxPooling1d(int... poolSize) {
    return of(PoolKind.MAX, 1, poolSize);
  }

  /**
   * {@return Keras' {@code MaxPooling2D} with its defaults, as {@link #of of(PoolKind.MAX, 2,
   * poolSize)}}
   *
   * @param poolSize the window size: one value for every axis, or one per axis
   */
  public static Pooling maxPooling2d(int... poolSize) {
    return of(PoolKind.MAX, 2, poolSize);
  }

  /**
   * {@return Keras' {@code MaxPooling3D} with its defaults, as {@link #of of(PoolKind.MAX, 3,
   * poolSize)}}
   *
   * @param poolSize the window size: one value for every axis, or one per axis
   */
  public static Pooling maxPooling3d(int... poolSize) {
    return of(PoolKind.MAX, 3, poolSize);
  }

  /**
   * {@return Keras' {@code AveragePooling1D} with its defaults, as {@link #of of(PoolKind.AVERAGE,
   * 1, poolSize)}}
   *
   * @param poolSize the window size: one value for every axis, or one per axis
   */
  public static Pooling averagePooling1d(int... poolSize) {
    return of(PoolKind.AVERAGE, 1, poolSize);
  }

  /**
   * {@return Keras' {@code AveragePooling2D} with its defaults, as {@link #of of(PoolKind.AVERAGE,
   * 2, poolSize)}}
   *
   * @param poolSize the window size: one value for every axis, or one per axis
   */
  public static Pooling averagePooling2d(int... poolSize) {
    return of(PoolKind.AVERAGE, 2, poolSize);
  }

  /**
   * {@return sum pooling in 2D (NIR's {@code SumPool2d}), as {@link #of of(PoolKind.SUM, 2,
   * poolSize)}}
   *
   * @param poolSize the window size: one value for every axis, or one per axis
   */
  public static Pooling sumPooling2d(int... poolSize) {
    return of(PoolKind.SUM, 2, poolSize);
  }

  /**
   * {@return Keras' {@code AveragePooling3D} with its defaults, as {@link #of of(PoolKind.AVERAGE,
   * 3, poolSize)}}
   *
   * @param poolSize the window size: one value for every axis, or one per axis
   */
  public static Pooling averagePooling3d(int... poolSize) {
    return of(PoolKind.AVERAGE, 3, poolSize);
  }

  /**
   * {@return pooling with strides equal to the pool size and valid padding, as Keras defaults}
   *
   * @param kind max or average pooling
   * @param rank the number of spatial axes: 1, 2 or 3
   * @param poolSize the window size: one value for every axis, or one per axis
   */
  public static Pooling of(PoolKind kind, int rank, int... poolSize) {
    List<Integer> pool = Checks.perAxis("poolSize", rank, poolSize);
    return new Pooling(kind, rank, pool, pool, Padding.VALID, ones(rank), Optional.empty());
  }

  /**
   * {@return a copy with these strides (one value, or one per axis)}
   *
   * @param strides the step between windows: one value, or one per axis
   */
  public Pooling strides(int... strides) {
    return new Pooling(
        kind,
        rank,
        poolSize,
        Checks.perAxis("strides", rank, strides),
        padding,
        dilationRate,
        name);
  }

  /**
   * {@return a copy with this padding}
   *
   * @param padding how borders are treated
   */
  public Pooling padding(Padding padding) {
    return new Pooling(kind, rank, poolSize, strides, padding, dilationRate, name);
  }

  /**
   * {@return a copy whose window taps are this many positions apart (one value, or one per axis)},
   * as ONNX's {@code dilations}: the window then spans {@code (p - 1) * d + 1} positions
   *
   * @param dilationRate the spacing of the window's taps: one value, or one per axis
   */
  public Pooling dilationRate(int... dilationRate) {
    return new Pooling(
        kind,
        rank,
        poolSize,
        strides,
        padding,
        Checks.perAxis("dilationRate", rank, dilationRate),
        name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Pooling name(String name) {
    return new Pooling(kind, rank, poolSize, strides, padding, dilationRate, Optional.of(name));
  }

  @Override
  public String type() {
    return kind.typeWord() + "Pooling" + rank + "D";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    int[] spatial = Windows.slide(inputs, rank, poolSize, strides, dilationRate, padding, "pool");
    int[] out = java.util.Arrays.copyOf(spatial, rank + 1);
    out[rank] = Checks.single(inputs).get(-1);
    return Shape.of(out);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    if (accounting == Accounting.KERAS_SPIKING) {
      return Optional.empty();
    }
    if (kind == PoolKind.MAX) {
      return Optional.of(LayerStats.NONE);
    }
    long size = Checks.unitsPerStep(output, inputs, "output");
    return Optional.of(LayerStats.connections(Math.multiplyExact(size, Checks.product(poolSize))));
  }

  @Override
  public boolean readsChannelsLast() {
    return true;
  }

  @Override
  public LayerKind layerKind() {
    return LayerKind.POOLING;
  }

  @Override
  public String describe() {
    StringBuilder s =
        new StringBuilder(kind.methodWord())
            .append("Pooling")
            .append(rank)
            .append("d(")
            .append(Checks.dims(poolSize));
    if (!strides.equals(poolSize)) {
      s.append(", strides ").append(Checks.dims(strides));
    }
    if (padding != Padding.VALID) {
      s.append(", ").append(padding.kerasName());
    }
    if (!Checks.allOnes(dilationRate)) {
      s.append(", dilation ").append(Checks.dims(dilationRate));
    }
    return s.append(')').toString();
  }
}
