package org.neurojoule.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code LayerNormalization}: normalizes each example over {@code axis} to mean 0 and
 * variance 1 ({@code (x - mean) / sqrt(variance + epsilon)}), then scales by gamma and shifts by
 * beta, both of the normalized axes' shape.
 *
 * <p>{@code axis} lists Keras' axis numbers: negative ones count from the end ({@code -1}, the
 * default, is the last axis), positive ones count the batch as axis 0. The normalized axes must be
 * defined. Output shape = input shape; parameters: {@code 2 * features} (gamma with {@code scale},
 * beta with {@code center}), {@code features} being the product of the normalized axes' sizes.
 *
 * <p>Statistics: unlike BatchNormalization it cannot be folded into the layer before, since its
 * mean and variance depend on the example; each output element is a per-element non-linear step (a
 * division by the example's deviation), so {@link Accounting#COMPLETE} counts a neuron per output
 * unit and no connections. The reference has no rule (0 and a warning under {@link
 * Accounting#KERAS_SPIKING}).
 *
 * @param axis the Keras axes normalized over
 * @param epsilon added to the variance, {@code > 0} within float32's range
 * @param center whether a beta offset is learned
 * @param scale whether a gamma factor is learned
 * @param name the name the user gave, or empty for an automatic one
 */
public record LayerNormalization(
    List<Integer> axis, double epsilon, boolean center, boolean scale, Optional<String> name)
    implements LayerSpec {
  /** Keras' default epsilon. */
  public static final double DEFAULT_EPSILON = 1e-3;

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param axis the Keras axes normalized over
   * @param epsilon added to the variance
   * @param center whether a beta offset is learned
   * @param scale whether a gamma factor is learned
   * @param name the name the user gave, or empty for an automatic one
   */
  public LayerNormalization {
    Checks.notNull(axis, "axis");
    if (axis.isEmpty()) {
      throw ShapeException.invalid("axis must list at least one axis");
    }
    for (int a : axis) {
      if (a == 0) {
        throw ShapeException.invalid(
            "axis 0 is the batch, which LayerNormalization cannot" + " normalize over");
      }
    }
    axis = List.copyOf(axis);
    Checks.positiveFloat("epsilon", epsilon);
    name = Checks.name(name);
  }

  /** {@return Keras' defaults: the last axis, epsilon 1e-3, center and scale} */
  public static LayerNormalization of() {
    return new LayerNormalization(List.of(-1), DEFAULT_EPSILON, true, true, Optional.empty());
  }

  /**
   * {@return a copy normalizing over these Keras axes}
   *
   * @param axis Keras' axis numbers: {@code -1} the last, {@code 1} the first after the batch
   */
  public LayerNormalization axis(int... axis) {
    List<Integer> list = new ArrayList<>();
    for (int a : axis) {
      list.add(a);
    }
    return new LayerNormalization(list, epsilon, center, scale, name);
  }

  /**
   * {@return a copy with this epsilon}
   *
   * @param epsilon added to the variance
   */
  public LayerNormalization epsilon(double epsilon) {
    return new LayerNormalization(axis, epsilon, center, scale, name);
  }

  /**
   * {@return a copy with or without the beta offset}
   *
   * @param center whether a beta offset is learned
   */
  public LayerNormalization center(boolean center) {
    return new LayerNormalization(axis, epsilon, center, scale, name);
  }

  /**
   * {@return a copy with or without the gamma factor}
   *
   * @param scale whether a gamma factor is learned
   */
  public LayerNormalization scale(boolean scale) {
    return new LayerNormalization(axis, epsilon, center, scale, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public LayerNormalization name(String name) {
    return new LayerNormalization(axis, epsilon, center, scale, Optional.of(name));
  }

  @Override
  public String type() {
    return "LayerNormalization";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    paramShape(inputs);
    return Checks.single(inputs);
  }

  /** Gamma (with {@code scale}) then beta (with {@code center}), of {@link #paramShape}. */
  @Override
  public List<WeightShapes.Weight> weights(List<Shape> inputs) {
    return center || scale ? weightsOf(paramShape(inputs)) : List.of();
  }

  /** Gamma then beta {@code (cin,)}, as on an input of shape {@code (cin,)}. */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    return weightsOf(new int[] {cin});
  }

  private List<WeightShapes.Weight> weightsOf(int[] shape) {
    List<WeightShapes.Weight> w = new ArrayList<>();
    if (scale) {
      w.add(WeightShapes.Weight.ones("gamma", shape));
    }
    if (center) {
      w.add(WeightShapes.Weight.zeros("beta", shape));
    }
    return List.copyOf(w);
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    long features = 1;
    for (int d : paramShape(inputs)) {
      features = Math.multiplyExact(features, d);
    }
    return ParamCount.trainable(features * ((center ? 1 : 0) + (scale ? 1 : 0)));
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return accounting == Accounting.KERAS_SPIKING
        ? Optional.empty()
        : Optional.of(LayerStats.neuronsOnly(Checks.unitsPerStep(output, inputs, "output")));
  }

  @Override
  public String describe() {
    return axis.equals(List.of(-1))
        ? "layerNormalization"
        : "layerNormalization(axis " + axis + ")";
  }

  /**
   * {@return the normalized axes as indices of the shape without the batch, ascending}
   *
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException naming the axis if it is beyond the input or listed twice
   */
  public int[] axes(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    boolean[] used = new boolean[in.rank()];
    for (int a : axis) {
      int i = a < 0 ? in.rank() + a : a - 1;
      if (i < 0 || i >= in.rank()) {
        throw ShapeException.of(
            ShapeError.WRONG_RANK,
            inputs,
            "axis " + a + " is beyond the" + " input " + in.toKerasString());
      }
      if (used[i]) {
        throw ShapeException.of(
            ShapeError.INVALID_ARGUMENT,
            inputs,
            "axis " + axis + " names axis " + (i + 1) + " of " + in.toKerasString() + " twice");
      }
      used[i] = true;
    }
    int[] out = new int[axis.size()];
    int k = 0;
    for (int i = 0; i < used.length; i++) {
      if (used[i]) {
        out[k++] = i;
      }
    }
    return out;
  }

  /**
   * {@return the shape of gamma and beta: the sizes of the normalized axes, in ascending axis
   * order}
   *
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException naming the axis if it is undefined, beyond the input or listed twice
   */
  public int[] paramShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    int[] axes = axes(inputs);
    int[] shape = new int[axes.length];
    for (int k = 0; k < axes.length; k++) {
      shape[k] = in.get(axes[k]);
      if (shape[k] == Shape.NONE) {
        throw Checks.undefined(
            inputs,
            "normalizes over axis "
                + (axes[k] + 1)
                + " of "
                + in.toKerasString()
                + ", which is undefined; give it a size");
      }
    }
    return shape;
  }
}
