package org.neurojoule.layer;

/**
 * What one application of a layer costs per timestep: the statistics energy is computed from.
 *
 * @param connections synaptic operations: pairs of units where a change in the input changes the
 *     output
 * @param neurons neuron updates: units that apply a non-linearity
 * @param spiking whether the layer's output is already spiking (or needs no neurons), so that on a
 *     spiking device it needs no conversion
 */
public record LayerStats(long connections, long neurons, boolean spiking) {
  /** A layer that does no arithmetic: no connections, no neurons, spiking. */
  public static final LayerStats NONE = new LayerStats(0, 0, true);

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param connections the synaptic operations per timestep
   * @param neurons the neuron updates per timestep
   * @param spiking whether the layer already spikes (its output needs no conversion)
   */
  public LayerStats {
    if (connections < 0 || neurons < 0) {
      throw new IllegalArgumentException(
          "statistics must be >= 0, were "
              + connections
              + " connections and "
              + neurons
              + " neurons");
    }
  }

  /**
   * {@return synaptic work only; the layer has no neurons of its own}
   *
   * @param connections the synaptic operations per timestep
   */
  public static LayerStats connections(long connections) {
    return new LayerStats(connections, 0, true);
  }

  /**
   * {@return an activation layer: a neuron per output unit, no connections, not spiking}
   *
   * @param outputUnits the number of output units, one neuron each
   */
  public static LayerStats neuronsOnly(long outputUnits) {
    return new LayerStats(0, outputUnits, false);
  }

  /**
   * {@return a layer with {@code connections} followed by an activation over {@code outputSize}
   * units: a non-linear activation makes neurons and a non-spiking layer, a linear one none}
   *
   * @param connections the synaptic operations per timestep
   * @param outputSize the number of output units, after batch and time
   * @param activation the activation that follows
   */
  public static LayerStats withActivation(
      long connections, long outputSize, org.neurojoule.layer.Activation activation) {
    long neurons = activation.isLinear() ? 0 : outputSize;
    return new LayerStats(connections, neurons, neurons == 0);
  }

  /**
   * {@return the statistics of two applications of a layer together (a reused layer)}
   *
   * @param other the statistics of the other application
   * @throws ArithmeticException saying whether connections or neurons pass {@code 2^63-1}
   */
  public LayerStats plus(LayerStats other) {
    return new LayerStats(
        ParamCount.sum("connections", connections, other.connections),
        ParamCount.sum("neurons", neurons, other.neurons),
        spiking && other.spiking);
  }
}
