package org.neurojoule.device;

import java.util.Objects;

/**
 * The energy figures of one device.
 *
 * @param name how columns and calls name it ({@code "loihi"}); matched ignoring case
 * @param energyPerSynop joules per synaptic operation (an input multiplied by a weight)
 * @param energyPerNeuron joules per neuron update (one unit's non-linearity, every timestep)
 * @param spiking whether the device is event based: synaptic operations happen only when an input
 *     spikes, so their count depends on firing rates
 */
public record Device(String name, double energyPerSynop, double energyPerNeuron, boolean spiking) {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param name the name, matched ignoring case
   * @param energyPerSynop joules per synaptic operation, finite and not negative
   * @param energyPerNeuron joules per neuron update, finite and not negative
   * @param spiking whether the device runs spiking networks, where synaptic energy scales with
   *     the firing rate
   */
  public Device {
    Objects.requireNonNull(name, "name == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a device name must not be blank");
    }
    if (!(energyPerSynop >= 0) || Double.isInfinite(energyPerSynop)) {
      throw new IllegalArgumentException(
          "energyPerSynop of device '" + name + "' must be a finite number >= 0, was "
              + energyPerSynop);
    }
    if (!(energyPerNeuron >= 0) || Double.isInfinite(energyPerNeuron)) {
      throw new IllegalArgumentException(
          "energyPerNeuron of device '" + name + "' must be a finite number >= 0, was "
              + energyPerNeuron);
    }
  }
}
