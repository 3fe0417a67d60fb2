package org.neurojoule.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurojoule.ModelEnergy;
import org.neurojoule.cli.Converters.Format;
import org.neurojoule.device.Device;
import org.neurojoule.device.DeviceInfo;
import org.neurojoule.device.OperationCosts;
import org.neurojoule.energy.Csv;
import org.neurojoule.energy.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neurojoule devices}: the registered devices, their figures and where they come from. */
@Command(name = "devices", mixinStandardHelpOptions = true,
    description = "Lists the devices energy is estimated on, with their figures and sources.")
final class DevicesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      converter = Converters.FormatConverter.class,
      description = "text (default), csv or json (full precision).")
  Format format;

  @Option(names = "--devices", paramLabel = "FILE",
      description = "Also register and list the devices of a device file: JSON (the format"
          + " --format json prints), or properties in a file named *.properties.")
  Path devicesFile;

  @Option(names = "--verbose", description = "Print the stack trace of an error.")
  boolean verbose;

  @Override
  public Integer call() {
    if (devicesFile != null) {
      ModelEnergy.loadDevices(devicesFile);
    }
    List<String> devices = ModelEnergy.devices();
    PrintWriter out = spec.commandLine().getOut();
    out.print(switch (format) {
      case TEXT -> text(devices);
      case CSV -> csv(devices);
      case JSON -> json(devices);
    });
    out.flush();
    return 0;
  }

  /** The figures and citations as a table, then what each device's figures count. */
  private static String text(List<String> devices) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("device", "J/synop", "J/neuron", "spiking", "node", "kind", "source"));
    StringBuilder counts = new StringBuilder();
    for (String name : devices) {
      Device d = ModelEnergy.device(name);
      DeviceInfo i = ModelEnergy.deviceInfo(name);
      rows.add(List.of(d.name(), g3(d.energyPerSynop()), g3(d.energyPerNeuron()),
          d.spiking() ? "yes" : "no", i.node(), i.kind().label(), i.source()));
      if (!i.counts().isEmpty()) {
        counts.append("  ").append(d.name()).append(": ").append(i.counts()).append('\n');
      }
    }
    String table = TextTable.render(rows, List.of(false, true, true, false, false, false, false));
    return counts.length() == 0 ? table : table + "\nWhat the figures count:\n" + counts;
  }

  private static String csv(List<String> devices) {
    StringBuilder out = new StringBuilder("device,energy_per_synop_j,energy_per_neuron_j,spiking,"
        + "node,kind,counts,source\n");
    for (String name : devices) {
      Device d = ModelEnergy.device(name);
      DeviceInfo i = ModelEnergy.deviceInfo(name);
      out.append(Csv.quote(d.name())).append(',').append(d.energyPerSynop()).append(',')
          .append(d.energyPerNeuron()).append(',').append(d.spiking()).append(',')
          .append(Csv.quote(i.node())).append(',').append(Csv.quote(i.kind().label()))
          .append(',').append(Csv.quote(i.counts())).append(',').append(Csv.quote(i.source()))
          .append('\n');
    }
    return out.toString();
  }

  /** The same keys as a device file's, so the output loads back with {@code --devices}. */
  private static String json(List<String> devices) {
    StringBuilder out = new StringBuilder("{\n  \"devices\": [");
    for (int n = 0; n < devices.size(); n++) {
      Device d = ModelEnergy.device(devices.get(n));
      DeviceInfo i = ModelEnergy.deviceInfo(devices.get(n));
      out.append(n == 0 ? "\n" : ",\n").append("    {\"device\": ").append(Json.string(d.name()))
          .append(", \"energy_per_synop_j\": ").append(d.energyPerSynop())
          .append(", \"energy_per_neuron_j\": ").append(d.energyPerNeuron())
          .append(", \"spiking\": ").append(d.spiking())
          .append(", \"node\": ").append(Json.string(i.node()))
          .append(", \"kind\": ").append(Json.string(i.kind().label()))
          .append(", \"counts\": ").append(Json.string(i.counts()))
          .append(", \"source\": ").append(Json.string(i.source()));
      costs(out, d, ModelEnergy.deviceCosts(devices.get(n)));
      out.append('}');
    }
    return out.append(devices.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  /** The energy models' figures, where a device gives its own rather than the defaults. */
  private static void costs(StringBuilder out, Device d, OperationCosts c) {
    if (c.equals(OperationCosts.defaultsFor(d))) {
      return;
    }
    out.append(", \"energy_per_mac_j\": ").append(c.energyPerMac())
        .append(", \"energy_per_ac_j\": ").append(c.energyPerAc())
        .append(", \"data_bits\": ").append(c.dataBits())
        .append(", \"sram\": [");
    for (int t = 0; t < c.sram().size(); t++) {
      OperationCosts.MemoryTier tier = c.sram().get(t);
      out.append(t == 0 ? "" : ", ").append("{\"capacity_bytes\": ").append(tier.capacityBytes())
          .append(", \"energy_per_word_j\": ").append(tier.energyPerWord()).append('}');
    }
    out.append("], \"dram_energy_per_word_j\": ").append(c.dramEnergyPerWord());
  }

  private static String g3(double joules) {
    return String.format(Locale.ROOT, "%.3g", joules);
  }
}
