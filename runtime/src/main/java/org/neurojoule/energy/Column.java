package org.neurojoule.energy;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.neurojoule.device.Device;
import org.neurojoule.device.DeviceRegistry;

/**
 * One column of the energy summary, parsed from its name: {@code "name"}, {@code "energy cpu"}.
 *
 * @param kind what the column shows
 * @param device the device of an energy column
 */
public record Column(Kind kind, Optional<Device> device) {

  /** The kinds of column, with their names and headers. */
  public enum Kind {
    NAME("name", "Layer (type)"),
    OUTPUT_SHAPE("output_shape", "Output shape"),
    PARAMS("params", "Param #"),
    CONNECTIONS("connections", "Conn #"),
    NEURONS("neurons", "Neuron #"),
    RATE("rate", "Rate [Hz]"),
    SPARSITY("sparsity", "Sparsity"),
    WEIGHT_SPARSITY("weight_sparsity", "W sparsity"),
    FOOTPRINT("footprint", "Bytes"),
    DENSE_OPS("dense_ops", "Dense ops"),
    EFFECTIVE_MACS("effective_macs", "Eff MACs"),
    EFFECTIVE_ACS("effective_acs", "Eff ACs"),
    /** Spikes per inference counted by the spiking simulation. */
    SPIKES("spikes", "Spikes/inf"),
    /** Synaptic events per inference counted by the spiking simulation. */
    SYNAPTIC_EVENTS("synaptic_events", "Events/inf"),
    ENERGY("energy", "J/inf"),
    SYNOP_ENERGY("synop_energy", "Synop J/inf"),
    NEURON_ENERGY("neuron_energy", "Neuron J/inf"),
    /** Operations (MACs, ACs, neuron updates, addressing) of a non-reference energy model. */
    MAC_ENERGY("mac_energy", "MAC J/inf"),
    /** Memory accesses of {@code EnergyModel.MEMORY_AWARE}; 0 under {@code MAC_AC}. */
    MEMORY_ENERGY("memory_energy", "Memory J/inf"),
    /** Energy from the spiking simulation's counted events and neuron updates. */
    SIM_ENERGY("sim_energy", "Sim J/inf");

    private final String key;
    private final String header;

    Kind(String key, String header) {
      this.key = key;
      this.header = header;
    }

    /** The name used in column lists. */
    public String key() {
      return key;
    }

    /** Whether the column belongs to a device. */
    public boolean perDevice() {
      return ordinal() >= ENERGY.ordinal();
    }
  }

  /** Every valid column name, for error messages. */
  public static final String VALID =
      "name, output_shape, params, connections, neurons, rate, energy <device>,"
          + " synop_energy <device>, neuron_energy <device>, mac_energy <device>,"
          + " memory_energy <device>, sparsity, weight_sparsity, footprint, dense_ops,"
          + " effective_macs, effective_acs, spikes, synaptic_events, sim_energy <device>";

  public Column {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(device, "device == null");
    if (kind.perDevice() != device.isPresent()) {
      throw new IllegalArgumentException("column " + kind.key + " "
          + (kind.perDevice() ? "needs" : "takes no") + " device");
    }
  }

  /**
   * Parses a column name, looking its device up in {@code devices}.
   *
   * @throws IllegalArgumentException naming the column and listing the valid ones or the devices
   */
  public static Column parse(String column, DeviceRegistry devices) {
    Objects.requireNonNull(column, "column == null");
    String trimmed = column.trim();
    int space = trimmed.indexOf(' ');
    String key = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    for (Kind kind : Kind.values()) {
      if (!kind.key.equals(key)) {
        continue;
      }
      if (!kind.perDevice()) {
        if (space >= 0) {
          break;
        }
        return new Column(kind, Optional.empty());
      }
      if (space < 0) {
        throw new IllegalArgumentException("column '" + column + "' needs a device, as in '"
            + kind.key + " cpu'; devices: " + String.join(", ", devices.names()));
      }
      String name = trimmed.substring(space + 1).trim();
      try {
        return new Column(kind, Optional.of(devices.get(name)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("column '" + column + "': " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException(
        "unknown column '" + column + "'; valid columns: " + VALID);
  }

  /** The header: {@code Layer (type)}, {@code J/inf (cpu)}. */
  public String header() {
    return device.map(d -> kind.header + " (" + d.name() + ")").orElse(kind.header);
  }
}
