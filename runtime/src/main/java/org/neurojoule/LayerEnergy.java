package org.neurojoule;

import org.neurojoule.device.Device;
import org.neurojoule.layer.LayerStats;

/**
 * The energy of one layer for one inference on one device, in joules.
 *
 * @param synop energy of synaptic operations (under {@link EnergyModel#MEMORY_AWARE}, with the
 *     address computations of event-driven layers)
 * @param neuron energy of neuron updates
 * @param memory energy of memory accesses; 0 except under {@link EnergyModel#MEMORY_AWARE}
 */
public record LayerEnergy(double synop, double neuron, double memory) {

  /**
   * Energy without memory accesses, as the reference counts.
   *
   * @param synop energy of synaptic operations
   * @param neuron energy of neuron updates
   */
  public LayerEnergy(double synop, double neuron) {
    this(synop, neuron, 0);
  }

  /**
   * {@return the one energy rule} On a non-spiking device every connection and neuron works once
   * per inference: {@code synop = e_synop * connections}, {@code neuron = e_neuron * neurons}. On a
   * spiking device the inference takes {@code timesteps} steps of {@code dt} seconds, synaptic
   * operations happen only on input spikes (at {@code rate} Hz) and neurons update every step:
   * {@code synop = e_synop * connections * rate * dt * timesteps}, {@code neuron = e_neuron *
   * neurons * timesteps}. A layer with no connections has no synaptic energy and one with no
   * neurons no neuron energy, whatever the rate (even infinite or NaN).
   *
   * @param device the device
   * @param stats the layer's statistics for one timestep
   * @param rate the layer's firing rate (mean |input|)
   * @param timesteps the number of timesteps per inference
   * @param dt the timestep in seconds
   */
  public static LayerEnergy of(
      Device device, LayerStats stats, double rate, int timesteps, double dt) {
    // No connections (or neurons) means no energy, whatever the rate: 0 * inf or 0 * NaN must
    // not turn a total into NaN.
    double neuron =
        stats.neurons() == 0
            ? 0
            : device.energyPerNeuron() * stats.neurons() * (device.spiking() ? timesteps : 1);
    if (stats.connections() == 0) {
      return new LayerEnergy(0, neuron);
    }
    if (!device.spiking()) {
      return new LayerEnergy(device.energyPerSynop() * stats.connections(), neuron);
    }
    return new LayerEnergy(
        device.energyPerSynop() * stats.connections() * rate * dt * timesteps, neuron);
  }

  /** {@return synaptic plus neuron plus memory energy} */
  public double total() {
    return synop + neuron + memory;
  }

  /** {@return the operations' energy: synaptic plus neuron energy} */
  public double operations() {
    return synop + neuron;
  }
}
