package org.neurojoule.device;

import java.util.Locale;

/**
 * A device's terms fitted on measured energies, which {@code EnergyModel.CALIBRATED} charges: one
 * inference of a batch of {@code b} costs {@code (overhead + perLayer·L) / b + perOperation·S +
 * perNeuronUpdate·U}, with {@code L} the layers that have connections, {@code S} the synaptic
 * operations (one per connection: a MAC, or a synaptic event where the device is spiking) and
 * {@code U} the neuron updates.
 *
 * @param overhead joules per batch whatever the network: launching, transfers, waking up
 * @param perLayer joules per layer with connections and per batch: one kernel launch or weight load
 *     per layer
 * @param perOperation joules per MAC or synaptic operation
 * @param perNeuronUpdate joules per neuron update
 * @param covers whether the terms describe dynamic energy (idle power subtracted) or total
 */
public record CalibratedTerms(
    double overhead, double perLayer, double perOperation, double perNeuronUpdate, Covers covers) {
  /** Which energy the measurements behind the terms held. */
  public enum Covers {
    /** Idle or floor power subtracted. */
    DYNAMIC,
    /** Everything on the measured rails, static power included. */
    TOTAL;

    /** {@return how files name it: {@code dynamic} or {@code total}} */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Checks every term: finite, not negative.
   *
   * @param overhead joules per batch
   * @param perLayer joules per layer and batch
   * @param perOperation joules per operation
   * @param perNeuronUpdate joules per neuron update
   * @param covers dynamic or total
   */
  public CalibratedTerms {
    OperationCosts.checkEnergy("the calibrated overhead", overhead);
    OperationCosts.checkEnergy("the calibrated energy per layer", perLayer);
    OperationCosts.checkEnergy("the calibrated energy per operation", perOperation);
    OperationCosts.checkEnergy("the calibrated energy per neuron update", perNeuronUpdate);
    if (covers == null) {
      throw new NullPointerException("covers == null");
    }
  }

  /**
   * {@return the energy of one inference}
   *
   * @param layers the layers with connections
   * @param operations the synaptic operations (MACs) of one inference
   * @param neuronUpdates the neuron updates of one inference
   * @param batch the inferences the device runs at once, {@code >= 1}
   */
  public double energy(long layers, double operations, double neuronUpdates, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("the inference batch must be >= 1, was " + batch);
    }
    return (overhead + perLayer * layers) / batch
        + perOperation * operations
        + perNeuronUpdate * neuronUpdates;
  }
}
