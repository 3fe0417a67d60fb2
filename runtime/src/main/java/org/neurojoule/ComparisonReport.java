package org.neurojoule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.neurojoule.energy.ComparisonText;
import org.neurojoule.energy.MemorySize;
import org.neurojoule.layer.LayerKind;
import org.neurojoule.report.BarChart;
import org.neurojoule.report.Figure;
import org.neurojoule.report.Html;
import org.neurojoule.report.Page;

/** Puts the report of a comparison together, section by section. */
final class ComparisonReport {
  private final Comparison comparison;
  private final UnaryOperator<SummaryOptions> how;
  private final List<String> devices;

  private ComparisonReport(Comparison comparison, ReportOptions options) {
    this.comparison = comparison;
    SummaryOptions summary = options.summary();
    if (!options.devices().isEmpty()) {
      // Chosen devices become energy columns: the one way a comparison picks its devices.
      Set<String> chosen = new LinkedHashSet<>();
      options.devices().forEach(d -> chosen.add("energy " + ModelEnergy.device(d).name()));
      summary = summary.columns(chosen.toArray(String[]::new));
    }
    SummaryOptions fixed = summary;
    this.how = o -> fixed;
    this.devices = comparison.devices(how);
  }

  static Report of(Comparison comparison, ReportOptions options) {
    ComparisonReport r = new ComparisonReport(comparison, options);
    String body = r.models() + r.table() + r.charts() + r.kinds() + r.notes();
    String scale = options.scale().name().toLowerCase(Locale.ROOT);
    return new Report(
        Page.document(options.title(), scale, body),
        Figure.svg(options.title(), scale, r.panels()));
  }

  private List<String> names() {
    return comparison.names();
  }

  private String models() {
    Html h =
        new Html()
            .open("section", "id", "models")
            .element("h2", "Models")
            .newline()
            .open("table", "class", "models")
            .newline();
    header(h, "");
    h.open("tbody").newline();
    int n = names().size();
    List<EnergyTotals> totals = new ArrayList<>();
    for (int m = 0; m < n; m++) {
      totals.add(comparison.totals(m, how));
    }
    textRow(h, "Inputs", m -> inputs(comparison.models().get(m).model()));
    countRow(h, "Parameters", m -> totals.get(m).params());
    h.open("tr", "data-row", "Storage (float32)").element("th", "Storage (float32)");
    for (int m = 0; m < n; m++) {
      long bytes = comparison.storageBytes(m);
      number(h, MemorySize.keras(bytes), Long.toString(bytes));
    }
    h.close("tr").newline();
    countRow(h, "Connections", m -> totals.get(m).connections());
    countRow(h, "Neurons", m -> totals.get(m).neurons());
    textRow(h, "Accounting", comparison::accounting);
    textRow(
        h,
        "Example data",
        m ->
            comparison
                .models()
                .get(m)
                .options()
                .exampleData()
                .map(ExampleData::source)
                .orElse("none"));
    return h.close("tbody").close("table").newline().close("section").newline().toString();
  }

  private static String inputs(Model model) {
    List<String> inputs = new ArrayList<>();
    for (Tensor input : model.inputs()) {
      inputs.add(model.nameOf(input.layer()) + " " + input.shape().toKerasString());
    }
    return String.join(", ", inputs);
  }

  private void header(Html h, String first) {
    h.open("thead").open("tr").element("th", first);
    names().forEach(name -> h.element("th", name, "data-model", name));
    h.close("tr").close("thead").newline();
  }

  private void textRow(Html h, String label, java.util.function.IntFunction<String> cell) {
    h.open("tr", "data-row", label).element("th", label);
    for (int m = 0; m < names().size(); m++) {
      h.element("td", cell.apply(m));
    }
    h.close("tr").newline();
  }

  private void countRow(Html h, String label, java.util.function.IntToLongFunction count) {
    h.open("tr", "data-row", label).element("th", label);
    for (int m = 0; m < names().size(); m++) {
      long value = count.applyAsLong(m);
      number(h, String.format(Locale.ROOT, "%,d", value), Long.toString(value));
    }
    h.close("tr").newline();
  }

  private static void number(Html h, String shown, String exact) {
    h.element("td", shown, "class", "num", "title", exact, "data-value", exact);
  }

