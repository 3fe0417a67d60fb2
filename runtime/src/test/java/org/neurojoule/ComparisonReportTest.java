package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.ReportTest.byId;
import static org.neurojoule.ReportTest.children;
import static org.neurojoule.ReportTest.elements;
import static org.neurojoule.ReportTest.parse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.LayerKind;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@code comparison.report()}: well-formed XHTML, the comparison's figures exactly, escaped. */
class ComparisonReportTest {
  private static final String XHTML = "http://www.w3.org/1999/xhtml";
  private static final String SVG = "http://www.w3.org/2000/svg";
  private static final String SCRIPT_NAME = "<script>alert(1)</script>";
  private static final UnaryOperator<SummaryOptions> TIMING =
      o -> o.timestepsPerInference(4).dt(0.002);

  @TempDir Path dir;

  private static Model parent() {
    return Model.input(28, 28, 1).conv2d(8, 3).relu().maxPooling2d(2).flatten().dense(10).model();
  }

  private static Model candidate() {
    return Model.input(28, 28, 1)
        .depthwiseConv2d(3)
        .conv2d(8, 1)
        .relu()
        .maxPooling2d(2)
        .flatten()
        .dense(10)
        .model();
  }

  private static Comparison comparison() {
    return Comparison.of(
            parent().energy(), candidate().energy(e -> e.accounting(Accounting.KERAS_SPIKING)))
        .named("parent", "candidate");
  }

  private static Report report(Comparison c) {
    return c.report(r -> r.devices("cpu", "GPU").timestepsPerInference(4).dt(0.002));
  }

  @Test
  void table_energyAndReductionPerDevice_equalTheComparisonsFigures() throws Exception {
    Comparison c = comparison();
    Element table = byId(parse(report(c).html()), "comparison");
    List<String> headers =
        children(table, "th").stream().map(Element::getTextContent).limit(4).toList();
    assertThat(headers)
        .containsExactly("Device", "parent J/inf", "candidate J/inf", "Reduction vs parent")
        .inOrder();
    List<Element> rows = children(children(table, "tbody").get(0), "tr");
    assertThat(rows.stream().map(r -> r.getAttribute("data-device")).toList())
        .containsExactly("cpu", "gpu")
        .inOrder();
    for (Element row : rows) {
      String device = row.getAttribute("data-device");
      List<Element> cells = children(row, "td");
      assertThat(cells).hasSize(3);
      for (int m = 0; m < 2; m++) {
        double joules = c.energy(m, device, TIMING);
        assertThat(Double.parseDouble(cells.get(m).getAttribute("data-value"))).isEqualTo(joules);
        assertThat(cells.get(m).getAttribute("title")).isEqualTo(joules + " J");
        assertThat(cells.get(m).getTextContent()).isEqualTo(String.format("%.2e", joules));
      }
      double reduction = c.reduction(1, device, TIMING);
      assertThat(Double.parseDouble(cells.get(2).getAttribute("data-value"))).isEqualTo(reduction);
      assertThat(cells.get(2).getTextContent())
          .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f %%", reduction));
    }
    // The figures are those of the CSV export too.
    assertThat(c.toCsv(o -> TIMING.apply(o).columns("energy cpu", "energy gpu")))
        .contains("," + c.reduction(1, "gpu", TIMING));
  }

  @Test
  void models_sideBySide() throws Exception {
    Comparison c = comparison();
    Element models = byId(parse(report(c).html()), "models");
    List<Element> rows = children(children(models, "tbody").get(0), "tr");
    assertThat(rows.stream().map(r -> r.getAttribute("data-row")).toList())
        .containsExactly(
            "Inputs",
            "Parameters",
            "Storage (float32)",
            "Connections",
            "Neurons",
            "Accounting",
            "Example data")
        .inOrder();
    List<List<String>> cells =
        rows.stream()
            .map(r -> children(r, "td").stream().map(Element::getTextContent).toList())
            .toList();
    assertThat(cells)
        .containsExactly(
            List.of("input_1 (None, 28, 28, 1)", "input_1 (None, 28, 28, 1)"),
            List.of("13,610", "13,556"),
            List.of("53.16 KB", "52.95 KB"),
            List.of("62,192", "18,928"),
            List.of("5,408", "5,408"),
            List.of("complete", "keras-spiking"),
            List.of("none", "none"))
        .inOrder();
    Element storage = children(rows.get(2), "td").get(1);
    assertThat(storage.getAttribute("data-value")).isEqualTo(Long.toString(c.storageBytes(1)));
    Element connections = children(rows.get(3), "td").get(1);
    assertThat(Long.parseLong(connections.getAttribute("data-value")))
        .isEqualTo(c.totals(1, TIMING).connections());
  }

