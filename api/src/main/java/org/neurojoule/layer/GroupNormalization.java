package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code GroupNormalization}: splits the channels ({@code axis}) into {@code groups} groups
 * of {@code channels / groups} and normalizes each example's group, over its channels and every
 * other position, to mean 0 and variance 1 ({@code (x - mean) / sqrt(variance + epsilon)}); then
 * scales by gamma and shifts by beta, one of each per channel.
 *
 * <p>{@code axis} is Keras' axis number: negative counts from the end ({@code -1}, the default, is
 * the last axis, channels last), positive counts the batch as axis 0. The channels must be defined
 * and divide by {@code groups}. Output shape = input shape; parameters: {@code 2 * channels} (gamma
 * with {@code scale}, beta with {@code center}).
 *
 * <p>Statistics as {@link LayerNormalization}'s: its mean and variance depend on the example, so it
 * cannot be folded into the layer before; {@link Accounting#COMPLETE} counts a neuron per output
 * unit and no connections, the reference has no rule (0 and a warning under {@link
 * Accounting#KERAS_SPIKING}).
 *
 * @param groups the number of channel groups, {@code > 0}
 * @param axis the Keras axis of the channels
 * @param epsilon added to the variance, {@code > 0} within float32's range
 * @param center whether a beta offset is learned
 * @param scale whether a gamma factor is learned
 * @param name the name the user gave, or empty for an automatic one
 */
public record GroupNormalization(
    int groups, int axis, double epsilon, boolean center, boolean scale, Optional<String> name)
    implements LayerSpec {
  /** Keras' default epsilon. */
  public static final double DEFAULT_EPSILON = 1e-3;

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param groups the number of channel groups
   * @param axis the Keras axis of the channels
   * @param epsilon added to the variance
   * @param center whether a beta offset is learned
   * @param scale whether a gamma factor is learned
   * @param name the name the user gave, or empty for an automatic one
   */
  public GroupNormalization {
    Checks.positive("groups", groups);
    if (axis == 0) {
      throw ShapeException.invalid(
          "axis 0 is the batch, which GroupNormalization cannot split" + " into groups");
    }
    Checks.positiveFloat("epsilon", epsilon);
    name = Checks.name(name);
  }

  /**
   * {@return Keras' defaults with {@code groups} groups: the last axis, epsilon 1e-3, center and
   * scale}
   *
   * @param groups the number of channel groups; Keras' default is 32
   */
  public static GroupNormalization of(int groups) {
    return new GroupNormalization(groups, -1, DEFAULT_EPSILON, true, true, Optional.empty());
  }

  /**
   * {@return a copy whose channels are this Keras axis}
   *
   * @param axis Keras' axis number: {@code -1} the last, {@code 1} the first after the batch
   */
  public GroupNormalization axis(int axis) {
    return new GroupNormalization(groups, axis, epsilon, center, scale, name);
  }

  /**
   * {@return a copy with this epsilon}
   *
   * @param epsilon added to the variance
   */
  public GroupNormalization epsilon(double epsilon) {
    return new GroupNormalization(groups, axis, epsilon, center, scale, name);
  }

  /**
   * {@return a copy with or without the beta offset}
   *
   * @param center whether a beta offset is learned
   */
  public GroupNormalization center(boolean center) {
    return new GroupNormalization(groups, axis, epsilon, center, scale, name);
  }

  /**
   * {@return a copy with or without the gamma factor}
   *
   * @param scale whether a gamma factor is learned
   */
  public GroupNormalization scale(boolean scale) {
    return new GroupNormalization(groups, axis, epsilon, center, scale, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public GroupNormalization name(String name) {
    return new GroupNormalization(groups, axis, epsilon, center, scale, Optional.of(name));
  }

  @Override
  public String type() {
    return "GroupNormalization";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    channels(inputs);
    return Checks.single(inputs);
  }

  /** Gamma (with {@code scale}) then beta (with {@code center}), one per channel. */
  @Override
  public List<WeightShapes.Weight> weights(List<Shape> inputs) {
    return weights(channels(inputs));
  }

  /** Gamma then beta {@code (cin,)}. */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    int[] shape = {cin};
    if (scale && center) {
      return List.of(
          WeightShapes.Weight.ones("gamma", shape), WeightShapes.Weight.zeros("beta", shape));
    }
    return scale
        ? List.of(WeightShapes.Weight.ones("gamma", shape))
        : center ? List.of(WeightShapes.Weight.zeros("beta", shape)) : List.of();
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    return ParamCount.trainable((long) channels(inputs) * ((center ? 1 : 0) + (scale ? 1 : 0)));
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return accounting == Accounting.KERAS_SPIKING
        ? Optional.empty()
        : Optional.of(LayerStats.neuronsOnly(Checks.unitsPerStep(output, inputs, "output")));
  }

  @Override
  public String describe() {
    return "groupNormalization(" + groups + (axis == -1 ? "" : ", axis " + axis) + ")";
  }

  /**
   * {@return the channel axis as an index of the shape without the batch}
   *
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException if the axis is beyond the input
   */
  public int channelAxis(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    int i = axis < 0 ? in.rank() + axis : axis - 1;
    if (i < 0 || i >= in.rank()) {
      throw ShapeException.of(
          ShapeError.WRONG_RANK,
          inputs,
          "axis " + axis + " is beyond the" + " input " + in.toKerasString());
    }
    return i;
  }

  /**
   * {@return the number of channels, checked to be defined and to divide by {@code groups}}
   *
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException naming the channels and groups if they do not divide
   */
  public int channels(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    int a = channelAxis(inputs);
    int c = in.get(a);
    if (c == Shape.NONE) {
      throw Checks.undefined(
          inputs,
          "splits axis "
              + (a + 1)
              + " of "
              + in.toKerasString()
              + " into groups, which is undefined; give it a size");
    }
    if (c % groups != 0) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          c
              + " channels cannot be"
              + " split into "
              + groups
              + " groups: the channels must divide by groups");
    }
    return c;
  }
}
