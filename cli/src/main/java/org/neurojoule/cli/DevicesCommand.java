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
import org.neurojoule.device.DeviceListing;
import org.neurojoule.device.DeviceRegistry;
import org.neurojoule.energy.PaperTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neurojoule devices}: the registered devices, their figures and where they come from. */
@Command(
    name = "devices",
    mixinStandardHelpOptions = true,
    description = "Lists the devices energy is estimated on, with their figures and sources.")
final class DevicesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = Converters.FormatConverter.class,
      description = "text (default), csv or json (full precision), markdown or latex.")
  Format format;

  @Option(
      names = "--devices",
      paramLabel = "FILE",
      description =
          "Also register and list the devices of a device file: JSON (the format"
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
    out.print(
        switch (format) {
          case TEXT -> text(devices);
          case MARKDOWN -> paper(devices).markdown();
          case LATEX -> paper(devices).latex();
          case CSV -> DeviceListing.csv(DeviceRegistry.defaults(), devices);
          case JSON -> DeviceListing.json(DeviceRegistry.defaults(), devices);
        });
    out.flush();
    return 0;
  }

  /** The figures and citations as a table for a paper. */
  private static PaperTable paper(List<String> devices) {
    List<List<String>> rows = rows(devices);
    return new PaperTable(
        rows.get(0),
        rows.subList(1, rows.size()),
        List.of(false, true, true, false, false, false, false),
        List.of());
  }

  private static List<List<String>> rows(List<String> devices) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("device", "J/synop", "J/neuron", "spiking", "node", "kind", "source"));
    for (String name : devices) {
      Device d = ModelEnergy.device(name);
      DeviceInfo i = ModelEnergy.deviceInfo(name);
      rows.add(
          List.of(
              d.name(),
              g3(d.energyPerSynop()),
              g3(d.energyPerNeuron()),
              d.spiking() ? "yes" : "no",
              i.node(),
              i.kind().label(),
              i.source()));
    }
    return rows;
  }

  /** The figures and citations as a table, then what each device's figures count. */
  private static String text(List<String> devices) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("device", "J/synop", "J/neuron", "spiking", "node", "kind", "source"));
    StringBuilder counts = new StringBuilder();
    for (String name : devices) {
      Device d = ModelEnergy.device(name);
      DeviceInfo i = ModelEnergy.deviceInfo(name);
      rows.add(
          List.of(
              d.name(),
              g3(d.energyPerSynop()),
              g3(d.energyPerNeuron()),
              d.spiking() ? "yes" : "no",
              i.node(),
              i.kind().label(),
              i.source()));
      if (!i.counts().isEmpty()) {
        counts.append("  ").append(d.name()).append(": ").append(i.counts()).append('\n');
      }
    }
    String table = TextTable.render(rows, List.of(false, true, true, false, false, false, false));
    return counts.length() == 0 ? table : table + "\nWhat the figures count:\n" + counts;
  }

  private static String g3(double joules) {
    return String.format(Locale.ROOT, "%.3g", joules);
  }
}