  private String table() {
    String baseline = names().get(0);
    Html h =
        new Html()
            .open("section", "id", "comparison")
            .element("h2", "Energy per inference")
            .newline()
            .open("table", "class", "comparison")
            .newline()
            .open("thead")
            .open("tr")
            .element("th", "Device");
    for (int m = 0; m < names().size(); m++) {
      h.element("th", names().get(m) + " J/inf", "data-model", names().get(m));
      if (m > 0) {
        h.element("th", "Reduction vs " + baseline, "data-model", names().get(m));
      }
    }
    h.close("tr").close("thead").newline().open("tbody").newline();
    for (String d : devices) {
      h.open("tr", "data-device", d).element("th", d);
      for (int m = 0; m < names().size(); m++) {
        double joules = comparison.energy(m, d, how);
        h.element(
            "td",
            ComparisonText.joules(joules),
            "class",
            "num energy",
            "data-model",
            names().get(m),
            "title",
            joules + " J",
            "data-value",
            Double.toString(joules));
        if (m > 0) {
          double reduction = comparison.reduction(m, d, how);
          String exact = Double.isNaN(reduction) ? null : Double.toString(reduction);
          h.element(
              "td",
              ComparisonText.percent(reduction),
              "class",
              "num reduction",
              "data-model",
              names().get(m),
              "title",
              exact == null ? null : exact + " %",
              "data-value",
              exact);
        }
      }
      h.close("tr").newline();
    }
    return h.close("tbody").close("table").newline().close("section").newline().toString();
  }

  private String charts() {
    Html h =
        new Html()
            .open("section", "id", "charts")
            .element("h2", "Energy per model")
            .newline()
            .raw(Page.scaleToggle());
    for (String d : devices) {
      h.element("h3", d).newline().raw(BarChart.svg(d, "model", bars(d))).newline();
    }
    return h.close("section").newline().toString();
  }

  /** Each model's synaptic and neuron energy on {@code d}, one bar per model. */
  private List<BarChart.Bar> bars(String d) {
    List<BarChart.Bar> bars = new ArrayList<>();
    for (int m = 0; m < names().size(); m++) {
      ModelEnergy energy = comparison.models().get(m);
      double synop = 0;
      double neuron = 0;
      for (String layer : energy.model().layerNames()) {
        LayerEnergy e = energy.layerEnergy(layer, d, how);
        synop += e.synop();
        neuron += e.neuron();
      }
      bars.add(new BarChart.Bar(names().get(m), synop, neuron));
    }
    return bars;
  }

  /** The charts of energy per model, one per device, for the standalone figure. */
  private List<Figure.Panel> panels() {
    List<Figure.Panel> panels = new ArrayList<>();
    for (String d : devices) {
      panels.add(new Figure.Panel(d + ": energy per inference", "model", d, bars(d)));
    }
    return panels;
  }

  private String kinds() {
    Html h =
        new Html().open("section", "id", "kinds").element("h2", "Energy by layer kind").newline();
    for (String d : devices) {
      h.element("h3", d)
          .newline()
          .open("table", "class", "kinds", "data-device", d)
          .newline()
          .open("thead")
          .open("tr")
          .element("th", "Layer kind");
      names()
          .forEach(
              name ->
                  h.element("th", name + " J/inf", "data-model", name)
                      .element("th", "Share", "data-model", name));
      h.close("tr").close("thead").newline().open("tbody").newline();
      List<Map<LayerKind, Double>> byKind = new ArrayList<>();
      for (int m = 0; m < names().size(); m++) {
        byKind.add(comparison.energyByKind(m, d, how));
      }
      for (LayerKind kind : comparison.kinds()) {
        h.open("tr", "data-kind", kind.label()).element("th", kind.label());
        for (int m = 0; m < names().size(); m++) {
          double joules = byKind.get(m).get(kind);
          double total = byKind.get(m).values().stream().mapToDouble(Double::doubleValue).sum();
          double share = total > 0 ? 100 * joules / total : Double.NaN;
          h.element(
              "td",
              ComparisonText.joules(joules),
              "class",
              "num energy",
              "data-model",
              names().get(m),
              "title",
              joules + " J",
              "data-value",
              Double.toString(joules));
          String exact = Double.isNaN(share) ? null : Double.toString(share);
          h.element(
              "td",
              ComparisonText.percent(share),
              "class",
              "num share",
              "data-model",
              names().get(m),
              "title",
              exact,
              "data-value",
              exact);
        }
        h.close("tr").newline();
      }
      h.close("tbody").close("table").newline();
    }
    return h.close("section").newline().toString();
  }

  private String notes() {
    List<String> notes = new ArrayList<>(comparison.notes(how));
    boolean spiking = devices.stream().anyMatch(d -> ModelEnergy.device(d).spiking());
    for (int m = 0; m < names().size(); m++) {
      ModelEnergy energy = comparison.models().get(m);
      List<String> own = new ArrayList<>(energy.warnings());
      own.addAll(EstimateNotes.of(energy.estimate(), spiking));
      own.remove(EstimateNotes.ESTIMATES_WARNING);
      for (String note : own) {
        notes.add(names().get(m) + ": " + (note.startsWith("* ") ? note.substring(2) : note));
      }
    }
    Html h =
        new Html()
            .open("section", "id", "notes")
            .element("h2", "Notes")
            .newline()
            .open("ul", "class", "notes")
            .newline();
    // The notes are written for text, each starting with "* "; in a list that is its bullet.
    notes.forEach(n -> h.element("li", n.startsWith("* ") ? n.substring(2) : n).newline());
    return h.close("ul").newline().close("section").newline().toString();
  }
}
