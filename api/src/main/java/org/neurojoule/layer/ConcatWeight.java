package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * A stored tensor put before its input along one axis: a vision transformer's learned class token
 * prepended to the patch tokens. The stored shape is the input's but for that axis. Keras has no
 * such layer.
 *
 * <p>Parameters: the stored values ({@code weight} of {@code shape}). It moves data: connections
 * and neurons are 0 under {@link Accounting#COMPLETE}; the reference has no rule for it (0 with a
 * warning under {@link Accounting#KERAS_SPIKING}).
 *
 * @param axis the axis joined along, 0-based without the batch
 * @param shape the stored tensor's dimensions, each {@code >= 1}
 * @param name the name the user gave, or empty for an automatic one
 */
public record ConcatWeight(int axis, List<Integer> shape, Optional<String> name)
    implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param axis the axis joined along, 0-based without the batch
   * @param shape the stored tensor's dimensions, each {@code >= 1}
   * @param name the name the user gave, or empty for an automatic one
   */
  public ConcatWeight {
    shape = StoredShape.check("ConcatWeight", shape);
    if (axis < 0 || axis >= shape.size()) {
      throw ShapeException.invalid(
          "ConcatWeight: axis " + axis + " is not an axis of the" + " stored shape " + shape);
    }
    name = Checks.name(name);
  }

  /**
   * {@return a stored tensor of this shape put before the input along {@code axis}}
   *
   * @param axis the axis joined along, 0-based without the batch
   * @param shape the stored tensor's dimensions
   */
  public static ConcatWeight of(int axis, int... shape) {
    return new ConcatWeight(axis, StoredShape.list(shape), Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public ConcatWeight name(String name) {
    return new ConcatWeight(axis, shape, Optional.of(name));
  }

  @Override
  public String type() {
    return "ConcatWeight";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    boolean fits = in.rank() == shape.size();
    for (int i = 0; fits && i < shape.size(); i++) {
      fits = i == axis || shape.get(i) == in.get(i);
    }
    if (!fits || in.get(axis) == Shape.NONE) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "a stored tensor of "
              + WeightShapes.shapeText(Checks.toArray(shape))
              + " cannot join the input "
              + in.toKerasString()
              + " along axis "
              + (axis + 1)
              + " (the other sizes must be"
              + " equal, that axis defined)");
    }
    int[] out = in.toArray();
    out[axis] = Math.addExact(out[axis], shape.get(axis));
    return Shape.of(out);
  }

  @Override
  public List<WeightShapes.Weight> weights(List<Shape> inputs) {
    outputShape(inputs);
    return weights(0);
  }

  /** The stored tensor, whatever the input. */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    return StoredShape.weights(shape);
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    outputShape(inputs);
    return StoredShape.params(shape);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return StoredShape.stats(accounting);
  }

  @Override
  public String describe() {
    return "concatWeight(axis " + (axis + 1) + ", " + Checks.dims(shape) + ")";
  }
}
