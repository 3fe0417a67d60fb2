package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** {@code energy.report()}: well-formed XHTML, the summary's figures exactly, names escaped. */
class ReportTest {
  private static final String XHTML = "http://www.w3.org/1999/xhtml";
  private static final String SVG = "http://www.w3.org/2000/svg";
  private static final String SCRIPT_NAME = "<script>alert(1)</script>";
  private static final String QUOTE_NAME = "a\"b&c";

  @TempDir Path dir;

  /** Parses with the JDK's parser: no DTD loaded, no external entity, namespaces on. */
  static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setExpandEntityReferences(false);
    f.setXIncludeAware(false);
    var builder = f.newDocumentBuilder();
    builder.setErrorHandler(null);
    return builder.parse(new InputSource(new StringReader(html)));
  }

  static List<Element> elements(Document doc, String namespace, String tag) {
    NodeList nodes = doc.getElementsByTagNameNS(namespace, tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  static List<Element> children(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagNameNS("*", tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  static Element byId(Document doc, String id) {
    return elements(doc, XHTML, "section").stream()
        .filter(s -> s.getAttribute("id").equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no section " + id));
  }

  @Test
  void mnist_tableCellsAndTooltips_equalTheSummaryAndCsv() throws Exception {
    ModelEnergy energy = GoldenRatesTest.mnistEnergy();
    UnaryOperator<SummaryOptions> columns =
        o ->
            o.columns(
                    "name",
                    "output_shape",
                    "params",
                    "connections",
                    "neurons",
                    "rate",
                    "energy cpu",
                    "energy loihi",
                    "synop_energy loihi")
                .timestepsPerInference(10)
                .dt(0.002);
    Document doc = parse(energy.report(r -> r.summary(columns.apply(r.summary()))).html());

    List<List<String>> csv = TextFormats.parseCsv(energy.toCsv(columns));
    String summary = energy.summaryString(o -> columns.apply(o).lineLength(SummaryOptions.AUTO));
    List<String> lines = summary.lines().toList();
    Element table = children(byId(doc, "layers"), "table").get(0);
    List<String> headers = children(table, "th").stream().map(Element::getTextContent).toList();
    assertThat(headers)
        .containsExactly(
            "Layer (type)",
            "Output shape",
            "Param #",
            "Conn #",
            "Neuron #",
            "Rate [Hz]",
            "J/inf (cpu)",
            "J/inf (loihi)",
            "Synop J/inf (loihi)")
        .inOrder();
    List<Element> rows = children(children(table, "tbody").get(0), "tr");
    assertThat(rows).hasSize(7);
    for (int i = 0; i < rows.size(); i++) {
      List<Element> cells = children(rows.get(i), "td");
      // The summary's row, cells as printed (never cut at the auto line length).
      String[] printed = lines.get(i + 2).split("\\|");
      List<String> record = csv.get(i + 1);
      assertThat(rows.get(i).getAttribute("data-layer")).isEqualTo(record.get(0));
      for (int c = 0; c < cells.size(); c++) {
        assertThat(cells.get(c).getTextContent()).isEqualTo(printed[c].strip());
        if (c >= 2) {
          // The csv's fields: layer, type, output_shape, then the numeric columns in order.
          String exact = record.get(c + 1);
          assertThat(cells.get(c).getAttribute("title")).isEqualTo(exact);
          assertThat(Double.parseDouble(cells.get(c).getAttribute("data-value")))
              .isEqualTo(Double.parseDouble(exact));
        }
      }
    }
    List<Element> totals = children(byId(doc, "layers"), "li");
    assertThat(totals.stream().map(Element::getTextContent).toList())
        .containsExactly(
            lines.get(
                lines.indexOf(
                        lines.stream().filter(l -> l.startsWith("=")).findFirst().orElseThrow())
                    + 1),
            lines.get(
                lines.indexOf(
                        lines.stream().filter(l -> l.startsWith("=")).findFirst().orElseThrow())
                    + 2))
        .inOrder();
    assertThat(
            Double.parseDouble(children(totals.get(1), "span").get(0).getAttribute("data-value")))
        .isEqualTo(energy.totalEnergy("loihi", columns));
  }

  @Test
  void mnist_barsCarryEachLayersEnergyPerDevice() throws Exception {
    ModelEnergy energy = GoldenRatesTest.mnistEnergy();
    UnaryOperator<SummaryOptions> timing = o -> o.timestepsPerInference(10);
    Document doc =
        parse(
            energy
                .report(
                    r ->
                        r.timestepsPerInference(10)
                            .devices("GPU", "loihi")
                            .scale(ReportOptions.Scale.LOG))
                .html());
    List<Element> charts = elements(doc, SVG, "svg");
    assertThat(charts.stream().map(s -> s.getAttribute("data-device")).toList())
        .containsExactly("gpu", "loihi")
        .inOrder();
    assertThat(elements(doc, XHTML, "body").get(0).getAttribute("data-scale")).isEqualTo("log");
    for (Element chart : charts) {
      String device = chart.getAttribute("data-device");
      List<Element> scales =
          children(chart, "g").stream()
              .filter(g -> g.getAttribute("class").startsWith("scale-"))
              .toList();
      assertThat(scales.stream().map(g -> g.getAttribute("class")).toList())
          .containsExactly("scale-linear", "scale-log")
          .inOrder();
      for (Element scale : scales) {
        List<Element> bars = children(scale, "g");
        assertThat(bars).hasSize(7);
        for (int i = 0; i < bars.size(); i++) {
          String layer = energy.model().layerNames().get(i);
          LayerEnergy e = energy.layerEnergy(layer, device, timing);
          assertThat(bars.get(i).getAttribute("data-layer")).isEqualTo(layer);
          assertThat(Double.parseDouble(bars.get(i).getAttribute("data-synop")))
              .isEqualTo(e.synop());
          assertThat(Double.parseDouble(bars.get(i).getAttribute("data-neuron")))
              .isEqualTo(e.neuron());
        }
      }
    }
    // The largest layer's bar fills the linear axis: 620 px, synaptic and neuron parts together.
    Element linear =
        children(charts.get(0), "g").stream()
            .filter(g -> g.getAttribute("class").equals("scale-linear"))
            .findFirst()
            .orElseThrow();
    Element dense = children(linear, "g").get(4);
    assertThat(dense.getAttribute("data-layer")).isEqualTo("dense");
    List<Element> rects = children(dense, "rect");
    assertThat(
            Double.parseDouble(rects.get(0).getAttribute("width"))
                + Double.parseDouble(rects.get(1).getAttribute("width")))
        .isWithin(0.01)
        .of(620);
    Element shares = children(byId(doc, "synop-neuron"), "tbody").get(0);
    List<Element> gpu = children(children(shares, "tr").get(0), "td");
    double synop = 0;
    for (String layer : energy.model().layerNames()) {
      synop += energy.layerEnergy(layer, "gpu", timing).synop();
    }
    assertThat(Double.parseDouble(gpu.get(1).getAttribute("data-value"))).isEqualTo(synop);
    assertThat(Double.parseDouble(gpu.get(3).getAttribute("data-value")))
        .isEqualTo(energy.totalEnergy("gpu", timing));
  }

  @Test
  void overview_namesInputsParamsStorageAndHow() throws Exception {
    ModelEnergy energy = GoldenRatesTest.mnistEnergy();
    Element overview = byId(parse(energy.report().html()), "overview");
    List<String> terms = children(overview, "dt").stream().map(Element::getTextContent).toList();
    List<String> values = children(overview, "dd").stream().map(Element::getTextContent).toList();
    assertThat(terms)
        .containsExactly(
            "Inputs",
            "Parameters",
            "Storage (float32)",
            "Connections",
            "Neurons",
            "Accounting",
            "Timesteps per inference",
            "dt",
            "Example data")
        .inOrder();
    assertThat(values)
        .containsExactly(
            "input_1 (None, 28, 28, 1)",
            "125,422 (125,422 trainable, 0 non-trainable)",
            "489.93 KB",
            "172,616 per timestep",
            "1,096 per timestep",
            "complete",
            "1",
            "0.001 s",
            "array")
        .inOrder();
  }

  @Test
  void rates_shownOnlyWithExampleData() throws Exception {
    ModelEnergy withData = GoldenRatesTest.mnistEnergy();
    Element rates = byId(parse(withData.report().html()), "rates");
    List<Element> rows = children(children(rates, "tbody").get(0), "tr");
    assertThat(rows).hasSize(7);
    assertThat(Double.parseDouble(children(rows.get(1), "td").get(1).getAttribute("data-value")))
        .isEqualTo(withData.rates().get("conv2d"));
    String without = GoldenSummaryTest.mnist().energy().report().html();
    assertThat(without).doesNotContain("id=\"rates\"");
  }

  @Test
  void hostileNames_areEscaped_andTheOnlyScriptIsTheReports() throws Exception {
    ModelEnergy energy =
        Model.input(4).dense(3, d -> d.name(SCRIPT_NAME)).relu(r -> r.name(QUOTE_NAME)).energy();
    String html = energy.report(r -> r.title("</title><script>x()</script>")).html();
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html).contains("a&quot;b&amp;c");
    assertThat(html).doesNotContain("<script>alert");
    assertThat(html).doesNotContain("<script>x()");
    assertThat(html.split("<script", -1)).hasLength(2);
    Document doc = parse(html);
    List<Element> scripts = elements(doc, XHTML, "script");
    assertThat(scripts).hasSize(1);
    assertThat(scripts.get(0).getTextContent()).doesNotContain("alert");
    List<String> layers =
        children(byId(doc, "layers"), "tr").stream()
            .map(r -> r.getAttribute("data-layer"))
            .filter(s -> !s.isEmpty())
            .toList();
    assertThat(layers).containsExactly("input_1", SCRIPT_NAME, QUOTE_NAME).inOrder();
    assertThat(elements(doc, XHTML, "title").get(0).getTextContent())
        .isEqualTo("</title><script>x()</script>");
  }

  @Test
  void controlCharactersInNames_becomeReplacementCharacters() throws Exception {
    String name = "bad\u0001\u001bname\uD800";
    ModelEnergy energy = Model.input(4).dense(3, d -> d.name(name)).energy();
    Document doc = parse(energy.report().html());
    List<String> layers =
        children(byId(doc, "layers"), "tr").stream()
            .map(r -> r.getAttribute("data-layer"))
            .filter(s -> !s.isEmpty())
            .toList();
    assertThat(layers).containsExactly("input_1", "bad\uFFFD\uFFFDname\uFFFD").inOrder();
  }

  @Test
  void selfContained_andDeterministic() throws Exception {
    String first = GoldenRatesTest.mnistEnergy().report().html();
    String second = GoldenRatesTest.mnistEnergy().report().html();
    assertThat(first).isEqualTo(second);
    assertThat(first).startsWith("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"");
    assertThat(
            first
                .replace("xmlns=\"http://www.w3.org/1999/xhtml\"", "")
                .replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
        .doesNotContain("http");
    assertThat(first).doesNotContain(" src=");
    assertThat(first).doesNotContain(" href=");
    assertThat(first).doesNotContain("<link");
  }

  @Test
  void writeHtml_writesTheSameBytes_andNamesAnUnwritableFile() throws Exception {
    Report report = GoldenSummaryTest.mnist().energy().report();
    Path file = dir.resolve("mnist.html");
    report.writeHtml(file);
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(report.html());
    Path missing = dir.resolve("no/such/dir/r.html");
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> report.writeHtml(missing));
    assertThat(e).hasMessageThat().isEqualTo("cannot write the report to '" + missing + "'");
  }

  @Test
  void spikingDeviceWithoutData_andUnknownDevice_areClearErrors() {
    ModelEnergy energy = GoldenSummaryTest.mnist().energy();
    IllegalStateException spiking =
        assertThrows(IllegalStateException.class, () -> energy.report(r -> r.devices("loihi")));
    assertThat(spiking).hasMessageThat().startsWith("device 'loihi' is spiking");
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> energy.report(r -> r.devices("tpu")));
    assertThat(unknown).hasMessageThat().contains("'tpu'");
    IllegalArgumentException column =
        assertThrows(
            IllegalArgumentException.class, () -> energy.report(r -> r.columns("name", "bogus")));
    assertThat(column).hasMessageThat().startsWith("unknown column 'bogus'");
  }

  @Test
  void notes_areTheSummarysAndTheEstimatesWarnings() throws Exception {
    ModelEnergy energy = GoldenRatesTest.mnistEnergy();
    Element notes = byId(parse(energy.report(r -> r.devices("loihi")).html()), "notes");
    assertThat(children(notes, "li").stream().map(Element::getTextContent).toList())
        .containsExactly(
            ModelEnergy.ESTIMATES_WARNING.substring(2),
            ModelEnergy.NON_SPIKING_WARNING.substring(2))
        .inOrder();
    // The list's own bullet, never a second "* " in the text.
    assertThat(energy.report(r -> r.devices("loihi")).html()).doesNotContain("<li>* ");
  }
}
