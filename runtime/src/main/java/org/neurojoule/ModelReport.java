package org.neurojoule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurojoule.device.Device;
import org.neurojoule.energy.PythonFormat;
import org.neurojoule.report.BarChart;
import org.neurojoule.report.Figure;
import org.neurojoule.report.Html;
import org.neurojoule.report.Page;
import org.neurojoule.summary.KerasSummaryPrinter;

/**
 * Renders an estimate as the HTML report, section by section: overview, energy charts, synaptic
 * versus neuron energy, the summary's table with exact values, firing rates and notes.
 */
final class ModelReport {
  private final EstimateFigures figures;
  private final Estimate estimate;
  private final SummaryOptions summary;
  private final List<Column> columns;
  private final List<Device> devices;

  private ModelReport(EstimateFigures figures, ReportOptions options) {
    this.figures = figures;
    this.estimate = figures.estimate();
    this.summary = options.summary();
    this.columns = summary.columns().stream().map(figures::column).toList();
    Map<String, Device> chosen = new LinkedHashMap<>();
    List<String> names =
        options.devices().isEmpty()
            ? columns.stream()
                .filter(c -> c.kind() == ColumnKind.ENERGY)
                .map(c -> c.requireDevice().name())
                .toList()
            : options.devices();
    for (String name : names.isEmpty() ? List.of("cpu") : names) {
      Device d = figures.device(name);
      chosen.putIfAbsent(d.name(), d);
    }
    this.devices = List.copyOf(chosen.values());
  }

  /** {@return the report of {@code figures}, whose options are {@code options}' summary options} */
  static Report of(EstimateFigures figures, ReportOptions options) {
    ModelReport r = new ModelReport(figures, options);
    String body =
        r.overview() + r.charts() + r.synopVersusNeuron() + r.table() + r.rates() + r.notes();
    String scale = options.scale().name().toLowerCase(Locale.ROOT);
    return new Report(
        Page.document(options.title(), scale, body),
        Figure.svg(options.title(), scale, r.panels()));
  }

  /** The charts of energy per layer, one per device, for the standalone figure. */
  private List<Figure.Panel> panels() {
    List<Figure.Panel> panels = new ArrayList<>();
    for (Device d : devices) {
      panels.add(
          new Figure.Panel(
              d.name() + ": " + PythonFormat.e2(figures.totalEnergy(d)) + " J per inference",
              "layer",
              d.name(),
              bars(d)));
    }
    return panels;
  }

  private List<BarChart.Bar> bars(Device d) {
    List<BarChart.Bar> bars = new ArrayList<>();
    for (EstimateRow row : estimate.rows()) {
      LayerEnergy e = figures.energy(row, d);
      bars.add(new BarChart.Bar(row.name(), e.synop(), e.neuron()));
    }
    return bars;
  }

  private String overview() {
    Model model = estimate.model();
    EnergyTotals t = figures.totals();
    EnergyOptions how = estimate.options();
    Html h = new Html().open("section", "id", "overview").element("h2", "Model").newline();
    h.open("dl", "class", "overview").newline();
    List<String> inputs = new ArrayList<>();
    for (Tensor input : model.inputs()) {
      inputs.add(model.nameOf(input.layer()) + " " + input.shape().toKerasString());
    }
    item(h, "Inputs", String.join(", ", inputs), null);
    item(
        h,
        "Parameters",
        count(t.params())
            + " ("
            + count(t.trainableParams())
            + " trainable, "
            + count(t.nonTrainableParams())
            + " non-trainable)",
        Long.toString(t.params()));
    item(
        h,
        "Storage (float32)",
        KerasSummaryPrinter.readableMemorySize(t.params() * 4.0),
        Double.toString(t.params() * 4.0));
    item(
        h, "Connections", count(t.connections()) + " per timestep", Long.toString(t.connections()));
    item(h, "Neurons", count(t.neurons()) + " per timestep", Long.toString(t.neurons()));
    item(h, "Accounting", how.accounting().name().toLowerCase(Locale.ROOT).replace('_', '-'), null);
    item(
        h,
        "Timesteps per inference",
        figures.timesteps()
            + (figures.timestepsFromSequences() ? " (the simulated sequences' length)" : ""),
        Integer.toString(figures.timesteps()));
    item(h, "dt", summary.dt() + " s", Double.toString(summary.dt()));
    item(
        h,
        "Example data",
        how.exampleData()
            .map(ExampleData::source)
            .orElse("none (no firing rates; spiking devices need it)"),
        null);
    return h.close("dl").newline().close("section").newline().toString();
  }

