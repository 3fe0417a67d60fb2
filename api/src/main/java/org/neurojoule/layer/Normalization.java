package org.neurojoule.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' preprocessing {@code Normalization}: {@code (x - mean) / max(sqrt(variance), 1e-7)}
 * element-wise, with a mean and a variance per index of the kept axes (Keras' {@code axis}: the
 * last by default; none, Keras' {@code axis=None}, for one mean and variance in all).
 *
 * <p>Weights: mean and variance, of the kept axes' shape, and count, a scalar (int64 in Keras'
 * files, a float here), all non-trainable; the parameter count is their sum, {@code 2 * c + 1}.
 * Under {@link Accounting#COMPLETE} it counts 0, as batch normalization does: a constant affine map
 * folds into the next layer's weights on deployment. The reference has no rule for it (0 with a
 * warning under {@link Accounting#KERAS_SPIKING}).
 *
 * @param axes the Keras axes that keep their own mean and variance (Keras' {@code axis}); empty for
 *     a single one
 * @param name the name the user gave, or empty for an automatic one
 */
public record Normalization(List<Integer> axes, Optional<String> name) implements LayerSpec {
  /** Keras' {@code backend.epsilon()}, the least divisor. */
  public static final double EPSILON = 1e-7;

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param axes the Keras axes that keep their own mean and variance (Keras' {@code axis}); empty
   *     for a single one
   * @param name the name the user gave, or empty for an automatic one
   */
  public Normalization {
    Checks.notNull(axes, "axes");
    for (int a : axes) {
      if (a == 0) {
        throw ShapeException.invalid("axis 0 is the batch, which Normalization cannot keep");
      }
    }
    axes = List.copyOf(axes);
    name = Checks.name(name);
  }

  /** {@return Keras' default: a mean and a variance per index of the last axis} */
  public static Normalization of() {
    return new Normalization(List.of(-1), Optional.empty());
  }

  /**
   * {@return a copy keeping these Keras axes; none for a single mean and variance} (Named after
   * Keras' argument; the component is {@code axes}, so that {@code axis()} is this wither.)
   *
   * @param axis Keras' axis numbers: {@code -1} the last, {@code 1} the first after the batch
   */
  public Normalization axis(int... axis) {
    List<Integer> list = new ArrayList<>();
    for (int a : axis) {
      list.add(a);
    }
    return new Normalization(list, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Normalization name(String name) {
    return new Normalization(axes, Optional.of(name));
  }

  @Override
  public String type() {
    return "Normalization";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    meanShape(inputs);
    return Checks.single(inputs);
  }

  /** Mean (zeros) and variance (ones) of {@link #meanShape}, then count, a scalar. */
  @Override
  public List<WeightShapes.Weight> weights(List<Shape> inputs) {
    return weightsOf(meanShape(inputs));
  }

  /** Mean and variance {@code (cin,)}, as on an input of shape {@code (cin,)}, then count. */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    return weightsOf(new int[] {cin});
  }

  private static List<WeightShapes.Weight> weightsOf(int[] shape) {
    return List.of(
        WeightShapes.Weight.zeros("mean", shape),
        WeightShapes.Weight.ones("variance", shape),
        WeightShapes.Weight.zeros("count"));
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    long n = 1;
    for (int d : meanShape(inputs)) {
      n = Math.multiplyExact(n, d);
    }
    return new ParamCount(0, Math.addExact(Math.multiplyExact(2, n), 1));
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return accounting == Accounting.KERAS_SPIKING ? Optional.empty() : Optional.of(LayerStats.NONE);
  }

  @Override
  public String describe() {
    return axes.equals(List.of(-1)) ? "normalization" : "normalization(axis " + axes + ")";
  }

  /**
   * {@return the kept axes as indices of the shape without the batch, ascending}
   *
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException naming the axis if it is beyond the input or listed twice
   */
  public int[] keptAxes(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    boolean[] used = new boolean[in.rank()];
    for (int a : axes) {
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
            "axis " + axes + " names axis " + (i + 1) + " of " + in.toKerasString() + " twice");
      }
      used[i] = true;
    }
    int[] out = new int[axes.size()];
    int k = 0;
    for (int i = 0; i < used.length; i++) {
      if (used[i]) {
        out[k++] = i;
      }
    }
    return out;
  }

  /**
   * {@return the shape of mean and variance: the sizes of the kept axes, in ascending axis order}
   *
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException naming the axis if it is undefined, beyond the input or listed twice
   */
  public int[] meanShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    int[] kept = keptAxes(inputs);
    int[] shape = new int[kept.length];
    for (int k = 0; k < kept.length; k++) {
      shape[k] = in.get(kept[k]);
      if (shape[k] == Shape.NONE) {
        throw Checks.undefined(
            inputs,
            "keeps a mean per index of axis "
                + (kept[k] + 1)
                + " of "
                + in.toKerasString()
                + ", which is undefined; give it a size");
      }
    }
    return shape;
  }
}