  @Test
  void charts_oneStackedBarPerModel_perDevice() throws Exception {
    Comparison c = comparison();
    Document doc =
        parse(
            c.report(
                    r ->
                        r.devices("cpu", "gpu")
                            .scale(ReportOptions.Scale.LOG)
                            .timestepsPerInference(4)
                            .dt(0.002))
                .html());
    assertThat(elements(doc, XHTML, "body").get(0).getAttribute("data-scale")).isEqualTo("log");
    List<Element> charts = elements(doc, SVG, "svg");
    assertThat(charts.stream().map(s -> s.getAttribute("data-device")).toList())
        .containsExactly("cpu", "gpu")
        .inOrder();
    for (Element chart : charts) {
      String device = chart.getAttribute("data-device");
      List<Element> scales =
          children(chart, "g").stream()
              .filter(g -> g.getAttribute("class").startsWith("scale-"))
              .toList();
      assertThat(scales).hasSize(2);
      for (Element scale : scales) {
        List<Element> bars = children(scale, "g");
        assertThat(bars.stream().map(b -> b.getAttribute("data-model")).toList())
            .containsExactly("parent", "candidate")
            .inOrder();
        for (int m = 0; m < 2; m++) {
          ModelEnergy energy = c.models().get(m);
          double synop = 0;
          double neuron = 0;
          for (String layer : energy.model().layerNames()) {
            synop += energy.layerEnergy(layer, device, TIMING).synop();
            neuron += energy.layerEnergy(layer, device, TIMING).neuron();
          }
          double shownSynop = Double.parseDouble(bars.get(m).getAttribute("data-synop"));
          double shownNeuron = Double.parseDouble(bars.get(m).getAttribute("data-neuron"));
          assertThat(shownSynop).isEqualTo(synop);
          assertThat(shownNeuron).isEqualTo(neuron);
          assertThat(shownSynop + shownNeuron).isWithin(1e-15).of(c.energy(m, device, TIMING));
        }
      }
    }
    // The baseline needs more: its bar fills the linear axis, the candidate's is shorter.
    Element linear =
        children(charts.get(0), "g").stream()
            .filter(g -> g.getAttribute("class").equals("scale-linear"))
            .findFirst()
            .orElseThrow();
    List<Element> bars = children(linear, "g");
    assertThat(width(bars.get(0))).isWithin(0.01).of(620);
    assertThat(width(bars.get(1)))
        .isWithin(0.01)
        .of(620 * c.energy(1, "cpu", TIMING) / c.energy(0, "cpu", TIMING));
  }

  private static double width(Element bar) {
    return children(bar, "rect").stream()
        .mapToDouble(r -> Double.parseDouble(r.getAttribute("width")))
        .sum();
  }

  @Test
  void kinds_energyAndShareByLayerKind_perDevice() throws Exception {
    Comparison c = comparison();
    Element kinds = byId(parse(report(c).html()), "kinds");
    List<Element> tables = children(kinds, "table");
    assertThat(tables.stream().map(t -> t.getAttribute("data-device")).toList())
        .containsExactly("cpu", "gpu")
        .inOrder();
    for (Element table : tables) {
      String device = table.getAttribute("data-device");
      List<Element> rows = children(children(table, "tbody").get(0), "tr");
      assertThat(rows.stream().map(r -> r.getAttribute("data-kind")).toList())
          .containsExactly("convolution", "depthwise", "dense", "pooling", "activations", "other")
          .inOrder();
      for (int m = 0; m < 2; m++) {
        Map<LayerKind, Double> byKind = c.energyByKind(m, device, TIMING);
        double total = byKind.values().stream().mapToDouble(Double::doubleValue).sum();
        for (Element row : rows) {
          LayerKind kind =
              c.kinds().stream()
                  .filter(k -> k.label().equals(row.getAttribute("data-kind")))
                  .findFirst()
                  .orElseThrow();
          List<Element> cells = children(row, "td");
          assertThat(Double.parseDouble(cells.get(2 * m).getAttribute("data-value")))
              .isEqualTo(byKind.get(kind));
          assertThat(Double.parseDouble(cells.get(2 * m + 1).getAttribute("data-value")))
              .isEqualTo(100 * byKind.get(kind) / total);
        }
      }
    }
    // KerasSpiking accounting counts no depthwise work: 0 J, 0.0 %.
    List<Element> depthwise = children(children(tables.get(0), "tr").get(2), "td");
    assertThat(depthwise.get(2).getTextContent()).isEqualTo("0.00e+00");
    assertThat(depthwise.get(3).getTextContent()).isEqualTo("0.0 %");
  }

