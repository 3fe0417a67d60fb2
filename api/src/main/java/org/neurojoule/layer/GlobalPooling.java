package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code GlobalMaxPooling1D/2D/3D} and {@code GlobalAveragePooling1D/2D/3D}: one value per
 * channel over all spatial positions.
 *
 * <p>Input {@code (spatial..., c)}, output {@code (c)}, or {@code (1..., c)} with {@code keepdims}.
 * No parameters. Statistics: KerasSpiking counts global average pooling as zero and has no rule for
 * global max pooling (zero and a warning); {@link Accounting#COMPLETE} counts the input size for
 * average pooling and zero for max pooling.
 */
public record GlobalPooling(PoolKind kind, int rank, boolean keepdims, Optional<String> name)
    implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param kind max or average pooling
   * @param rank the number of spatial axes: 1, 2 or 3
   * @param keepdims whether the pooled axes stay, with size 1
   * @param name the name the user gave, or empty for an automatic one
   */
  public GlobalPooling {
    Checks.notNull(kind, "kind");
    if (kind == PoolKind.SUM) {
      throw org.neurojoule.shape.ShapeException.invalid(
          "global pooling is max or average, not" + " sum");
    }
    if (rank < 1 || rank > 3) {
      throw ShapeException.invalid("global pooling rank must be 1, 2 or 3, was " + rank);
    }
    name = Checks.name(name);
  }

  /** {@return Keras' {@code GlobalMaxPooling1D}, as {@link #of of(PoolKind.MAX, 1)}} */
  public static GlobalPooling globalMaxPooling1d() {
    return of(PoolKind.MAX, 1);
  }

  /** {@return Keras' {@code GlobalMaxPooling2D}, as {@link #of of(PoolKind.MAX, 2)}} */
  public static GlobalPooling globalMaxPooling2d() {
    return of(PoolKind.MAX, 2);
  }

  /** {@return Keras' {@code GlobalMaxPooling3D}, as {@link #of of(PoolKind.MAX, 3)}} */
  public static GlobalPooling globalMaxPooling3d() {
    return of(PoolKind.MAX, 3);
  }

  /** {@return Keras' {@code GlobalAveragePooling1D}, as {@link #of of(PoolKind.AVERAGE, 1)}} */
  public static GlobalPooling globalAveragePooling1d() {
    return of(PoolKind.AVERAGE, 1);
  }

  /** {@return Keras' {@code GlobalAveragePooling2D}, as {@link #of of(PoolKind.AVERAGE, 2)}} */
  public static GlobalPooling globalAveragePooling2d() {
    return of(PoolKind.AVERAGE, 2);
  }

  /** {@return Keras' {@code GlobalAveragePooling3D}, as {@link #of of(PoolKind.AVERAGE, 3)}} */
  public static GlobalPooling globalAveragePooling3d() {
    return of(PoolKind.AVERAGE, 3);
  }

  /**
   * {@return global pooling without keepdims}
   *
   * @param kind max or average pooling
   * @param rank the number of spatial axes: 1, 2 or 3
   */
  public static GlobalPooling of(PoolKind kind, int rank) {
    return new GlobalPooling(kind, rank, false, Optional.empty());
  }

  /**
   * {@return a copy that keeps the pooled axes as size 1}
   *
   * @param keepdims whether the pooled axes stay, with size 1
   */
  public GlobalPooling keepdims(boolean keepdims) {
    return new GlobalPooling(kind, rank, keepdims, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public GlobalPooling name(String name) {
    return new GlobalPooling(kind, rank, keepdims, Optional.of(name));
  }

  @Override
  public String type() {
    return "Global" + kind.typeWord() + "Pooling" + rank + "D";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Checks.requireRank(inputs, rank + 1, Checks.spatialAxes(rank));
    int c = Checks.single(inputs).get(-1);
    if (!keepdims) {
      return Shape.of(c);
    }
    int[] out = new int[rank + 1];
    java.util.Arrays.fill(out, 1);
    out[rank] = c;
    return Shape.of(out);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    if (kind == PoolKind.MAX) {
      return accounting == Accounting.COMPLETE ? Optional.of(LayerStats.NONE) : Optional.empty();
    }
    if (accounting == Accounting.KERAS_SPIKING) {
      return Optional.of(LayerStats.NONE);
    }
    return Optional.of(
        LayerStats.connections(Checks.unitsPerStep(Checks.single(inputs), inputs, "input")));
  }

  @Override
  public LayerKind layerKind() {
    return LayerKind.POOLING;
  }

  @Override
  public String describe() {
    return "global" + kind.typeWord() + "Pooling" + rank + "d";
  }
}
