package org.neurojoule.nir;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.Model;
import org.neurojoule.NirImportException;

/** Malformed NIR graphs, built in memory and run through the importer's validation. */
class NirMalformedTest {
  private static NirGraph.Node input(int... shape) {
    return node("Input", "shape", NirArray.of(new int[] {shape.length}, doubles(shape)));
  }

  private static NirGraph.Node output(int... shape) {
    return node("Output", "shape", NirArray.of(new int[] {shape.length}, doubles(shape)));
  }

  private static double[] doubles(int... v) {
    return java.util.Arrays.stream(v).asDoubleStream().toArray();
  }

  private static NirGraph.Node node(String type, Object... params) {
    Map<String, NirArray> p = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      p.put((String) params[i], (NirArray) params[i + 1]);
    }
    return NirGraph.Node.of(type, p);
  }

  private static NirGraph.Node affine(int out, int in) {
    return node(
        "Affine",
        "weight",
        NirArray.of(new int[] {out, in}, new double[out * in]),
        "bias",
        NirArray.vector(new double[out]));
  }

  private static NirGraph.Node lif(int units) {
    double[] ones = new double[units];
    java.util.Arrays.fill(ones, 1);
    return node(
        "LIF",
        "tau",
        NirArray.vector(ones.clone()),
        "r",
        NirArray.vector(ones.clone()),
        "v_leak",
        NirArray.vector(new double[units]),
        "v_threshold",
        NirArray.vector(ones));
  }

  private static NirGraph graph(Map<String, NirGraph.Node> nodes, String... edges) {
    List<NirGraph.Edge> e = new java.util.ArrayList<>();
    for (int i = 0; i < edges.length; i += 2) {
      e.add(new NirGraph.Edge(edges[i], edges[i + 1]));
    }
    return new NirGraph(nodes, e);
  }

  private static Map<String, NirGraph.Node> nodes(Object... pairs) {
    Map<String, NirGraph.Node> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (NirGraph.Node) pairs[i + 1]);
    }
    return m;
  }

  private static String error(NirGraph g) {
    return assertThrows(NirImportException.class, () -> new NirImporter("net.nir").toModel(g))
        .getMessage();
  }

  @Test
  void wellFormed_chain_imports() {
    Model m =
        new NirImporter("net.nir")
            .toModel(
                graph(
                    nodes("in", input(3), "fc", affine(2, 3), "lif", lif(2), "out", output(2)),
                    "in",
                    "fc",
                    "fc",
                    "lif",
                    "lif",
                    "out"));
    assertThat(m.params().total()).isEqualTo(8);
  }

  @Test
  void unknownType_namesTheNode() {
    assertThat(
            error(
                graph(
                    nodes("in", input(3), "x", node("Dropout"), "out", output(3)),
                    "in",
                    "x",
                    "x",
                    "out")))
        .isEqualTo(
            "net.nir: node 'x' has type 'Dropout', which is not a"
                + " NIR primitive; known: Affine, AvgPool2d, Conv1d, Conv2d, CubaLI, CubaLIF, Delay,"
                + " Flatten, I, IF, Input, LI, LIF, Linear, NIRGraph, Output, Scale, SumPool2d,"
                + " Threshold");
  }

  @Test
  void danglingEdge_namesTheEdgeAndTheNode() {
    assertThat(
            error(
                graph(
                    nodes("in", input(3), "fc", affine(2, 3), "out", output(2)),
                    "in",
                    "fc",
                    "fc",
                    "outt")))
        .isEqualTo(
            "net.nir: edge ('fc', 'outt') names node 'outt',"
                + " which the graph does not have; its nodes: in, fc, out");
  }

  @Test
  void shapeMismatch_namesTheNodeTheWeightAndTheInput() {
    assertThat(
            error(
                graph(
                    nodes("in", input(3), "fc", affine(2, 4), "out", output(2)),
                    "in",
                    "fc",
                    "fc",
                    "out")))
        .isEqualTo(
            "net.nir: node 'fc' (Affine): weight (2, 4) takes 4"
                + " inputs, but its input 'in' gives (3,)");
    assertThat(
            error(
                graph(
                    nodes("in", input(3), "lif", lif(2), "out", output(3)),
                    "in",
                    "lif",
                    "lif",
                    "out")))
        .isEqualTo(
            "net.nir: node 'lif' (LIF): tau (2,) must hold one"
                + " value or one per unit, but its input 'in' gives (3,)");
    assertThat(
            error(
                graph(
                    nodes("in", input(3), "fc", affine(2, 3), "out", output(5)),
                    "in",
                    "fc",
                    "fc",
                    "out")))
        .isEqualTo(
            "net.nir: node 'out' (Output): shape (5,) does not"
                + " match its input 'fc', which gives (2,)");
  }

  @Test
  void missingParameter_namesIt() {
    assertThat(
            error(
                graph(
                    nodes(
                        "in",
                        input(3),
                        "fc",
                        node("Affine", "weight", NirArray.of(new int[] {2, 3}, new double[6])),
                        "out",
                        output(2)),
                    "in",
                    "fc",
                    "fc",
                    "out")))
        .isEqualTo("net.nir: node 'fc' (Affine): missing parameter 'bias'");
  }

  @Test
  void nonFiniteParameter_namesTheValueAndIndex() {
    assertThat(
            error(
                graph(
                    nodes(
                        "in",
                        input(2),
                        "lin",
                        node("Linear", "weight", NirArray.of(new int[] {1, 2}, 0.5, Double.NaN)),
                        "out",
                        output(1)),
                    "in",
                    "lin",
                    "lin",
                    "out")))
        .isEqualTo(
            "net.nir: node 'lin' (Linear): parameter 'weight' (1, 2) holds NaN at index 1;"
                + " every value must be finite");
  }

  @Test
  void badNeuronConstant_namesTheNodeAndTheValue() {
    NirGraph.Node bad =
        node(
            "LIF",
            "tau",
            NirArray.vector(-0.01),
            "r",
            NirArray.vector(1),
            "v_leak",
            NirArray.vector(0),
            "v_threshold",
            NirArray.vector(1));
    assertThat(
            error(
                graph(
                    nodes("in", input(1), "lif", bad, "out", output(1)),
                    "in",
                    "lif",
                    "lif",
                    "out")))
        .isEqualTo(
            "net.nir: node 'lif' (LIF): [NnInvalidArgument]"
                + " tau is a time constant in seconds and must be a finite number > 0, was -0.01");
  }

  @Test
  void cycleNotThroughALinearNode_namesItsNodes() {
    assertThat(
            error(
                graph(
                    nodes("in", input(2), "a", lif(2), "b", lif(2), "out", output(2)),
                    "in",
                    "a",
                    "a",
                    "b",
                    "b",
                    "a",
                    "b",
                    "out")))
        .isEqualTo(
            "net.nir: the graph has a cycle"
                + " 'b' -> 'a' -> 'b'; NeuroJoule folds only a recurrent Affine or Linear node from a"
                + " neuron back to that neuron");
  }

  @Test
  void recurrentWeightOfTheWrongSize_namesBoth() {
    assertThat(
            error(
                graph(
                    nodes("in", input(2), "lif", lif(2), "rec", affine(3, 2), "out", output(2)),
                    "in",
                    "lif",
                    "lif",
                    "rec",
                    "rec",
                    "lif",
                    "lif",
                    "out")))
        .isEqualTo(
            "net.nir: node 'rec' (Affine): feeds neuron 'lif' of 2 units back into itself,"
                + " so its weight must be (2, 2), is (3, 2)");
  }

  @Test
  void convolutionGroupsNotMatchingTheWeight_refusedNamingWeightAndInput() {
    NirGraph.Node conv =
        node(
            "Conv2d",
            "weight",
            NirArray.of(new int[] {6, 1, 3, 3}, new double[54]),
            "bias",
            NirArray.vector(new double[6]),
            "groups",
            NirArray.vector(3),
            "stride",
            NirArray.vector(1, 1),
            "padding",
            NirArray.vector(0, 0),
            "dilation",
            NirArray.vector(1, 1));
    assertThat(
            error(
                graph(
                    nodes("in", input(2, 8, 8), "c", conv, "out", output(6, 6, 6)),
                    "in",
                    "c",
                    "c",
                    "out")))
        .isEqualTo(
            "net.nir: node 'c' (Conv2d): weight (6, 1, 3, 3) takes 1 input channels per"
                + " group, 3 in 3 groups, but its input 'in' gives (2, 8, 8)");
  }

  @Test
  void groupedConvolution_importsWithGroups_andPyTorchsWeightAsKeras() {
    double[] w = new double[4 * 1 * 3 * 3];
    for (int i = 0; i < w.length; i++) {
      w[i] = i;
    }
    NirGraph.Node conv =
        node(
            "Conv2d",
            "weight",
            NirArray.of(new int[] {4, 1, 3, 3}, w),
            "bias",
            NirArray.vector(new double[4]),
            "groups",
            NirArray.vector(2),
            "stride",
            NirArray.vector(1, 1),
            "padding",
            NirArray.vector(0, 0),
            "dilation",
            NirArray.vector(1, 1));
    Model m =
        new NirImporter("net.nir")
            .toModel(
                graph(
                    nodes("in", input(2, 8, 8), "c", conv, "out", output(4, 6, 6)),
                    "in",
                    "c",
                    "c",
                    "out"));

    org.neurojoule.layer.Conv spec = (org.neurojoule.layer.Conv) m.layer("c").spec();
    assertThat(spec.groups()).isEqualTo(2);
    // 3 * 3 * (2 / 2) * 4 + 4.
    assertThat(m.params(m.layer("c")).total()).isEqualTo(40);
    // PyTorch's (out, in / groups, kh, kw) as Keras' (kh, kw, in / groups, out): tap p of
    // filter o was w[o * 9 + p].
    float[] kernel = m.layer("c").weights().get(0);
    for (int o = 0; o < 4; o++) {
      for (int p = 0; p < 9; p++) {
        assertThat(kernel[p * 4 + o]).isEqualTo((float) (o * 9 + p));
      }
    }
  }

  @Test
  void partialFlatten_refusedClearly() {
    NirGraph.Node flatten =
        node(
            "Flatten",
            "start_dim",
            NirArray.vector(1),
            "end_dim",
            NirArray.vector(-1),
            "input_type",
            NirArray.vector(2, 3, 3));
    assertThat(
            error(
                graph(
                    nodes("in", input(2, 3, 3), "f", flatten, "out", output(18)),
                    "in",
                    "f",
                    "f",
                    "out")))
        .isEqualTo(
            "net.nir: node 'f' (Flatten): flattens dims 1 to -1 of"
                + " (2, 3, 3); only a flatten of every dimension is supported yet");
  }

  @Test
  void nestedGraphWithoutAnOutput_namesIt() {
    NirGraph inner = graph(nodes("i", input(2), "lif", lif(2)), "i", "lif");
    NirGraph.Node sub = new NirGraph.Node("NIRGraph", Map.of(), Optional.of(inner));
    assertThat(
            error(
                graph(
                    nodes("in", input(2), "sub", sub, "out", output(2)),
                    "in",
                    "sub",
                    "sub",
                    "out")))
        .isEqualTo(
            "net.nir: node 'sub' (NIRGraph): a nested graph"
                + " needs exactly one Output node, has 0");
  }

  @Test
  void nodeWithoutInput_namesIt() {
    assertThat(error(graph(nodes("in", input(2), "lif", lif(2), "out", output(2)), "in", "out")))
        .isEqualTo("net.nir: node 'lif' (LIF): no edge feeds it");
  }

  @Test
  void notAnHdf5File_namesTheFile(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.nir"), "not hdf5");
    assertThat(assertThrows(NirImportException.class, () -> NirModels.load(bad)).getMessage())
        .startsWith(bad + ": not a readable HDF5 file (");
    assertThat(
            assertThrows(NirImportException.class, () -> NirModels.load(dir.resolve("missing.nir")))
                .getMessage())
        .startsWith(dir.resolve("missing.nir") + ": no such file (");
  }

  @Test
  void flattenThenAffine_permutesColumnsToChannelsLast() {
    NirGraph.Node fc = node("Linear", "weight", NirArray.of(new int[] {1, 4}, 1, 2, 3, 4));
    NirGraph.Node flatten =
        node("Flatten", "start_dim", NirArray.vector(0), "end_dim", NirArray.vector(-1));
    Model m =
        new NirImporter("net.nir")
            .toModel(
                graph(
                    nodes("in", input(2, 1, 2), "f", flatten, "fc", fc, "out", output(1)),
                    "in",
                    "f",
                    "f",
                    "fc",
                    "fc",
                    "out"));
    // NIR (C=2, H=1, W=2) flattens c*2 + w; NeuroJoule (1, 2, 2) flattens w*2 + c.
    assertThat(m.layer("fc").weights().get(0)).isEqualTo(new float[] {1, 3, 2, 4});
  }

  @Test
  void everyOtherPrimitive_mapsToItsLayer() {
    NirGraph.Node conv1 =
        node(
            "Conv1d",
            "weight",
            NirArray.of(new int[] {3, 2, 3}, new double[18]),
            "bias",
            NirArray.vector(new double[3]),
            "stride",
            NirArray.vector(1),
            "padding",
            NirArray.vector(1),
            "dilation",
            NirArray.vector(1),
            "groups",
            NirArray.vector(1),
            "input_shape",
            NirArray.vector(6));
    NirGraph.Node conv2 =
        node(
            "Conv2d",
            "weight",
            NirArray.of(new int[] {1, 1, 3, 3}, new double[9]),
            "bias",
            NirArray.vector(0),
            "stride",
            NirArray.vector(1),
            "padding",
            NirArray.text("same"),
            "dilation",
            NirArray.vector(1),
            "groups",
            NirArray.vector(1));
    NirGraph.Node avg =
        node(
            "AvgPool2d",
            "kernel_size",
            NirArray.vector(2, 2),
            "stride",
            NirArray.vector(2, 2),
            "padding",
            NirArray.vector(0, 0));
    NirGraph.Node flatten =
        node("Flatten", "start_dim", NirArray.vector(0), "end_dim", NirArray.vector(-1));
    Model m =
        new NirImporter("net.nir")
            .toModel(
                graph(
                    nodes(
                        "seq",
                        input(2, 6),
                        "c1",
                        conv1,
                        "f1",
                        flatten,
                        "lin",
                        node("Linear", "weight", NirArray.of(new int[] {4, 18}, new double[72])),
                        "scale",
                        node("Scale", "scale", NirArray.vector(1, 2, 3, 4)),
                        "delay",
                        node("Delay", "delay", NirArray.vector(0.001)),
                        "thr",
                        node("Threshold", "threshold", NirArray.vector(0.5, 0.5, 0.5, 0.6)),
                        "i",
                        node("I", "r", NirArray.vector(2)),
                        "li",
                        node(
                            "LI",
                            "tau",
                            NirArray.vector(0.01),
                            "r",
                            NirArray.vector(1),
                            "v_leak",
                            NirArray.vector(0)),
                        "cli",
                        node(
                            "CubaLI",
                            "tau_syn",
                            NirArray.vector(0.01),
                            "tau_mem",
                            NirArray.vector(0.02),
                            "r",
                            NirArray.vector(1),
                            "v_leak",
                            NirArray.vector(0),
                            "w_in",
                            NirArray.vector(3)),
                        "img",
                        input(1, 4, 4),
                        "c2",
                        conv2,
                        "avg",
                        avg,
                        "f2",
                        flatten,
                        "out",
                        output(4)),
                    "seq",
                    "c1",
                    "c1",
                    "f1",
                    "f1",
                    "lin",
                    "lin",
                    "scale",
                    "scale",
                    "delay",
                    "delay",
                    "thr",
                    "thr",
                    "i",
                    "i",
                    "li",
                    "li",
                    "cli",
                    "img",
                    "c2",
                    "c2",
                    "avg",
                    "avg",
                    "f2",
                    "f2",
                    "cli",
                    "cli",
                    "out"));

    assertThat(
            m.layers().stream()
                .map(
                    l ->
                        m.nameOf(l)
                            + " "
                            + l.spec().type()
                            + " "
                            + m.applications(l).get(0).shape().toKerasString())
                .toList())
        .containsExactly(
            "seq InputLayer (None, 6, 2)",
            "img InputLayer (None, 4, 4, 1)",
            "c1_pad ZeroPadding1D (None, 8, 2)",
            "c2 Conv2D (None, 4, 4, 1)",
            "c1 Conv1D (None, 6, 3)",
            "avg AveragePooling2D (None, 2, 2, 1)",
            "f1 Flatten (None, 18)",
            "f2 Flatten (None, 4)",
            "lin Dense (None, 4)",
            "scale Scale (None, 4)",
            "delay Delay (None, 4)",
            "thr Threshold (None, 4)",
            "i I (None, 4)",
            "li LI (None, 4)",
            "cli_sum Add (None, 4)",
            "cli CubaLI (None, 4)");
    assertThat(m.layer("scale").weights().get(0)).isEqualTo(new float[] {1, 2, 3, 4});
    assertThat(m.params().total()).isEqualTo(18 + 3 + 72 + 4 + 9 + 1);
  }

  @Test
  void truncatedFile_isOneClearError(@TempDir Path dir) throws Exception {
    byte[] whole = Files.readAllBytes(NirFilesTest.resource("cnn_sinabs.nir"));
    for (int size : new int[] {100, 4096, whole.length / 2, whole.length - 10}) {
      Path cut =
          Files.write(dir.resolve("cut" + size + ".nir"), java.util.Arrays.copyOf(whole, size));
      assertThat(assertThrows(NirImportException.class, () -> NirModels.load(cut)).getMessage())
          .startsWith(cut.toString() + ": ");
    }
  }

  @Test
  void outputFeedingANode_hugeInput_nameTheNode() {
    assertThat(
            error(
                graph(
                    nodes("in", input(2), "out", output(2), "lif", lif(2)),
                    "in",
                    "out",
                    "out",
                    "lif")))
        .isEqualTo("net.nir: node 'lif' (LIF): 'out' is an Output and" + " feeds no node");
    assertThat(error(graph(nodes("in", input(65536, 65536), "out", output(2)), "in", "out")))
        .isEqualTo(
            "net.nir: node 'in' (Input): shape (65536, 65536) has more than 2147483639" + " units");
  }
}
