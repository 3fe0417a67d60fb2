package org.neurojoule;

import org.neurojoule.device.Device;
import org.neurojoule.device.OperationCosts;
import org.neurojoule.layer.LayerStats;

/**
 * The energy of one layer under each {@link EnergyModel}; see the constants for the formulas. Under
 * {@link EnergyModel#MAC_AC} and {@link EnergyModel#MEMORY_AWARE}, a device with figures per number
 * format ({@link OperationCosts#forDtype}) charges a layer's MACs, ACs and weight reads at its
 * weights' format, and its activation and potential accesses at its activations' format.
 */
final class EnergyCalculator {
  private EnergyCalculator() {}

  /**
   * {@return the layer's energy for one inference}
   *
   * @throws IllegalStateException for an event-driven layer without a firing rate, naming it
   * @throws IllegalArgumentException under {@link EnergyModel#MEMORY_AWARE} for a layer whose
   *     tensor sizes are undefined, naming it
   */
  static LayerEnergy of(
      EnergyModel model,
      Device device,
      OperationCosts deviceCosts,
      LayerStats stats,
      double rate,
      LayerFacts facts,
      int timesteps,
      double dt) {
    if (model == EnergyModel.REFERENCE) {
      return LayerEnergy.of(device, stats, rate, timesteps, dt);
    }
    OperationCosts costs = deviceCosts.forDtype(facts.precision().mainWeights());
    OperationCosts activations = deviceCosts.forDtype(facts.precision().activations());
    boolean eventDriven = device.spiking() || facts.spikeInputs();
    long c = stats.connections();
    long n = stats.neurons();
    if (eventDriven && c > 0 && Double.isNaN(rate)) {
      throw new IllegalStateException(
          "layer '"
              + facts.name()
              + "' is event-driven (its inputs"
              + " are spikes), so its energy under "
              + model
              + " depends on its firing rate: give"
              + " example data, as in "
              + org.neurojoule.layer.Hint.EXAMPLE_DATA.text());
    }
    // 0 * NaN must not reach a total: a layer without connections (neurons) pays nothing for them.
    double events = c == 0 ? 0 : eventDriven ? c * rate * dt * timesteps : c;
    double updates =
        n == 0 ? 0 : (double) n * (device.spiking() || facts.emitsSpikes() ? timesteps : 1);
    double synop = events * (eventDriven ? costs.energyPerAc() : costs.energyPerMac());
    double neuron = updates * device.energyPerNeuron();
    if (model == EnergyModel.MAC_AC) {
      return new LayerEnergy(synop, neuron);
    }
    double memory = 0;
    if (c > 0) {
      long in = facts.requireInputElements();
      long out = facts.requireOutputElements();
      double params = costs.accessEnergy(facts.params());
      double inputs =
          eventDriven ? in * rate * dt * timesteps : facts.inputPerConnection() ? c : in;
      double biases = facts.biasesPerOutput() ? (double) out * (eventDriven ? timesteps : 1) : 0;
      memory += (events + biases) * params;
      memory += inputs * activations.accessEnergy(in);
      memory += (eventDriven ? 2 * events : out) * activations.accessEnergy(out);
      if (eventDriven) {
        synop += events * costs.energyPerAc(); // the address of each event's target
      }
    }
    if (n > 0) {
      memory += 2 * updates * activations.accessEnergy(n);
    }
    return new LayerEnergy(synop, neuron, memory);
  }
}