  @Test
  void notes_mixedAccounting_andEachModelsOwn() throws Exception {
    Element notes = byId(parse(report(comparison()).html()), "notes");
    List<String> items = children(notes, "li").stream().map(Element::getTextContent).toList();
    assertThat(items.get(0)).isEqualTo(ModelEnergy.ESTIMATES_WARNING.substring(2));
    assertThat(items.get(1)).startsWith("The models were estimated with different accounting");
    // The estimates' own warnings follow, each named by its model.
    assertThat(items.subList(2, items.size()))
        .containsExactly(
            "candidate: Cannot compute stats for layer of type 'DepthwiseConv2D'",
            "candidate: Cannot compute stats for layer of type 'MaxPooling2D'")
        .inOrder();
  }

  @Test
  void defaultDevices_areTheComparisons_andSpikingOnesAreNotedAsNotCompared() throws Exception {
    Comparison c = comparison();
    Document doc = parse(c.report().html());
    assertThat(elements(doc, SVG, "svg").stream().map(s -> s.getAttribute("data-device")).toList())
        .containsExactlyElementsIn(c.devices(o -> o))
        .inOrder();
    assertThat(
            children(byId(doc, "notes"), "li").stream()
                .map(Element::getTextContent)
                .anyMatch(n -> n.startsWith("Not compared: loihi, spinnaker, spinnaker2")))
        .isTrue();
    assertThat(elements(doc, XHTML, "title").get(0).getTextContent())
        .isEqualTo("Comparison: parent vs candidate");
  }

  @Test
  void hostileModelAndLayerNames_areEscaped_andTheOnlyScriptIsTheReports() throws Exception {
    ModelEnergy a = Model.input(4).dense(3, d -> d.name(SCRIPT_NAME)).relu().energy();
    ModelEnergy b = Model.input(4).dense(2).relu().energy();
    Comparison c = Comparison.of(a, b).named(SCRIPT_NAME, "a\"b&c");
    String html = c.report(r -> r.devices("cpu")).html();
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).contains("a&quot;b&amp;c");
    assertThat(html).doesNotContain("<script>alert");
    assertThat(html.split("<script", -1)).hasLength(2);
    Document doc = parse(html);
    assertThat(elements(doc, XHTML, "script")).hasSize(1);
    assertThat(elements(doc, XHTML, "title").get(0).getTextContent())
        .isEqualTo("Comparison: " + SCRIPT_NAME + " vs a\"b&c");
    List<Element> bars =
        children(elements(doc, SVG, "svg").get(0), "g").stream()
            .filter(g -> g.getAttribute("class").equals("bar"))
            .toList();
    assertThat(bars.stream().map(g -> g.getAttribute("data-model")).distinct().toList())
        .containsExactly(SCRIPT_NAME, "a\"b&c")
        .inOrder();
  }

  @Test
  void hostileLayerName_inTheInputsRow_isEscaped() throws Exception {
    ModelEnergy a = Model.input(new int[] {4}, i -> i.name(SCRIPT_NAME)).dense(3).energy();
    ModelEnergy b = Model.input(4).dense(2).energy();
    String html = Comparison.of(a, b).report(r -> r.devices("cpu")).html();
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; (None, 4)");
    assertThat(html.split("<script", -1)).hasLength(2);
    Document doc = parse(html);
    Element inputs =
        children(byId(doc, "models"), "tr").stream()
            .filter(r -> r.getAttribute("data-row").equals("Inputs"))
            .findFirst()
            .orElseThrow();
    assertThat(children(inputs, "td").get(0).getTextContent())
        .isEqualTo(SCRIPT_NAME + " (None, 4)");
  }

  @Test
  void deterministic_selfContained_andWrittenAsIs() throws Exception {
    String first = report(comparison()).html();
    assertThat(report(comparison()).html()).isEqualTo(first);
    assertThat(first).startsWith("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"");
    assertThat(
            first
                .replace("xmlns=\"http://www.w3.org/1999/xhtml\"", "")
                .replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
        .doesNotContain("http");
    assertThat(first).doesNotContain(" src=");
    assertThat(first).doesNotContain(" href=");
    Path file = dir.resolve("cmp.html");
    report(comparison()).writeHtml(file);
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(first);
  }

  @Test
  void spikingDeviceWithoutData_namesTheModel_andUnknownDevice_isAClearError() {
    Comparison c = comparison();
    IllegalStateException spiking =
        assertThrows(IllegalStateException.class, () -> c.report(r -> r.devices("loihi")));
    assertThat(spiking).hasMessageThat().startsWith("model 'parent': device 'loihi' is spiking");
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> c.report(r -> r.devices("tpu")));
    assertThat(unknown).hasMessageThat().contains("'tpu'");
  }
}
