package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.keras.KerasImportTest.resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.KerasImportException;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/** Keras files with merges, RepeatVector and Rescaling (test resources, see ATTRIBUTION.md). */
class KerasWeightlessImportTest {
  private static final String SE_BLOCK = "k2_2.2.4_functional_se_block_multiply.h5";

  @TempDir Path tmp;

  @Test
  void seBlock_importsWithoutAllowUnknown_asTheFileDeclaresIt() {
    Model m = KerasModels.load(resource(SE_BLOCK));

    // 3*128*512 + 512, 4*512, 512*51 + 51, 51*512 + 512: the file's 251,955 stored values.
    assertThat(m.params().total()).isEqualTo(251_955L);
    assertThat(m.layerNames())
        .containsExactly(
            "input_12",
            "conv1d_11",
            "batch_normalization_5",
            "activation_5",
            "global_average_pooling1d_5",
            "dense_9",
            "dense_10",
            "repeat_vector_5",
            "multiply_5")
        .inOrder();
    assertThat(m.layer("repeat_vector_5").type()).isEqualTo("RepeatVector");
    assertThat(m.layer("multiply_5").type()).isEqualTo("Multiply");
    assertThat(shape(m, "repeat_vector_5")).isEqualTo("(None, 400, 512)");
    assertThat(shape(m, "multiply_5")).isEqualTo("(None, 400, 512)");
    assertThat(
            m.layers().stream()
                .allMatch(
                    l -> l.hasWeights() || !org.neurojoule.layer.WeightShapes.hasWeights(l.spec())))
        .isTrue();
  }

  @Test
  void seBlock_summaryEqualsTheSameNetworkDeclaredFluently() {
    Model imported = KerasModels.load(resource(SE_BLOCK));
    Tensor in = Model.input(new int[] {400, 128}, i -> i.name("input_12"));
    Tensor act =
        in.conv1d(512, 3, c -> c.padding(Padding.SAME).name("conv1d_11"))
            .batchNormalization(b -> b.name("batch_normalization_5"))
            .activation(Activation.RELU, a -> a.name("activation_5"));
    Tensor excite =
        act.globalAveragePooling1d(g -> g.name("global_average_pooling1d_5"))
            .dense(51, d -> d.activation(Activation.RELU).name("dense_9"))
            .dense(512, d -> d.activation(Activation.SIGMOID).name("dense_10"))
            .repeatVector(400, r -> r.name("repeat_vector_5"));
    Model fluent = Model.of(Tensor.multiply(List.of(act, excite), x -> x.name("multiply_5")));

    assertThat(imported.summaryString()).isEqualTo(fluent.summaryString());
    for (Accounting a : Accounting.values()) {
      assertThat(imported.energy(e -> e.accounting(a)).summaryString(o -> o.lineLength(120)))
          .isEqualTo(fluent.energy(e -> e.accounting(a)).summaryString(o -> o.lineLength(120)));
    }
    ModelEnergy complete = imported.energy(e -> e.accounting(Accounting.COMPLETE));
    assertThat(complete.layerStats("multiply_5").connections()).isEqualTo(400L * 512);
    assertThat(complete.layerStats("repeat_vector_5").connections()).isEqualTo(0);
    ModelEnergy reference = imported.energy(e -> e.accounting(Accounting.KERAS_SPIKING));
    assertThat(reference.layerStats("multiply_5").connections()).isEqualTo(0);
    assertThat(reference.warnings())
        .containsAtLeast(
            "Cannot compute stats for layer of type 'RepeatVector'",
            "Cannot compute stats for layer of type 'Multiply'");
  }

