package org.neurojoule.device;

import java.util.Objects;

/**
 * The energy figures of one device.
 *
 * @param name how columns and calls name it ({@code "loihi"}); matched ignoring case
 *     <p>Both energies are from 0 to {@link #MAX_ENERGY_PER_OPERATION} (1 J): published figures are
 *     pico- to nanojoules, and the bound keeps every total finite, even for counts near {@code
 *     2^63}.
 * @param energyPerSynop joules per synaptic operation (an input multiplied by a weight)
 * @param energyPerNeuron joules per neuron update (one unit's non-linearity, every timestep)
 * @param spiking whether the device is event based: synaptic operations happen only when an input
 *     spikes, so their count depends on firing rates
 */
public record Device(String name, double energyPerSynop, double energyPerNeuron, boolean spiking) {
  /** The largest energy per operation a device may have, in joules. */
  public static final double MAX_ENERGY_PER_OPERATION = 1.0;

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param name the name, matched ignoring case
   * @param energyPerSynop joules per synaptic operation, finite and not negative
   * @param energyPerNeuron joules per neuron update, finite and not negative
   * @param spiking whether the device runs spiking networks, where synaptic energy scales with the
   *     firing rate
   */
  public Device {
    Objects.requireNonNull(name, "name == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a device name must not be blank");
    }
    checkEnergy(name, "energyPerSynop", energyPerSynop);
    checkEnergy(name, "energyPerNeuron", energyPerNeuron);
  }

  /**
   * {@return where the figures come from: the paper and chip for a built-in device (DESIGN.md §6),
   * empty for any other device or figures}
   */
  public String source() {
    return BuiltInDevices.sourceOf(this);
  }

  private static void checkEnergy(String device, String what, double joules) {
    if (!(joules >= 0 && joules <= MAX_ENERGY_PER_OPERATION)) {
      throw new IllegalArgumentException(
          what
              + " of device '"
              + device
              + "' must be a number"
              + " of joules from 0 to "
              + MAX_ENERGY_PER_OPERATION
              + ", was "
              + joules);
    }
  }
}
