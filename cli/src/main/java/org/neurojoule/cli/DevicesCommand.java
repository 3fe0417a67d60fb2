package org.neurojoule.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurojoule.ModelEnergy;
import org.neurojoule.cli.Converters.Format;
import org.neurojoule.device.Device;
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

  @Option(names = "--verbose", description = "Print the stack trace of an error.")
  boolean verbose;

  @Override
  public Integer call() {
    List<Device> devices = new ArrayList<>();
    ModelEnergy.devices().forEach(name -> devices.add(ModelEnergy.device(name)));
    PrintWriter out = spec.commandLine().getOut();
    out.print(switch (format) {
      case TEXT -> text(devices);
      case CSV -> csv(devices);
      case JSON -> json(devices);
    });
    out.flush();
    return 0;
  }

  private static String text(List<Device> devices) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("device", "J/synop", "J/neuron", "spiking", "source"));
    for (Device d : devices) {
      rows.add(List.of(d.name(), g3(d.energyPerSynop()), g3(d.energyPerNeuron()),
          d.spiking() ? "yes" : "no", d.source()));
    }
    return TextTable.render(rows, List.of(false, true, true, false, false));
  }

  private static String csv(List<Device> devices) {
    StringBuilder out = new StringBuilder(
        "device,energy_per_synop_j,energy_per_neuron_j,spiking,source\n");
    for (Device d : devices) {
      out.append(Csv.quote(d.name())).append(',').append(d.energyPerSynop()).append(',')
          .append(d.energyPerNeuron()).append(',').append(d.spiking()).append(',')
          .append(Csv.quote(d.source())).append('\n');
    }
    return out.toString();
  }

  private static String json(List<Device> devices) {
    StringBuilder out = new StringBuilder("{\n  \"devices\": [");
    for (int i = 0; i < devices.size(); i++) {
      Device d = devices.get(i);
      out.append(i == 0 ? "\n" : ",\n").append("    {\"device\": ").append(Json.string(d.name()))
          .append(", \"energy_per_synop_j\": ").append(d.energyPerSynop())
          .append(", \"energy_per_neuron_j\": ").append(d.energyPerNeuron())
          .append(", \"spiking\": ").append(d.spiking())
          .append(", \"source\": ").append(Json.string(d.source())).append('}');
    }
    return out.append(devices.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
  }

  private static String g3(double joules) {
    return String.format(Locale.ROOT, "%.3g", joules);
  }
}