  /** A naive float64 forward pass of the squeeze-and-excite block with its stored weights. */
  @Test
  void seBlock_firingRatesEqualANaiveForwardPassWithTheStoredWeights() {
    Model m = KerasModels.load(resource(SE_BLOCK));
    int steps = 400;
    int cin = 128;
    float[] data = new float[steps * cin];
    Random r = new Random(11);
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) r.nextGaussian();
    }
    Map<String, Double> rates =
        m.energy(e -> e.exampleData(ExampleData.of(data, 1, steps, cin))).rates();

    double[][] x = new double[steps][cin];
    for (int t = 0; t < steps; t++) {
      for (int c = 0; c < cin; c++) {
        x[t][c] = data[t * cin + c];
      }
    }
    double[][] conv = conv1dSame(x, m.layer("conv1d_11").weights());
    double[][] act = batchNormRelu(conv, m.layer("batch_normalization_5"));
    double[] pooled = new double[512];
    for (double[] row : act) {
      for (int c = 0; c < 512; c++) {
        pooled[c] += row[c] / steps;
      }
    }
    double[] squeezed = dense(pooled, m.layer("dense_9").weights(), false);
    double[] excite = dense(squeezed, m.layer("dense_10").weights(), true);

    assertRate(rates, "conv1d_11", meanAbs(x));
    assertRate(rates, "batch_normalization_5", meanAbs(conv));
    assertRate(rates, "global_average_pooling1d_5", meanAbs(act));
    assertRate(rates, "dense_9", meanAbs(new double[][] {pooled}));
    assertRate(rates, "dense_10", meanAbs(new double[][] {squeezed}));
    assertRate(rates, "repeat_vector_5", meanAbs(new double[][] {excite}));
    // Multiply's inputs together: the activations and the 400 repeats of the excitation.
    double repeated = meanAbs(new double[][] {excite});
    assertRate(rates, "multiply_5", (meanAbs(act) + repeated) / 2);
  }

  @Test
  void lambdaLayer_isListedAsLackingAnEquivalent() throws IOException {
    Path file = sequential("Lambda", LAMBDA);

    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(file));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            file
                + ": 1 layer has no NeuroJoule equivalent:"
                + " 'lam' (Lambda); pass allowUnknown (--allow-unknown) to count it as a zero-cost layer");
  }

  @Test
  void lambdaLayer_withAllowUnknown_isAZeroCostLayerKeepingItsInputShape() throws IOException {
    Model m = KerasModels.load(sequential("Lambda", LAMBDA), o -> o.allowUnknown(true));

    assertThat(m.layer("lam").type()).isEqualTo("Lambda");
    assertThat(shape(m, "lam")).isEqualTo("(None, 3, 4)");
    assertThat(m.params().total()).isEqualTo(0);
  }

  /** A Keras 2 Lambda: Python bytecode, which NeuroJoule cannot run. */
  static final String LAMBDA =
      "{\"name\": \"lam\", \"trainable\": true, \"dtype\":"
          + " \"float32\", \"function\": [\"4wEAAAAAAAAAAQAAAAIAAABDAAAAcwgAAAB8AGQBFABTACkCTukC\","
          + " null, null], \"function_type\": \"lambda\", \"module\": \"__main__\","
          + " \"output_shape\": null, \"output_shape_type\": \"raw\", \"arguments\": {}}";

  /**
   * Keras Applications' EfficientNetB0 has 5,330,571 parameters, 7 of them Normalization's (mean
   * and variance of 3 channels, and a count, non-trainable).
   */
  @Test
  void efficientNetB0_importsWithKerasApplicationsParameters() {
    Model m = KerasModels.load(resource("arch_tfk_2.5.0_efficientnetb0.json"));

    assertThat(m.params().total()).isEqualTo(5_330_571L);
    assertThat(m.layer("normalization").type()).isEqualTo("Normalization");
    assertThat(m.layer("normalization").spec())
        .isEqualTo(org.neurojoule.layer.Normalization.of().axis(3).name("normalization"));
    assertThat(
            m.layer("normalization")
                .spec()
                .params(List.of(org.neurojoule.shape.Shape.of(224, 224, 3))))
        .isEqualTo(new org.neurojoule.layer.ParamCount(0, 7));
    assertThat(shape(m, "normalization")).isEqualTo("(None, 224, 224, 3)");
    assertThat(m.layer("rescaling").type()).isEqualTo("Rescaling");
    assertThat(m.layer("block1a_se_excite").type()).isEqualTo("Multiply");
    assertThat(shape(m, "block1a_se_excite")).isEqualTo("(None, 112, 112, 32)");
    assertThat(shape(m, "top_activation")).isEqualTo("(None, 7, 7, 1280)");
  }

  /**
   * EfficientNet-B0: 0.39 G FLOPs, which are multiply-adds (Tan & Le 2019, Table 2); Normalization
   * and Rescaling count 0 (folded), squeeze-and-excitation multiplies count one per element.
   */
  @Test
  void efficientNetB0_completeConnections_within2PercentOfThePublishedMultiplyAdds() {
    ModelEnergy e =
        KerasModels.load(resource("arch_tfk_2.5.0_efficientnetb0.json"))
            .energy(o -> o.accounting(Accounting.COMPLETE));

    long connections =
        e.model().layerNames().stream().mapToLong(n -> e.layerStats(n).connections()).sum();
    assertThat(e.layerStats("normalization").connections()).isEqualTo(0);
    assertThat(e.layerStats("normalization").neurons()).isEqualTo(0);
    assertThat(connections).isEqualTo(390_490_528L);
    assertThat(Math.abs(connections - 0.39e9) / 0.39e9).isLessThan(0.02);
    assertThat(
            KerasModels.load(resource("arch_tfk_2.5.0_efficientnetb0.json"))
                .energy(o -> o.accounting(Accounting.KERAS_SPIKING))
                .warnings())
        .contains("Cannot compute stats for layer of type 'Normalization'");
  }

  @Test
  void sequentialJson_mapsEveryWeightlessClassWithItsConfig() throws IOException {
    Path f =
        sequential(
            "Permute",
            "{\"name\": \"p\", \"dims\": [2, 1]}",
            "ELU",
            "{\"name\": \"e\", \"alpha\": 0.5}",
            "Softmax",
            "{\"name\": \"s\", \"axis\": -1}",
            "Rescaling",
            "{\"name\": \"r\", \"scale\": 0.5, \"offset\": 1.0}");

    Model m = KerasModels.load(f);

    assertThat(m.layer("p").spec()).isEqualTo(org.neurojoule.layer.Permute.of(2, 1).name("p"));
    assertThat(m.layer("e").spec()).isEqualTo(org.neurojoule.layer.ELU.of().alpha(0.5).name("e"));
    assertThat(m.layer("s").spec()).isEqualTo(org.neurojoule.layer.Softmax.of().name("s"));
    assertThat(m.layer("r").spec())
        .isEqualTo(org.neurojoule.layer.Rescaling.of(0.5).offset(1).name("r"));
    assertThat(shape(m, "p")).isEqualTo("(None, 4, 3)");
  }

  @Test
  void badPermuteDims_isAnErrorNamingTheLayerAndValue() throws IOException {
    Path f = sequential("Permute", "{\"name\": \"swap\", \"dims\": [1, 1]}");

    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(f));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            f
                + ": layer 'swap' (Permute): [NnInvalidArgument]"
                + " dims must be a permutation of 1..2 (the batch axis 0 cannot move), was [1, 1]");
  }

  /** A Sequential model.to_json() of an input (3, 4) and the given (class, config) layers. */
  private Path sequential(String... classAndConfig) throws IOException {
    StringBuilder layers =
        new StringBuilder(
            "{\"class_name\": \"InputLayer\", \"config\":"
                + " {\"name\": \"in\", \"batch_input_shape\": [null, 3, 4]}}");
    for (int i = 0; i < classAndConfig.length; i += 2) {
      String cls = classAndConfig[i];
      layers
          .append(", {\"class_name\": \"")
          .append(cls)
          .append("\", \"config\": ")
          .append(classAndConfig[i + 1])
          .append('}');
    }
    Path f = tmp.resolve("model.json");
    Files.writeString(
        f,
        "{\"class_name\": \"Sequential\", \"config\": {\"name\":"
            + " \"seq\", \"layers\": ["
            + layers
            + "]}, \"keras_version\": \"2.2.4\"}");
    return f;
  }

  private static String shape(Model m, String layer) {
    return m.applications(m.layer(layer)).get(0).shape().toKerasString();
  }

  private static void assertRate(Map<String, Double> rates, String layer, double expected) {
    assertWithMessage(layer).that(rates.get(layer)).isWithin(1e-4 * expected).of(expected);
  }

  private static double[][] conv1dSame(double[][] x, List<float[]> w) {
    float[] kernel = w.get(0);
    float[] bias = w.get(1);
    int steps = x.length;
    int cin = x[0].length;
    int f = bias.length;
    double[][] y = new double[steps][f];
    for (int t = 0; t < steps; t++) {
      for (int o = 0; o < f; o++) {
        double s = bias[o];
        for (int k = 0; k < 3; k++) {
          int at = t + k - 1;
          if (at >= 0 && at < steps) {
            for (int c = 0; c < cin; c++) {
              s += x[at][c] * kernel[(k * cin + c) * f + o];
            }
          }
        }
        y[t][o] = s;
      }
    }
    return y;
  }

  private static double[][] batchNormRelu(double[][] x, Layer bn) {
    List<float[]> w = bn.weights();
    double eps = ((org.neurojoule.layer.BatchNormalization) bn.spec()).epsilon();
    double[][] y = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      y[t] = new double[x[t].length];
      for (int c = 0; c < x[t].length; c++) {
        double v =
            (x[t][c] - w.get(2)[c]) / Math.sqrt(w.get(3)[c] + eps) * w.get(0)[c] + w.get(1)[c];
        y[t][c] = Math.max(0, v);
      }
    }
    return y;
  }

  private static double[] dense(double[] x, List<float[]> w, boolean sigmoid) {
    float[] kernel = w.get(0);
    float[] bias = w.get(1);
    double[] y = new double[bias.length];
    for (int u = 0; u < y.length; u++) {
      double s = bias[u];
      for (int i = 0; i < x.length; i++) {
        s += x[i] * kernel[i * y.length + u];
      }
      y[u] = sigmoid ? 1 / (1 + Math.exp(-s)) : Math.max(0, s);
    }
    return y;
  }

  private static double meanAbs(double[][] x) {
    double s = 0;
    long n = 0;
    for (double[] row : x) {
      for (double v : row) {
        s += Math.abs(v);
        n++;
      }
    }
    return s / n;
  }
}
