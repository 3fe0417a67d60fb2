package org.neurojoule.nir;

import static com.google.common.truth.Truth.assertThat;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.layer.NeuronKind;
import org.neurojoule.layer.SpikingNeuron;
import org.neurojoule.shape.Shape;

/** The NIR paper's files (test resources, see nir/SOURCES.md) imported whole. */
class NirFilesTest {
  static Path resource(String name) {
    try {
      return Path.of(NirFilesTest.class.getResource("/nir/" + name).toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stored weight and bias values, counted straight from the HDF5 datasets. */
  private static long storedWeights(Group g) {
    long n = 0;
    for (Node c : g.getChildren().values()) {
      if (c instanceof Group sub) {
        n += storedWeights(sub);
      } else if (Set.of("weight", "bias", "scale").contains(c.getName())) {
        n += ((Dataset) c).getSize();
      }
    }
    return n;
  }

  /** NIR nodes, nested ones too (a nested NIRGraph counts as itself plus its nodes). */
  private static int nodes(Group graph) {
    int n = 0;
    for (Node c : ((Group) graph.getChild("nodes")).getChildren().values()) {
      n++;
      if (((Group) c).getChildren().containsKey("nodes")) {
        n += nodes((Group) c);
      }
    }
    return n;
  }

  @ParameterizedTest
  @CsvSource({
    "cnn_sinabs.nir, 15, 39890",
    "braille_noDelay_bias_zero.nir, 7, 2249",
    "braille_noDelay_bias_zero_subgraph.nir, 10, 2249",
    "lif_norse.nir, 4, 2",
    "lif_rockpool.nir, 4, 1",
    "two_lif_neurons.nir, 6, 2"
  })
  void everyFile_importsWithItsStoredWeightsAsParameters(String file, int nodes, long params) {
    long stored;
    int counted;
    try (HdfFile h = new HdfFile(resource(file))) {
      Group root = (Group) h.getChild("node");
      stored = storedWeights(root);
      counted = nodes(root);
    }
    Model m = NirModels.load(resource(file));

    assertThat(counted).isEqualTo(nodes);
    assertThat(stored).isEqualTo(params);
    assertThat(m.params().total()).isEqualTo(stored);
    assertThat(m.params().nonTrainable()).isEqualTo(0);
  }

  private static List<String> rows(Model m) {
    return m.layers().stream()
        .map(
            l ->
                m.nameOf(l)
                    + " "
                    + l.spec().type()
                    + " "
                    + m.applications(l).get(0).shape().toKerasString())
        .toList();
  }

  @Test
  void cnnSinabs_channelsLast_16x16x16AfterTheFirstConvolution() {
    Model m = NirModels.load(resource("cnn_sinabs.nir"));

    assertThat(rows(m))
        .containsExactly(
            "input InputLayer (None, 34, 34, 2)",
            "0_pad ZeroPadding2D (None, 36, 36, 2)",
            "0 Conv2D (None, 16, 16, 16)",
            "1 IF (None, 16, 16, 16)",
            "2_pad ZeroPadding2D (None, 18, 18, 16)",
            "2 Conv2D (None, 16, 16, 16)",
            "3 IF (None, 16, 16, 16)",
            "4 SumPooling2D (None, 8, 8, 16)",
            "5_pad ZeroPadding2D (None, 10, 10, 16)",
            "5 Conv2D (None, 8, 8, 8)",
            "6 IF (None, 8, 8, 8)",
            "7 SumPooling2D (None, 4, 4, 8)",
            "8 Flatten (None, 128)",
            "9 Dense (None, 256)",
            "10 IF (None, 256)",
            "11 Dense (None, 10)",
            "12 IF (None, 10)")
        .inOrder();
    SpikingNeuron first = (SpikingNeuron) m.layer("1").spec();
    assertThat(first.kind()).isEqualTo(NeuronKind.INTEGRATE_AND_FIRE);
    assertThat(first.constant("vThreshold").values()).isEqualTo(new double[] {1});
    assertThat(m.layer("0").weights().get(0)).hasLength(5 * 5 * 2 * 16);
    assertThat(m.energy().layerStats("1")).isEqualTo(new LayerStats(0, 16 * 16 * 16, true));
  }

  @Test
  void conv2d_weightsGoFromPyTorchsLayoutToKeras() throws Exception {
    float[] torch;
    try (HdfFile h = new HdfFile(resource("cnn_sinabs.nir"))) {
      torch = (float[]) ((Dataset) h.getByPath("node/nodes/0/weight")).getDataFlat();
    }
    float[] keras = NirModels.load(resource("cnn_sinabs.nir")).layer("0").weights().get(0);
    // torch (o=3, c=1, y=2, x=4) is keras (y=2, x=4, c=1, o=3)
    assertThat(keras[((2 * 5 + 4) * 2 + 1) * 16 + 3])
        .isEqualTo(torch[((3 * 2 + 1) * 5 + 2) * 5 + 4]);
  }

  @Test
  void affineAfterFlatten_columnsFollowPyTorchsChannelMajorOrder() throws Exception {
    float[] torch;
    try (HdfFile h = new HdfFile(resource("cnn_sinabs.nir"))) {
      torch = (float[]) ((Dataset) h.getByPath("node/nodes/9/weight")).getDataFlat();
    }
    float[] keras = NirModels.load(resource("cnn_sinabs.nir")).layer("9").weights().get(0);
    // NeuroJoule unit (h=1, w=2, c=5) of (4, 4, 8) is PyTorch's c*16 + h*4 + w of (8, 4, 4).
    int nj = (1 * 4 + 2) * 8 + 5;
    int pt = 5 * 16 + 1 * 4 + 2;
    for (int o : new int[] {0, 17, 255}) {
      assertThat(keras[nj * 256 + o]).isEqualTo(torch[o * 128 + pt]);
    }
  }

  @Test
  void braille_recurrenceFolded_theSubgraphVariantGivesTheSameStatistics() {
    Model flat = NirModels.load(resource("braille_noDelay_bias_zero.nir"));
    Model nested = NirModels.load(resource("braille_noDelay_bias_zero_subgraph.nir"));

    assertThat(rows(flat))
        .containsExactly(
            "input InputLayer (None, 12)",
            "fc1 Dense (None, 38)",
            "lif1.lif CubaLIF (None, 38)",
            "fc2 Dense (None, 7)",
            "lif2 CubaLIF (None, 7)")
        .inOrder();
    assertThat(rows(nested))
        .containsExactly(
            "input InputLayer (None, 12)",
            "fc1 Dense (None, 38)",
            "lif1.lif1 CubaLIF (None, 38)",
            "fc2 Dense (None, 7)",
            "lif2 CubaLIF (None, 7)")
        .inOrder();
    SpikingNeuron lif = (SpikingNeuron) flat.layer("lif1.lif").spec();
    assertThat(lif.recurrent()).isTrue();
    assertThat(lif.recurrentBias()).isTrue();
    assertThat(flat.energy().layerStats("lif1.lif")).isEqualTo(new LayerStats(38 * 38, 38, true));
    assertThat(flat.params()).isEqualTo(nested.params());
    for (int i = 0; i < flat.layers().size(); i++) {
      Layer a = flat.layers().get(i);
      Layer b = nested.layers().get(i);
      assertThat(nested.energy().layerStats(nested.nameOf(b)))
          .isEqualTo(flat.energy().layerStats(flat.nameOf(a)));
      assertThat(b.spec().describe()).isEqualTo(a.spec().describe());
      assertThat(b.weights().size()).isEqualTo(a.weights().size());
      for (int w = 0; w < a.weights().size(); w++) {
        assertThat(b.weights().get(w)).isEqualTo(a.weights().get(w));
      }
    }
    assertThat(lif.constant("tauSyn").at(0)).isWithin(1e-12).of(2.222222281091009E-4);
    assertThat(lif.constant("wIn").at(5)).isWithin(1e-12).of(2.2222222810910086);
  }

  @Test
  void recurrentKernel_isTheTransposedRecurrentWeight() throws Exception {
    float[] w;
    try (HdfFile h = new HdfFile(resource("braille_noDelay_bias_zero.nir"))) {
      w = (float[]) ((Dataset) h.getByPath("node/nodes/lif1.w_rec/weight")).getDataFlat();
    }
    float[] kernel =
        NirModels.load(resource("braille_noDelay_bias_zero.nir"))
            .layer("lif1.lif")
            .weights()
            .get(0);
    // NIR: input of unit 7 += w[7][3] * spike of unit 3; Keras: kernel[from 3][to 7].
    assertThat(kernel[3 * 38 + 7]).isEqualTo(w[7 * 38 + 3]);
  }

  @Test
  void lifFiles_constantsAsStored() {
    SpikingNeuron norse =
        (SpikingNeuron) NirModels.load(resource("lif_norse.nir")).layer("1").spec();
    assertThat(norse.kind()).isEqualTo(NeuronKind.LIF);
    assertThat(norse.constant("tau").at(0)).isWithin(1e-9).of(0.0025);
    assertThat(norse.constant("vThreshold").at(0)).isWithin(1e-7).of(0.1);
    Model rockpool = NirModels.load(resource("lif_rockpool.nir"));
    assertThat(rockpool.layer("0_LinearTorch").weights()).hasSize(1);
    assertThat(rockpool.applications(rockpool.layer("1_LIFNeuronTorch")).get(0).shape())
        .isEqualTo(Shape.of(1));
    SpikingNeuron two =
        (SpikingNeuron) NirModels.load(resource("two_lif_neurons.nir")).layer("lif1").spec();
    assertThat(two.constant("vLeak").at(0)).isEqualTo(1.2);
  }
}
