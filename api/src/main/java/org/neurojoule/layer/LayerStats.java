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

  public LayerStats {
    if (connections < 0 || neurons < 0) {
      throw new IllegalArgumentException(
          "statistics must be >= 0, were " + connections + " connections and " + neurons
              + " neurons");
    }
  }

  /** Synaptic work only; the layer has no neurons of its own. */
  public static LayerStats connections(long connections) {
    return new LayerStats(connections, 0, true);
  }

  /** An activation layer: a neuron per output unit, no connections, not spiking. */
  public static LayerStats neuronsOnly(long outputUnits) {
    return new LayerStats(0, outputUnits, false);
  }

  /**
   * A layer with {@code connections} followed by an activation over {@code outputSize} units: a
   * non-linear activation makes neurons and a non-spiking layer, a linear one none.
   */
  public static LayerStats withActivation(
      long connections, long outputSize, org.neurojoule.Activation activation) {
    long neurons = activation.isLinear() ? 0 : outputSize;
    return new LayerStats(connections, neurons, neurons == 0);
  }

  /**
   * The statistics of two applications of a layer together (a reused layer).
   *
   * @throws ArithmeticException saying whether connections or neurons pass {@code 2^63-1}
   */
  public LayerStats plus(LayerStats other) {
    return new LayerStats(
        ParamCount.sum("connections", connections, other.connections),
        ParamCount.sum("neurons", neurons, other.neurons),
        spiking && other.spiking);
  }
}
