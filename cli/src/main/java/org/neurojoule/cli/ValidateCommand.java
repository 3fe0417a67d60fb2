package org.neurojoule.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neurojoule.measured.Measurement;
import org.neurojoule.measured.Measurements;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neurojoule validate [FILE.csv]}: how far the reference and the calibrated estimates land
 * from measured energies, with the calibrated devices cross-validated.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Compares the reference and calibrated estimates with measured energies per inference:"
            + " for every row the measurement, the reference estimate, and the calibrated estimate"
            + " with the device refitted without that row (leave one out) and without any row of"
            + " its network (leave one network out).")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE.csv",
      description =
          "Measurements (the columns of the published file, with a 'model' column for networks"
              + " of your own); the published measurements when omitted.")
  Path file;

  @Option(
      names = "--report",
      paramLabel = "FILE.html",
      description = "Also write a log-log chart of predicted against measured energy.")
  Path report;

  @Option(names = "--verbose", description = "Print the stack trace of an error.")
  boolean verbose;

  @Override
  public Integer call() {
    List<Measurement> rows = file == null ? Measurements.published() : Measurements.read(file);
    Path base = file == null ? Path.of(".") : file.toAbsolutePath().getParent();
    List<Validation.Row> result = Validation.run(Validation.observe(rows, base));
    PrintWriter out = spec.commandLine().getOut();
    out.print(text(result));
    out.flush();
    if (report != null) {
      try {
        Files.writeString(report, ValidationReport.html(result), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(report + ": cannot be written", e);
      }
    }
    return 0;
  }

  /** {@return the table of every row, the summary lines and the rows kept apart} */
  static String text(List<Validation.Row> result) {
    List<List<String>> table = new ArrayList<>();
    table.add(
        List.of(
            "row",
            "device",
            "batch",
            "measured J",
            "reference J",
            "ratio",
            "leave-one-out J",
            "ratio",
            "leave-network-out J",
            "ratio"));
    List<Double> ref = new ArrayList<>();
    List<Double> loo = new ArrayList<>();
    List<Double> lono = new ArrayList<>();
    StringBuilder apart = new StringBuilder();
    for (Validation.Row r : result) {
      Measurement m = r.obs().row();
      table.add(
          List.of(
              m.id(),
              m.group(),
              Integer.toString(m.batch()),
              g3(r.measured()),
              g3(r.reference()) + " (" + r.referenceDevice() + ")",
              ratio(r.reference(), r.measured()),
              g3(r.leaveOneOut()),
              ratio(r.leaveOneOut(), r.measured()),
              g3(r.leaveNetworkOut()),
              ratio(r.leaveNetworkOut(), r.measured())));
      ref.add(r.reference() / r.measured());
      if (!Double.isNaN(r.leaveOneOut())) {
        loo.add(r.leaveOneOut() / r.measured());
      }
      if (!Double.isNaN(r.leaveNetworkOut())) {
        lono.add(r.leaveNetworkOut() / r.measured());
      }
      if (Double.isNaN(r.leaveOneOut()) || Double.isNaN(r.leaveNetworkOut())) {
        apart
            .append("  ")
            .append(m.id())
            .append(" (")
            .append(m.group())
            .append("): ")
            .append(
                Double.isNaN(r.leaveOneOut())
                    ? "no other row of its device"
                    : "no other network on its device")
            .append(", in-sample ratio ")
            .append(ratio(r.inSample(), r.measured()))
            .append('\n');
      }
    }
    StringBuilder s = new StringBuilder();
    s.append(
        TextTable.render(
            table, List.of(false, false, true, true, true, true, true, true, true, true)));
    s.append('\n');
    s.append(Validation.Summary.of(ref).line("reference")).append('\n');
    s.append(Validation.Summary.of(loo).line("calibrated, leave one out")).append('\n');
    s.append(Validation.Summary.of(lono).line("calibrated, leave one network out")).append('\n');
    if (apart.length() > 0) {
      s.append("\nRows that cannot be cross-validated (outside the shares above):\n").append(apart);
    }
    return s.toString();
  }

  static String g3(double joules) {
    return Double.isNaN(joules) ? "-" : String.format(Locale.ROOT, "%.3g", joules);
  }

  static String ratio(double estimate, double measured) {
    return Double.isNaN(estimate) ? "-" : String.format(Locale.ROOT, "%.3gx", estimate / measured);
  }
}
