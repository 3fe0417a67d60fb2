package org.neurojoule.device;

import java.util.List;
import java.util.Objects;
import org.neurojoule.Dtype;
import org.neurojoule.energy.Csv;
import org.neurojoule.energy.Json;

/**
 * Lists devices of a registry with their figures and sources at full precision, as CSV or as a JSON
 * device file that {@code ModelEnergy.loadDevices} reads back.
 */
public final class DeviceListing {
  private DeviceListing() {}

  /**
   * {@return one CSV record per device: {@code device,energy_per_synop_j,energy_per_neuron_j,
   * spiking,node,kind,counts,source}, quoted as RFC 4180 says, records ending with {@code \n}}
   *
   * @param registry where the devices are registered
   * @param names the devices to list, in order
   * @throws IllegalArgumentException if a device is not registered
   */
  public static String csv(DeviceRegistry registry, List<String> names) {
    Objects.requireNonNull(registry, "registry == null");
    StringBuilder out =
        new StringBuilder(
            "device,energy_per_synop_j,energy_per_neuron_j,spiking," + "node,kind,counts,source\n");
    for (String name : names) {
      Device d = registry.get(name);
      DeviceInfo i = registry.info(name);
      out.append(Csv.quote(d.name()))
          .append(',')
          .append(d.energyPerSynop())
          .append(',')
          .append(d.energyPerNeuron())
          .append(',')
          .append(d.spiking())
          .append(',')
          .append(Csv.quote(i.node()))
          .append(',')
          .append(Csv.quote(i.kind().label()))
          .append(',')
          .append(Csv.quote(i.counts()))
          .append(',')
          .append(Csv.quote(i.source()))
          .append('\n');
    }
    return out.toString();
  }

  /**
   * {@return the devices as a JSON device file: the same keys as the file {@code
   * ModelEnergy.loadDevices} reads, so the output loads back; the energy models' figures only where
   * a device gives its own rather than the defaults}
   *
   * @param registry where the devices are registered
   * @param names the devices to list, in order
   * @throws IllegalArgumentException if a device is not registered
   */
  public static String json(DeviceRegistry registry, List<String> names) {
    Objects.requireNonNull(registry, "registry == null");
    StringBuilder out = new StringBuilder("{\n  \"devices\": [");
    for (int n = 0; n < names.size(); n++) {
      Device d = registry.get(names.get(n));
      DeviceInfo i = registry.info(names.get(n));
      out.append(n == 0 ? "\n" : ",\n")
          .append("    {\"device\": ")
          .append(Json.string(d.name()))
          .append(", \"energy_per_synop_j\": ")
          .append(d.energyPerSynop())
          .append(", \"energy_per_neuron_j\": ")
          .append(d.energyPerNeuron())
          .append(", \"spiking\": ")
          .append(d.spiking())
          .append(", \"node\": ")
          .append(Json.string(i.node()))
          .append(", \"kind\": ")
          .append(Json.string(i.kind().label()))
          .append(", \"counts\": ")
          .append(Json.string(i.counts()))
          .append(", \"source\": ")
          .append(Json.string(i.source()));
      costs(out, d, registry.costs(names.get(n)));
      out.append('}');
    }
    return out.append(names.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  /** The energy models' figures, where a device gives its own rather than the defaults. */
  private static void costs(StringBuilder out, Device d, OperationCosts c) {
    if (c.equals(OperationCosts.defaultsFor(d))) {
      return;
    }
    out.append(", \"energy_per_mac_j\": ")
        .append(c.energyPerMac())
        .append(", \"energy_per_ac_j\": ")
        .append(c.energyPerAc())
        .append(", \"data_bits\": ")
        .append(c.dataBits())
        .append(", \"sram\": [");
    for (int t = 0; t < c.sram().size(); t++) {
      OperationCosts.MemoryTier tier = c.sram().get(t);
      out.append(t == 0 ? "" : ", ")
          .append("{\"capacity_bytes\": ")
          .append(tier.capacityBytes())
          .append(", \"energy_per_word_j\": ")
          .append(tier.energyPerWord())
          .append('}');
    }
    out.append("], \"dram_energy_per_word_j\": ").append(c.dramEnergyPerWord());
    for (Dtype t : Dtype.values()) {
      OperationCosts.TypeFigures f = c.perType().get(t);
      if (f != null) {
        out.append(", \"energy_per_mac_j_" + t + "\": ")
            .append(f.energyPerMac())
            .append(", \"energy_per_ac_j_" + t + "\": ")
            .append(f.energyPerAc())
            .append(", \"data_bits_" + t + "\": ")
            .append(f.dataBits());
      }
    }
  }
}
