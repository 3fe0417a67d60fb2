package org.neurojoule.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.neurojoule.Comparison;
import org.neurojoule.ModelEnergy;
import org.neurojoule.SummaryOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

  @Mixin EstimateOptions estimate;

  @SuppressWarnings("try") // the warning log needs only to be open, never named
  @Override
  public Integer call() {
    estimate.check();
    List<String> sources = new ArrayList<>(List.of(a));
    sources.addAll(others);
    Comparison comparison;
    try (WarningLog log = WarningLog.to(spec.commandLine().getErr(), estimate.quiet)) {
      List<ModelEnergy> energies = new ArrayList<>();
      for (String source : sources) {
        energies.add(estimate.estimate(source));
      }
      comparison = Comparison.of(energies).named(names(sources));
    }
    UnaryOperator<SummaryOptions> timing = estimate.timing();
    if (report != null) {
      // Written first, so a file that cannot be written fails before anything is printed.
      comparison.report(r -> r.summary(timing.apply(r.summary()))).writeHtml(report);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(
        switch (estimate.format) {
          case TEXT ->
              comparison.summaryString(
                  o ->
                      timing
                          .apply(o)
                          .lineLength(SummaryOptions.AUTO)
                          .printWarnings(!estimate.quiet));
          case CSV -> comparison.toCsv(timing);
          case JSON -> comparison.toJson(timing);
        });
    out.flush();
    return 0;
  }

  /**
   * A model file is named by its file name, or by its path where two share one; the same model
   * given twice gets {@code #2}.
   */
  private static List<String> names(List<String> sources) {
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