  private static void item(Html h, String term, String value, String exact) {
    h.element("dt", term).element("dd", value, "data-value", exact).newline();
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private String charts() {
    Html h =
        new Html()
            .open("section", "id", "charts")
            .element("h2", "Energy per layer")
            .newline()
            .raw(Page.scaleToggle());
    for (Device d : devices) {
      List<BarChart.Bar> bars = bars(d);
      double total = figures.totalEnergy(d);
      h.open("h3")
          .text(d.name() + ": ")
          .element(
              "span",
              PythonFormat.e2(total),
              "title",
              total + " J",
              "data-value",
              Double.toString(total))
          .text(" J per inference")
          .close("h3")
          .newline();
      h.raw(BarChart.svg(d.name(), bars)).newline();
    }
    return h.close("section").newline().toString();
  }

  private String synopVersusNeuron() {
    Html h =
        new Html()
            .open("section", "id", "synop-neuron")
            .element("h2", "Synaptic versus neuron energy")
            .newline()
            .open("table")
            .newline();
    h.open("thead").open("tr");
    for (String header :
        List.of("Device", "Synaptic J/inf", "Neuron J/inf", "Total J/inf", "Synaptic share")) {
      h.element("th", header);
    }
    h.close("tr").close("thead").newline().open("tbody").newline();
    for (Device d : devices) {
      double synop = 0;
      double neuron = 0;
      for (EstimateRow row : estimate.rows()) {
        LayerEnergy e = figures.energy(row, d);
        synop += e.synop();
        neuron += e.neuron();
      }
      double total = synop + neuron;
      h.open("tr", "data-device", d.name()).element("td", d.name());
      number(h, synop, PythonFormat.e2(synop));
      number(h, neuron, PythonFormat.e2(neuron));
      number(h, total, PythonFormat.e2(total));
      double share = total > 0 ? 100 * synop / total : Double.NaN;
      number(h, share, total > 0 ? String.format(Locale.ROOT, "%.1f %%", share) : "-");
      h.close("tr").newline();
    }
    return h.close("tbody").close("table").newline().close("section").newline().toString();
  }

  private static void number(Html h, double value, String shown) {
    h.element(
        "td",
        shown,
        "class",
        "num",
        "title",
        Double.toString(value),
        "data-value",
        Double.toString(value));
  }

  private String table() {
    Html h =
        new Html()
            .open("section", "id", "layers")
            .element("h2", "Layers")
            .newline()
            .open("table", "class", "summary")
            .newline()
            .open("thead")
            .open("tr");
    columns.forEach(c -> h.element("th", c.header()));
    h.close("tr").close("thead").newline().open("tbody").newline();
    for (EstimateRow row : estimate.rows()) {
      h.open("tr", "data-layer", row.name());
      for (Column c : columns) {
        String cell = c.cell(figures, row);
        if (!c.numeric()) {
          h.element("td", cell);
        } else {
          String exact = c.value(figures, row).toString();
          h.element("td", cell, "class", "num", "title", exact, "data-value", exact);
        }
      }
      h.close("tr").newline();
    }
    h.close("tbody").close("table").newline();
    List<Column> energyColumns =
        columns.stream().filter(c -> c.kind() == ColumnKind.ENERGY).toList();
    if (!energyColumns.isEmpty()) {
      h.open("ul", "class", "totals").newline();
      for (Column c : energyColumns) {
        String device = c.requireDevice().name();
        double total = figures.totalEnergy(c.requireDevice());
        h.open("li", "data-device", device)
            .text("Total energy per inference [Joules/inf] (" + device + "): ")
            .element(
                "span",
                PythonFormat.e2(total),
                "title",
                total + " J",
                "data-value",
                Double.toString(total))
            .close("li")
            .newline();
      }
      h.close("ul").newline();
    }
    return h.close("section").newline().toString();
  }

  private String rates() {
    if (estimate.options().exampleData().isEmpty()) {
      return "";
    }
    Html h =
        new Html()
            .open("section", "id", "rates")
            .element("h2", "Firing rates")
            .newline()
            .element(
                "p",
                "The mean absolute input of each layer over the example data ("
                    + estimate.options().exampleData().get().source()
                    + ").")
            .newline()
            .open("table")
            .newline()
            .open("thead")
            .open("tr")
            .element("th", "Layer")
            .element("th", "Rate [Hz]")
            .close("tr")
            .close("thead")
            .newline()
            .open("tbody")
            .newline();
    for (Map.Entry<String, Double> rate : estimate.rates().entrySet()) {
      h.open("tr", "data-layer", rate.getKey()).element("td", rate.getKey());
      number(h, rate.getValue(), PythonFormat.g2(rate.getValue()));
      h.close("tr").newline();
    }
    return h.close("tbody").close("table").newline().close("section").newline().toString();
  }

  private String notes() {
    List<String> notes = new ArrayList<>(estimate.warnings());
    Html h =
        new Html()
            .open("section", "id", "notes")
            .element("h2", "Notes")
            .newline()
            .open("ul", "class", "notes")
            .newline();
    notes.addAll(
        EstimateNotes.of(
            figures,
            devices.stream().anyMatch(Device::spiking) || SummaryTable.showsSpiking(columns)));
    // The notes are written for text, each starting with "* "; in a list that is its bullet.
    notes.forEach(n -> h.element("li", n.startsWith("* ") ? n.substring(2) : n).newline());
    return h.close("ul").newline().close("section").newline().toString();
  }
}
