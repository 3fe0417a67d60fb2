package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code Dense}, on inputs of any rank: it maps the last axis to {@code units}.
 *
 * <p>Input {@code (..., in)}, output {@code (..., units)}. Parameters: {@code in * units (+ units
 * bias)}. Connections: {@code (output size / units) * in * units}; neurons: the output size when
 * the activation is not linear.
 */
public record Dense(int units, Activation activation, boolean useBias, Optional<String> name)
    implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param units the number of output units
   * @param activation the activation function
   * @param useBias whether the layer adds a bias
   * @param name the name the user gave, or empty for an automatic one
   */
  public Dense {
    Checks.positive("units", units);
    Checks.notNull(activation, "activation");
    name = Checks.name(name);
  }

  /**
   * {@return Keras' defaults: linear, with bias}
   *
   * @param units the number of output units
   */
  public static Dense of(int units) {
    return new Dense(units, Activation.LINEAR, true, Optional.empty());
  }

  /**
   * {@return a copy with this activation}
   *
   * @param activation the activation function
   */
  public Dense activation(Activation activation) {
    return new Dense(units, activation, useBias, name);
  }

  /**
   * {@return a copy with or without bias}
   *
   * @param useBias whether the layer adds a bias
   */
  public Dense useBias(boolean useBias) {
    return new Dense(units, activation, useBias, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Dense name(String name) {
    return new Dense(units, activation, useBias, Optional.of(name));
  }

  @Override
  public String type() {
    return "Dense";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    if (in.rank() == 0) {
      throw ShapeException.of(
          ShapeError.WRONG_RANK,
          inputs,
          "needs an input of rank 1 or more, but the input is a scalar");
    }
    Checks.channels(inputs);
    return in.withLast(units);
  }

  /** Kernel {@code (cin, units)}, then bias {@code (units,)} with {@code useBias}. */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    WeightShapes.Weight kernel = WeightShapes.Weight.glorot("kernel", cin, units);
    return useBias ? List.of(kernel, WeightShapes.Weight.zeros("bias", units)) : List.of(kernel);
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    long kernel = Math.multiplyExact((long) Checks.channels(inputs), units);
    return ParamCount.trainable(useBias ? Math.addExact(kernel, units) : kernel);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    long size = Checks.unitsPerStep(output, inputs, "output");
    long in = Checks.channels(inputs);
    long connections = Math.multiplyExact(Math.multiplyExact(size / units, in), units);
    return Optional.of(LayerStats.withActivation(connections, size, activation));
  }

  @Override
  public LayerKind layerKind() {
    return LayerKind.DENSE;
  }

  @Override
  public boolean addsBiasPerOutput() {
    return useBias;
  }

  /** {@inheritDoc} Exact for a dense layer: each input value feeds every unit. */
  @Override
  public double fanOutPerValue(long connections, long inputValues) {
    return units;
  }

  @Override
  public String describe() {
    return "dense(" + units + Describe.activationAndBias(activation, useBias) + ")";
  }
}
