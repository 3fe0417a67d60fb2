package org.neurojoule.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neurojoule.EnergyTotals;
import org.neurojoule.ModelEnergy;
import org.neurojoule.energy.Csv;
import org.neurojoule.energy.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neurojoule compare A B}: the totals of two models side by side, with how much B reduces
 * each (energy per device, parameters, connections, neurons).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compares two models: energy per inference on each device, parameters,"
        + " connections and neurons, and the reduction from A to B in %%.")
final class CompareCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "The baseline: a bundled model or"
      + " a model file.")
  String a;

  @Parameters(index = "1", paramLabel = "B", description = "The model compared with it.")
  String b;

  @Mixin
  EstimateOptions estimate;

  /**
   * One compared figure: its export name, text label, and both values (joules as {@code Double},
   * counts as {@code Long}, exact however large).
   */
  private record Quantity(String field, String label, Number a, Number b) {
    /** {@return how much less B needs than A, in %; NaN when A is 0} */
    double reduction() {
      return a.doubleValue() == 0 ? Double.NaN : 100 * (1 - b.doubleValue() / a.doubleValue());
    }

    boolean joules() {
      return a instanceof Double;
    }
  }

  @Override
  public Integer call() {
    estimate.check();
    List<Quantity> quantities;
    List<String> skipped = new ArrayList<>();
    try (WarningLog log = WarningLog.to(spec.commandLine().getErr(), estimate.quiet)) {
      ModelEnergy ea = estimate.estimate(a);
      ModelEnergy eb = estimate.estimate(b);
      EnergyTotals ta = ea.totals(estimate.timing());
      EnergyTotals tb = eb.totals(estimate.timing());
      quantities = new ArrayList<>();
      for (Map.Entry<String, Double> e : ta.energy().entrySet()) {
        String device = e.getKey();
        quantities.add(new Quantity("energy_j_" + device, device, e.getValue(),
            tb.energy().get(device)));
      }
      ModelEnergy.devices().stream().filter(d -> !ta.energy().containsKey(d))
          .forEach(skipped::add);
      quantities.add(new Quantity("params", "params", ta.params(), tb.params()));
      quantities.add(new Quantity("connections", "connections", ta.connections(),
          tb.connections()));
      quantities.add(new Quantity("neurons", "neurons", ta.neurons(), tb.neurons()));
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(switch (estimate.format) {
      case TEXT -> text(quantities, skipped);
      case CSV -> csv(quantities);
      case JSON -> json(quantities);
    });
    out.flush();
    return 0;
  }

  private String text(List<Quantity> quantities, List<String> skipped) {
    List<List<String>> rows = new ArrayList<>();
    // A model file is headed by its file name, unless both have the same one.
    String la = fileName(a);
    String lb = fileName(b);
    boolean clash = la.equals(lb) && !a.equals(b);
    rows.add(List.of("", clash ? a : la, clash ? b : lb, "reduction"));
    for (Quantity q : quantities) {
      rows.add(List.of(q.label(), textValue(q, q.a()), textValue(q, q.b()),
          Double.isNaN(q.reduction()) ? "-"
              : String.format(Locale.ROOT, "%.1f %%", q.reduction())));
    }
    String table = TextTable.render(rows, List.of(false, true, true, true));
    if (skipped.isEmpty()) {
      return table;
    }
    return table + String.join(", ", skipped)
        + ": spiking, so their energy needs firing rates; give --example-data\n";
  }

  private static String fileName(String model) {
    if (ModelSource.BUNDLED.containsKey(model.toLowerCase(Locale.ROOT))) {
      return model;
    }
    java.nio.file.Path name = java.nio.file.Path.of(model).getFileName();
    return name == null ? model : name.toString();
  }

  private static String textValue(Quantity q, Number value) {
    return q.joules() ? String.format(Locale.ROOT, "%.3e J", value) : value.toString();
  }

  private String csv(List<Quantity> quantities) {
    StringBuilder out = new StringBuilder("quantity,").append(Csv.quote(a)).append(',')
        .append(Csv.quote(b)).append(",reduction_percent\n");
    for (Quantity q : quantities) {
      out.append(q.field()).append(',').append(q.a()).append(',')
          .append(q.b()).append(',')
          .append(Double.isNaN(q.reduction()) ? "" : Double.toString(q.reduction()))
          .append('\n');
    }
    return out.toString();
  }

  private String json(List<Quantity> quantities) {
    StringBuilder out = new StringBuilder("{\n  \"models\": [").append(Json.string(a))
        .append(", ").append(Json.string(b)).append("],\n")
        .append("  \"accounting\": ")
        .append(Json.string(Converters.AccountingConverter.name(estimate.accounting)))
        .append(",\n  \"timesteps_per_inference\": ").append(estimate.timesteps)
        .append(",\n  \"dt_s\": ").append(estimate.dt)
        .append(",\n  \"quantities\": [");
    for (int i = 0; i < quantities.size(); i++) {
      Quantity q = quantities.get(i);
      out.append(i == 0 ? "\n" : ",\n").append("    {\"quantity\": ").append(Json.string(q.field()))
          .append(", \"values\": [").append(q.a()).append(", ")
          .append(q.b()).append("], \"reduction_percent\": ")
          .append(Double.isFinite(q.reduction()) ? Double.toString(q.reduction()) : "null")
          .append('}');
    }
    return out.append("\n  ]\n}\n").toString();
  }
}
