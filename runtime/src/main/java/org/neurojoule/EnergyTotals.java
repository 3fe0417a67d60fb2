package org.neurojoule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The figures of a whole model for one inference: what {@link ModelEnergy#totals()} returns.
 *
 * @param params all parameters, as Keras counts them (a reused layer once)
 * @param trainableParams the parameters training updates
 * @param nonTrainableParams the parameters it does not (batch normalization's moving statistics)
 * @param connections synaptic operations per timestep, summed over layers
 * @param neurons neuron updates per timestep, summed over layers
 * @param energy joules per inference on each device that can be estimated, in device order: every
 *     non-spiking device, and the spiking ones only when the estimate has example data
 */
public record EnergyTotals(
    long params,
    long trainableParams,
    long nonTrainableParams,
    long connections,
    long neurons,
    Map<String, Double> energy) {

  /**
   * Checks every component and keeps the devices' order.
   *
   * @param params all parameters
   * @param trainableParams the trainable parameters
   * @param nonTrainableParams the non-trainable parameters
   * @param connections the synaptic operations per timestep
   * @param neurons the neuron updates per timestep
   * @param energy joules per inference by device name, in device order (copied)
   */
  public EnergyTotals {
    if (params < 0
        || trainableParams < 0
        || nonTrainableParams < 0
        || connections < 0
        || neurons < 0) {
      throw new IllegalArgumentException(
          "totals must be >= 0, were "
              + params
              + " params ("
              + trainableParams
              + " trainable, "
              + nonTrainableParams
              + " non-trainable), "
              + connections
              + " connections, "
              + neurons
              + " neurons");
    }
    Objects.requireNonNull(energy, "energy == null");
    energy = Collections.unmodifiableMap(new LinkedHashMap<>(energy));
  }
}
