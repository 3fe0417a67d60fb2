package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.ModelEnergy;
import org.neurojoule.examples.Architectures;
import org.neurojoule.nir.NirModels;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The command line as a user meets it: one timestep rule, compare's columns and per-model data, a
 * fixed CSV header, messages that name flags, typo suggestions, and tables and figures for papers.
 */
class CliUsabilityTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path CNN = ROOT.resolve("nir/src/test/resources/nir/cnn_sinabs.nir");
  private static final Path NONE_SPATIAL =
      ROOT.resolve(
          "keras/src/test/resources/keras/k2_2.2.0_functional_12net_none_spatial_prelu_2outputs.h5");
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Neurojoule.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  /** A float32 .npy of {@code shape}: seeded Bernoulli(0.05) events, or all {@code fill}. */
  private Path npy(String name, double fill, int... shape) throws IOException {
    int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    StringBuilder tuple = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      tuple.append(i > 0 ? ", " : "").append(shape[i]);
    }
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + "), }";
    String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 1)
        .put((byte) 0)
        .putShort((short) header.length())
        .put(header.getBytes(StandardCharsets.US_ASCII));
    Random r = new Random(4);
    for (int i = 0; i < n; i++) {
      b.putFloat(fill < 0 ? (r.nextDouble() < 0.05 ? 1f : 0f) : (float) fill);
    }
    return Files.write(dir.resolve(name), b.array());
  }

  private Path events() throws IOException {
    return npy("events.npy", -1, 2, 10, 34, 34, 2);
  }

  /** The value of {@code field} in the CSV record whose first field is {@code first}. */
  private static String csvField(String csv, String first, String field) {
    List<String> lines = csv.lines().toList();
    int column = Arrays.asList(lines.get(0).split(",", -1)).indexOf(field);
    assertThat(column).isAtLeast(0);
    for (String line : lines) {
      String[] values = line.split(",", -1);
      if (values[0].equals(first)) {
        return values[column];
      }
    }
    throw new AssertionError("no record " + first + " in\n" + csv);
  }

  // ---- one rule for timesteps ----

  @Test
  void summaryCompareAndTotalEnergy_giveTheSameLoihiFigure() throws IOException {
    Path events = events();
    double java =
        NirModels.load(CNN)
            .energy(e -> e.exampleData(ExampleData.fromNpy(events)).simulate(1e-3))
            .totalEnergy("loihi");
    Run summary =
        run(
            "summary",
            CNN.toString(),
            "--example-data",
            events.toString(),
            "--dt",
            "1e-3",
            "--columns",
            "name,energy loihi",
            "--format",
            "csv");
    Run compare =
        run(
            "compare",
            CNN.toString(),
            "mnist",
            "--example-data",
            events + ",mnist=" + npy("ones.npy", 1, 2, 28, 28, 1),
            "--dt",
            "1e-3",
            "--columns",
            "loihi",
            "--format",
            "csv");
    assertThat(summary.err()).isEmpty();
    assertThat(compare.err()).isEmpty();
    assertThat(Double.parseDouble(csvField(summary.out(), "total", "energy_j_loihi")))
        .isEqualTo(java);
    assertThat(Double.parseDouble(csvField(compare.out(), "cnn_sinabs.nir", "energy_j_loihi")))
        .isEqualTo(java);
    assertThat(csvField(compare.out(), "cnn_sinabs.nir", "timesteps_per_inference"))
        .isEqualTo("10");
    assertThat(csvField(compare.out(), "mnist", "timesteps_per_inference")).isEqualTo("1");
    // The text says so, in the CLI's words.
    Run text =
        run(
            "summary",
            CNN.toString(),
            "--example-data",
            events.toString(),
            "--columns",
            "name,energy loihi");
    assertThat(text.out().replaceAll("\\s+", " "))
        .contains("Timesteps per inference on spiking devices: 10 of 0.001 s (the length T");
    assertThat(text.out()).contains("--timesteps N");
    assertThat(text.out()).doesNotContain("o -> o.");
  }

  // ---- compare: columns, per-model data, fixed header ----

  @Test
  void compare_perModelExampleData_inOrder_orByName_givesEachModelsOwnFigure() throws IOException {
    Path events = events();
    Path ones = npy("ones.npy", 1, 2, 28, 28, 1);
    double snn =
        NirModels.load(CNN)
            .energy(e -> e.exampleData(ExampleData.fromNpy(events)).simulate(1e-3))
            .totalEnergy("loihi");
    double ann =
        Architectures.mnist()
            .energy(e -> e.exampleData(ExampleData.fromNpy(ones)))
            .totalEnergy("loihi");
    for (String data :
        List.of(ones + "," + events, "cnn_sinabs.nir=" + events + ",mnist=" + ones)) {
      Run r =
          run(
              "compare",
              "mnist",
              CNN.toString(),
              "--example-data",
              data,
              "--columns",
              "energy_j_loihi,gpu",
              "--format",
              "csv");
      assertThat(r.err()).isEmpty();
      assertThat(Double.parseDouble(csvField(r.out(), "mnist", "energy_j_loihi"))).isEqualTo(ann);
      assertThat(Double.parseDouble(csvField(r.out(), "cnn_sinabs.nir", "energy_j_loihi")))
          .isEqualTo(snn);
      assertThat(r.out().lines().findFirst().orElseThrow()).contains("energy_j_gpu");
    }
    Run wrong =
        run("compare", "mnist", "vgg9", "--example-data", "alexnet=" + ones, "--columns", "cpu");
    assertThat(wrong.code()).isEqualTo(1);
    assertThat(wrong.err())
        .isEqualTo(
            "neurojoule: --example-data 'alexnet="
                + ones
                + "': 'alexnet' is none of the models compared (mnist, vgg9)\n");
  }

  @Test
  void compare_catalogueDevices_byColumns_andAnUnknownOneIsAUsageError() {
    String catalogue =
        ModelEnergy.devices().stream()
            .filter(
                d -> !List.of("cpu", "gpu", "arm", "loihi", "spinnaker", "spinnaker2").contains(d))
            .filter(d -> !ModelEnergy.device(d).spiking())
            .findFirst()
            .orElseThrow();
    Run r = run("compare", "mnist", "vgg9", "--columns", catalogue, "--format", "csv");
    assertThat(r.err()).isEmpty();
    assertThat(r.out().lines().findFirst().orElseThrow()).contains("energy_j_" + catalogue + ",");
    Run bad = run("compare", "mnist", "vgg9", "--columns", "params");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith("neurojoule: Invalid value for option '--columns': 'params'");
  }

  @Test
  void compareCsv_hasOneHeader_whateverTheModels() {
    String a = run("compare", "mnist", "mnist", "--format", "csv").out();
    String b = run("compare", "vgg9", "lcrm-alexnet", "--format", "csv").out();
    assertThat(a.lines().findFirst()).isEqualTo(b.lines().findFirst());
    for (String kind :
        List.of("convolution", "depthwise", "dense", "pooling", "activations", "spiking_neurons")) {
      assertThat(a.lines().findFirst().orElseThrow()).contains("energy_j_cpu_" + kind + ",");
    }
  }

  // ---- the CLI speaks CLI ----

  @Test
  void errorsAndNotes_nameFlags_notJavaCalls() {
    Run shape = run("summary", NONE_SPATIAL.toString());
    assertThat(shape.code()).isEqualTo(1);
    // The hint, then where the model came from (its provenance), both in flags.
    assertThat(shape.err())
        .contains(
            "give every dimension after the first a size with --input-shape, such as"
                + " --input-shape 64,64,3 (the model comes from ");
    assertThat(shape.err()).endsWith("give its sizes with --input-shape)\n");
    Run notes = run("summary", "lcrm-vgg9");
    String words = notes.out().replaceAll("\\s+", " ");
    assertThat(words).contains("use --accounting keras-spiking.");
    assertThat(words).contains("(--accounting complete, the default)");
    assertThat(notes.out()).doesNotContain("e -> e.");
    // The library itself still speaks Java afterwards.
    assertThat(Architectures.lcrmVgg9().energy().summaryString().replaceAll("\\s+", " "))
        .contains("use energy(e -> e.accounting(Accounting.KERAS_SPIKING))");
  }

  @Test
  void typos_getSuggestions() {
    Run verb = run("sumary", "mnist");
    assertThat(verb.code()).isEqualTo(2);
    assertThat(verb.err())
        .startsWith("neurojoule: unknown command 'sumary'; did you mean 'summary'");
    Run option = run("summary", "mnist", "--colums", "name");
    assertThat(option.code()).isEqualTo(2);
    assertThat(option.err())
        .isEqualTo(
            "neurojoule: unknown option '--colums'; did you mean '--columns'? (see 'neurojoule"
                + " summary --help')\n");
  }

  @Test
  void exportFieldNames_areColumnNames() {
    assertThat(run("summary", "mnist", "--columns", "name,energy_j_cpu,synop_energy_j_gpu").out())
        .isEqualTo(run("summary", "mnist", "--columns", "name,energy cpu,synop_energy gpu").out());
  }

  @Test
  void textTables_neverCutANameByDefault() {
    Path resnet = ROOT.resolve("onnx/src/test/resources/onnx/resnet18.onnx");
    Run r = run("summary", resnet.toString(), "--no-notes");
    assertThat(r.err()).isEmpty();
    for (String layer : org.neurojoule.onnx.OnnxModels.load(resnet).layerNames()) {
      assertThat(r.out()).contains(layer + " (");
    }
    assertThat(r.out()).doesNotContain("\u2026");
  }

  // ---- tables and figures for a paper ----

  @Test
  void markdownAndLatex_tablesOfTheSummary() {
    String md = run("summary", "mnist", "--format", "markdown", "--no-notes").out();
    List<String> lines = md.lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("| Layer (type) | Output shape | Param # | Conn # | Neuron # | J/inf (cpu) |");
    assertThat(lines.get(1)).isEqualTo("| --- | --- | ---: | ---: | ---: | ---: |");
    assertThat(lines.get(3))
        .isEqualTo("| conv2d (Conv2D) | (None, 22, 22, 2) | 100 | 47432 | 0 | 0.00041 |");
    assertThat(md).contains("\nTotal energy per inference \\[Joules/inf\\] (cpu): 1.49e-03\n");
    String tex = run("summary", "mnist", "--format", "latex", "--no-notes").out();
    assertThat(tex).startsWith("\\begin{tabular}{llrrrr}\n\\toprule\n");
    assertThat(tex).contains("input\\_1 (InputLayer) & [(None, 28, 28, 1)] & 0 & 0 & 0 & 0 \\\\\n");
    assertThat(tex).contains("\\bottomrule\n\\end{tabular}\n");
    String compare = run("compare", "vgg9", "lcrm-vgg9", "--format", "latex").out();
    assertThat(compare).contains("J/inf (cpu) & ");
    assertThat(compare).contains("\\%");
  }

  @Test
  void plot_writesTheChartsAsAnSvgFigure_withTheLibrarysFigures() throws Exception {
    Path svg = dir.resolve("mnist.svg");
    Run r =
        run(
            "summary",
            "mnist",
            "--columns",
            "name,energy cpu,energy gpu",
            "--plot",
            svg.toString());
    assertThat(r.err()).isEmpty();
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(Files.readString(svg))));
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("svg");
    List<Element> charts = elements(root, "svg");
    assertThat(charts.stream().map(c -> c.getAttribute("data-device")).toList())
        .containsExactly("cpu", "gpu")
        .inOrder();
    ModelEnergy energy = Architectures.mnist().energy();
    for (Element chart : charts) {
      String device = chart.getAttribute("data-device");
      List<Element> bars =
          elements(chart, "g").stream().filter(g -> g.getAttribute("class").equals("bar")).toList();
      // Each bar twice: on the linear and on the log axis.
      assertThat(bars).hasSize(2 * energy.model().layerNames().size());
      for (Element bar : bars) {
        String layer = bar.getAttribute("data-layer");
        assertThat(Double.parseDouble(bar.getAttribute("data-synop")))
            .isEqualTo(energy.layerEnergy(layer, device).synop());
        assertThat(Double.parseDouble(bar.getAttribute("data-neuron")))
            .isEqualTo(energy.layerEnergy(layer, device).neuron());
      }
    }
    Path comparePlot = dir.resolve("compare.svg");
    assertThat(run("compare", "vgg9", "lcrm-vgg9", "--plot", comparePlot.toString()).code())
        .isEqualTo(0);
    Document compared =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(comparePlot.toFile());
    List<Element> bars =
        elements(compared.getDocumentElement(), "g").stream()
            .filter(g -> g.getAttribute("class").equals("bar"))
            .toList();
    assertThat(bars.stream().map(b -> b.getAttribute("data-model")).distinct().toList())
        .containsExactly("vgg9", "lcrm-vgg9")
        .inOrder();
  }

  private static List<Element> elements(Element root, String tag) {
    NodeList nodes = root.getElementsByTagName(tag);
    java.util.ArrayList<Element> list = new java.util.ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add((Element) nodes.item(i));
    }
    return list;
  }
}
