package org.neurojoule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an estimate turns a layer's counts into joules. Chosen per estimate with {@code e ->
 * e.energyModel(...)} or per call with {@code o -> o.energyModel(...)}; {@link #REFERENCE} is the
 * default. In the formulas, {@code C} is a layer's connections, {@code N} its neurons, {@code r}
 * its firing rate (mean |input|), {@code T} the timesteps per inference and {@code dt} their
 * length.
 *
 * <p>A layer is <em>event-driven</em> when the device is spiking (the reference's assumption: the
 * whole model runs converted) or when every input of the layer comes from a layer that emits
 * spikes, such as a {@code spikingActivation}. Its neurons update every timestep when the device is
 * spiking or the layer itself emits spikes, else once.
 */
public enum EnergyModel {
  /**
   * KerasSpiking's one rule, unchanged: {@code E = e_synop·C + e_neuron·N} on a non-spiking device,
   * {@code E = e_synop·C·r·dt·T + e_neuron·N·T} on a spiking one.
   */
  REFERENCE,
  /**
   * Multiply-accumulates and accumulates, as SNN papers count with Horowitz's figures: a layer that
   * is not event-driven pays one MAC per connection, {@code e_mac·C}; an event-driven one pays one
   * AC per synaptic event, {@code e_ac·C·r·dt·T}; a neuron update pays the device's {@code
   * energy_per_neuron_j}, {@code e_neuron·N} (or {@code ·T} where neurons update every timestep).
   * {@code e_mac} and {@code e_ac} are the device's {@code energy_per_mac_j} and {@code
   * energy_per_ac_j}, its {@code energy_per_synop_j} where it gives none.
   */
  MAC_AC,
  /**
   * {@link #MAC_AC}'s operations plus memory accesses, after Lemaire et al. (ICONIP 2022): with
   * {@code S} the layer's operations ({@code C} MACs, or {@code C·r·dt·T} events) and {@code e(n)}
   * the energy of one access to a tensor of {@code n} elements (the 64-bit word energy of the
   * smallest memory tier holding it, DRAM beyond the largest, scaled by {@code data_bits / 64}):
   * weights {@code S·e(P)} (each operation reads its weight; {@code P} the layer's parameters);
   * biases {@code O·e(P)} per inference, {@code ·T} if event-driven ({@code O} output elements);
   * inputs {@code C·e(I)} for a convolution, {@code I·e(I)} for other layers, or the input spikes
   * {@code I·r·dt·T·e(I)} if event-driven ({@code I} input elements); outputs written {@code
   * O·e(O)}, or, if event-driven, the target potential read and written per event {@code 2·S·e(O)};
   * each neuron's value read and written per update {@code 2·N·e(N)} ({@code ·T} where neurons
   * update every timestep). An event-driven layer also pays one AC per event to compute the address
   * it goes to, {@code e_ac·S}, counted with the operations.
   */
  MEMORY_AWARE,
  /**
   * The device's terms fitted on measured energies ({@link
   * org.neurojoule.device.DeviceRegistry#calibration(String)}): {@code (a + l·L) / b + e_op·C +
   * e_neuron·U} per inference, with {@code a} the device's fixed overhead and {@code l} its energy
   * per layer, both paid once per batch of {@code b} inferences ({@code inferenceBatch}, 1 unless
   * set), {@code L} the layers with connections, {@code C} the connections (one MAC or synaptic
   * operation each per inference: where rates are not known, as in the published measurements of
   * spiking chips, one event per connection is assumed) and {@code U} the neuron updates ({@code
   * ·T} on a spiking device). The fixed overhead is shared equally among the layers with
   * connections. A device without fitted terms is an error naming it.
   */
  CALIBRATED;

  /** {@return how options, exports and the CLI name it: {@code reference}, {@code mac-ac}, ...} */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * {@return the model labelled {@code label}, ignoring case, {@code _} or {@code -}}
   *
   * @param label such as {@code mac-ac}
   * @throws IllegalArgumentException for an unknown label, listing the valid ones
   */
  public static EnergyModel parse(String label) {
    for (EnergyModel m : values()) {
      if (m.label().equalsIgnoreCase(String.valueOf(label).replace('_', '-'))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown energy model '"
            + label
            + "'; valid energy models: "
            + Arrays.stream(values()).map(EnergyModel::label).collect(Collectors.joining(", ")));
  }
}
