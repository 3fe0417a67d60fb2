package org.neurojoule.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.neurojoule.Comparison;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Report;
import org.neurojoule.SummaryOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neurojoule compare A B [C...]}: the library's {@link Comparison} of a baseline and one or
 * more candidates (energy per device, parameters, storage, connections, neurons, the reduction from
 * A in %, and energy by layer kind); with {@code --report FILE}, its HTML report too.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Compares models with the first: energy per inference on each device,"
            + " parameters, storage, connections and neurons, the reduction from A in %%, and"
            + " where each model's energy goes by layer kind.")
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "A",
      description = "The baseline: a bundled model or" + " a model file.")
  String a;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "B",
      description = "The models compared with it (more than one for a sweep).")
  List<String> others;

  @Option(
      names = "--report",
      paramLabel = "FILE.html",
      description =
          "Also write a self-contained HTML report (the models side by side, energy and"
              + " reduction per device, a chart per device, energy by layer kind) to FILE.")
  Path report;

  @Option(
      names = "--columns",
      paramLabel = "COLUMN",
      split = ",",
      description =
          "The devices compared, as energy columns (energy loihi, or the export's"
              + " energy_j_loihi) or device names (loihi), comma separated; any registered device,"
              + " those of the catalogue included (default: the built-in and --devices devices,"
              + " the spiking ones when every model has example data).")
  List<String> columns = new ArrayList<>();

  @Option(
      names = "--plot",
      paramLabel = "FILE.svg",
      description =
          "Also write the report's charts (energy per model, one per device) as one SVG"
              + " figure to FILE.")
  Path plot;

  @Mixin EstimateOptions estimate;

  @SuppressWarnings("try") // the warning log needs only to be open, never named
  @Override
  public Integer call() {
    estimate.check();
    List<String> sources = new ArrayList<>(List.of(a));
    sources.addAll(others);
    List<String> names = names(sources);
    List<Optional<Path>> data = ExampleDataFiles.perModel(estimate.exampleData, sources, names);
    List<String> energyColumns = energyColumns();
    if (data.stream().allMatch(Optional::isEmpty)) {
      energyColumns.forEach(estimate::checkDeviceColumn);
    }
    Comparison comparison;
    try (WarningLog log = WarningLog.to(spec.commandLine().getErr(), estimate.quiet)) {
      List<ModelEnergy> energies = new ArrayList<>();
      for (int m = 0; m < sources.size(); m++) {
        energies.add(estimate.estimate(sources.get(m), data.get(m)));
      }
      comparison = Comparison.of(energies).named(names);
    }
    UnaryOperator<SummaryOptions> how =
        o -> {
          SummaryOptions timed = estimate.timing().apply(o);
          return energyColumns.isEmpty()
              ? timed
              : timed.columns(energyColumns.toArray(String[]::new));
        };
    if (report != null || plot != null) {
      // Written first, so a file that cannot be written fails before anything is printed.
      Report r = comparison.report(o -> o.summary(how.apply(o.summary())));
      OutputFiles.write(report, r::writeHtml);
      OutputFiles.write(plot, r::writeSvg);
    }
    UnaryOperator<SummaryOptions> text =
        o -> how.apply(o).lineLength(SummaryOptions.AUTO).printWarnings(!estimate.quiet);
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        switch (estimate.format) {
          case TEXT -> comparison.summaryString(text);
          case CSV -> comparison.toCsv(how);
          case JSON -> comparison.toJson(how);
          case MARKDOWN -> comparison.toMarkdown(text);
          case LATEX -> comparison.toLatex(text);
        });
    out.flush();
    return 0;
  }

  /**
   * {@return the columns of {@code --columns} as energy columns: {@code loihi}, {@code energy
   * loihi} and {@code energy_j_loihi} are all {@code energy loihi}}
   */
  private List<String> energyColumns() {
    List<String> energy = new ArrayList<>();
    for (String column : columns) {
      String c = column.trim();
      String lower = c.toLowerCase(Locale.ROOT);
      String device =
          lower.startsWith("energy ")
              ? c.substring("energy ".length()).trim()
              : lower.startsWith("energy_j_") ? c.substring("energy_j_".length()) : c;
      if (ModelEnergy.devices().stream().noneMatch(d -> d.equalsIgnoreCase(device))) {
        throw new ParameterException(
            spec.commandLine(),
            "Invalid value for option '--columns': '"
                + column
                + "' is not a device or an energy column; compare shows energy per device, so"
                + " give devices such as loihi or energy loihi (devices: "
                + String.join(", ", ModelEnergy.devices())
                + ")");
      }
      energy.add("energy " + device);
    }
    return energy;
  }

  /**
   * A model file is named by its file name, or by its path where two share one; the same model
   * given twice gets {@code #2}.
   */
  static List<String> names(List<String> sources) {
    Map<String, Integer> fileNames = new HashMap<>();
    sources.forEach(s -> fileNames.merge(fileName(s), 1, Integer::sum));
    Map<String, Integer> seen = new HashMap<>();
    List<String> names = new ArrayList<>();
    for (String source : sources) {
      String name = fileNames.get(fileName(source)) > 1 ? source : fileName(source);
      int n = seen.merge(name, 1, Integer::sum);
      names.add(n == 1 ? name : name + " #" + n);
    }
    return names;
  }

  private static String fileName(String model) {
    if (ModelSource.BUNDLED.containsKey(model.toLowerCase(Locale.ROOT))) {
      return model;
    }
    java.nio.file.Path name = java.nio.file.Path.of(model).getFileName();
    return name == null ? model : name.toString();
  }
}
