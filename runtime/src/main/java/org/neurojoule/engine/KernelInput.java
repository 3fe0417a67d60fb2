package org.neurojoule.engine;

import java.util.function.Supplier;
import org.neurojoule.Integration;
import org.neurojoule.Reset;

/** What a {@link Kernel} may ask about the layer it makes an op for. */
final class KernelInput {
  /**
   * The spiking simulation's clock, given to {@link Kernel#stepOp}.
   *
   * @param dt the timestep, in seconds
   * @param reset how a spiking neuron's voltage resets after a spike
   */
  /**
   * The simulation's step: its length, the reset, how leaky neurons integrate, and what to advise
   * (naming the caller's options) when dt is too long for forward Euler; empty for a model built in
   * Java.
   */
  record Timestep(double dt, Reset reset, Integration integration, String overshootAdvice) {}

  private final Supplier<float[][]> weights;
  private final int[][] inputShapes;
  private final String layer;
  private final Timestep timestep;

  KernelInput(Supplier<float[][]> weights, int[][] inputShapes) {
    this(weights, inputShapes, "the layer", null);
  }

  KernelInput(Supplier<float[][]> weights, int[][] inputShapes, String layer, Timestep timestep) {
    this.weights = weights;
    this.inputShapes = inputShapes;
    this.layer = layer;
    this.timestep = timestep;
  }

  /** The layer's weight arrays in Keras' order, checked against the shapes its input needs. */
  float[][] weights() {
    return weights.get();
  }

  /** The concrete shape of one example of input {@code i} (without the batch). */
  int[] inputShape(int i) {
    return inputShapes[i].clone();
  }

  /** The layer as messages name it: {@code layer 'lif' (LIF)}. */
  String layer() {
    return layer;
  }

  /** The simulation's clock; only in the spiking simulation. */
  Timestep timestep() {
    if (timestep == null) {
      throw new IllegalStateException("no timestep outside the spiking simulation");
    }
    return timestep;
  }
}
