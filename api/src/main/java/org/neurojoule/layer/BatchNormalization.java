package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code BatchNormalization} over the last axis, in inference mode.
 *
 * <p>Output shape = input shape. Parameters: {@code 4 * c} for {@code c} channels (gamma and beta
 * trainable, moving mean and variance not); without {@code center} or {@code scale}, beta or gamma
 * is left out. No statistics: KerasSpiking has no rule (zero and a warning), and {@link
 * Accounting#COMPLETE} counts zero because deployment folds it into the previous layer.
 *
 * <p>{@code epsilon} is {@code > 0} within float32's range ({@code Float.MIN_VALUE} to {@code
 * Float.MAX_VALUE}), so that {@code variance + epsilon} never rounds to 0 in the float32 forward
 * pass; a set moving variance must be {@code >= 0}.
 */
public record BatchNormalization(
    double momentum, double epsilon, boolean center, boolean scale, Optional<String> name)
    implements LayerSpec {
  /** Keras' default epsilon. */
  public static final double DEFAULT_EPSILON = 1e-3;

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param momentum the moving-average momentum
   * @param epsilon the variance epsilon
   * @param center whether a beta offset is learned
   * @param scale whether a gamma factor is learned
   * @param name the name the user gave, or empty for an automatic one
   */
  public BatchNormalization {
    if (!(momentum >= 0 && momentum <= 1)) {
      throw ShapeException.invalid("momentum must be in [0, 1], was " + momentum);
    }
    Checks.positiveFloat("epsilon", epsilon);
    name = Checks.name(name);
  }

  /** {@return Keras' defaults: momentum 0.99, epsilon 1e-3, center and scale} */
  public static BatchNormalization of() {
    return new BatchNormalization(0.99, DEFAULT_EPSILON, true, true, Optional.empty());
  }

  /**
   * {@return a copy with this momentum}
   *
   * @param momentum the moving-average momentum
   */
  public BatchNormalization momentum(double momentum) {
    return new BatchNormalization(momentum, epsilon, center, scale, name);
  }

  /**
   * {@return a copy with this epsilon}
   *
   * @param epsilon the variance epsilon
   */
  public BatchNormalization epsilon(double epsilon) {
    return new BatchNormalization(momentum, epsilon, center, scale, name);
  }

  /**
   * {@return a copy with or without the beta offset}
   *
   * @param center whether a beta offset is learned
   */
  public BatchNormalization center(boolean center) {
    return new BatchNormalization(momentum, epsilon, center, scale, name);
  }

  /**
   * {@return a copy with or without the gamma factor}
   *
   * @param scale whether a gamma factor is learned
   */
  public BatchNormalization scale(boolean scale) {
    return new BatchNormalization(momentum, epsilon, center, scale, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public BatchNormalization name(String name) {
    return new BatchNormalization(momentum, epsilon, center, scale, Optional.of(name));
  }

  @Override
  public String type() {
    return "BatchNormalization";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Checks.channels(inputs);
    return Checks.single(inputs);
  }

  /**
   * Gamma (with {@code scale}), beta (with {@code center}), moving mean, moving variance, each
   * {@code (cin,)}.
   */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    List<WeightShapes.Weight> w = new java.util.ArrayList<>();
    if (scale()) {
      w.add(WeightShapes.Weight.ones("gamma", cin));
    }
    if (center()) {
      w.add(WeightShapes.Weight.zeros("beta", cin));
    }
    w.add(WeightShapes.Weight.zeros("moving_mean", cin));
    w.add(WeightShapes.Weight.ones("moving_variance", cin));
    return List.copyOf(w);
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    long c = Checks.channels(inputs);
    long trainable = c * ((center ? 1 : 0) + (scale ? 1 : 0));
    return new ParamCount(trainable, 2 * c);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return accounting == Accounting.COMPLETE ? Optional.of(LayerStats.NONE) : Optional.empty();
  }

  @Override
  public String describe() {
    return "batchNormalization";
  }
}
