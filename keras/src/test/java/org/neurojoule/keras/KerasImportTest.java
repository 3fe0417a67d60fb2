package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neurojoule.ExampleData;
import org.neurojoule.KerasImportException;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/** The Keras importer on real Keras files (test resources, see keras/ATTRIBUTION.md). */
class KerasImportTest {
  @TempDir Path tmp;

  static Path resource(String name) {
    try {
      return Path.of(KerasImportTest.class.getResource("/keras/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /** Stored weight values per file, as SOURCES.md counted them from the files themselves. */
  @ParameterizedTest
  @CsvSource({
    "k2_2.1.3_seq_conv2d_bn_tiny.h5, 79, 7",
    "k2_2.1.3_seq_separableconv2d.h5, 156, 2",
    "tfk_2.5.0_seq_conv1d_leakyrelu_pool.h5, 6192, 22",
    "k3_3.9.2_seq_dense_leakyrelu_dropout.keras, 10786, 8",
    "arch_k2_2.1.5_two_input_add.json, 436, 6",
    "arch_k2_2.3.1_timedistributed_dense.json, 12, 2",
    "tfk_2.2.4_functional_depthwiseconv2d_pool_crop.h5, 60, 14",
    "tfk_2.2.4_functional_conv3d.h5, 764, 9",
    "k2_2.2.0_functional_12net_none_spatial_prelu_2outputs.h5, 6632, 10",
    "tfk_2.4.0_functional_embedding_conv1d.hdf5, 44, 7",
    "arch_k2_2.3.1_three_inputs_embedding_concat.json, 64, 8",
    "tfk_2.2.4_functional_conv1d.h5, 244, 2",
  })
  void supportedFixture_importsWithTheStoredParameterCount(String file, long values, int layers) {
    Model m = KerasModels.load(resource(file));

    assertThat(m.params().total()).isEqualTo(values);
    assertThat(m.layers()).hasSize(layers);
  }

  @ParameterizedTest
  @CsvSource({
    "tfk_2.2.4_functional_depthwiseconv2d_pool_crop.h5, 60, 14",
    "tfk_2.2.4_functional_conv3d.h5, 764, 9",
  })
  void unsupportedFixture_importsWithAllowUnknown_countingItsStoredValues(
      String file, long values, int layers) {
    Model m = KerasModels.load(resource(file), o -> o.allowUnknown(true));

    assertThat(m.params().total()).isEqualTo(values);
    assertThat(m.layers()).hasSize(layers);
  }

  /** Files not copied here (GPL or no visible licence): read from the shared folder if present. */
  @ParameterizedTest
  @CsvSource({
    "k3_3.10.0_legacy_seq_dense.h5, 2945",
    "k3_3.10.0_seq_cnn_fashion_mnist.keras, 121930",
    "k3_3.10.0_functional_dense_bn_dropout.keras, 10369",
  })
  void sharedFixture_importsWithTheStoredParameterCount(String file, long values) {
    Path shared = Path.of("../../shared/fixtures/keras").resolve(file);
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(shared), "no " + shared);

    Model m = KerasModels.load(shared);

    assertThat(m.params().total()).isEqualTo(values);
    assertThat(
            m.layers().stream()
                .allMatch(
                    l -> l.hasWeights() || !org.neurojoule.layer.WeightShapes.hasWeights(l.spec())))
        .isTrue();
  }

  @Test
  void unsupportedLayers_oneErrorListsThemAll() throws IOException {
    String lenet = Files.readString(resource("pair_tfk_2.2.4_lenet_mnist.json"));
    Path file = tmp.resolve("custom.json");
    Files.writeString(
        file,
        lenet
            .replaceFirst("\"class_name\": \"MaxPooling2D\"", "\"class_name\": \"Lambda\"")
            .replaceFirst("\"class_name\": \"Flatten\"", "\"class_name\": \"MyProject>Squash\""));

    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(file));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            file
                + ": 2 layers have no NeuroJoule equivalent:"
                + " 'max_pooling2d' (Lambda), 'flatten' (Squash); pass allowUnknown"
                + " (--allow-unknown) to count them as zero-cost layers");
  }

  @Test
  void allowUnknown_zeroCostLayerWarnsAsTheReference() {
    Model m =
        KerasModels.load(resource("tfk_2.2.4_functional_conv3d.h5"), o -> o.allowUnknown(true));

    ModelEnergy energy = m.energy(e -> e.accounting(Accounting.KERAS_SPIKING));
    assertThat(m.layer("cropping3d_8").type()).isEqualTo("Cropping3D");
    assertThat(energy.warnings()).contains("Cannot compute stats for layer of type 'Cropping3D'");
  }

  @Test
  void lenetPair_summaryEqualsTheSameNetworkDeclaredFluently() {
    Model imported =
        KerasModels.load(
            resource("pair_tfk_2.2.4_lenet_mnist.json"),
            resource("pair_tfk_2.2.4_lenet_mnist_weights.h5"));
    Model fluent =
        Model.of(
            Model.input(new int[] {28, 28, 1}, i -> i.name("conv2d_input"))
                .conv2d(
                    32, 3, c -> c.padding(Padding.SAME).activation(Activation.RELU).name("conv2d"))
                .maxPooling2d(2, p -> p.strides(2).padding(Padding.SAME).name("max_pooling2d"))
                .conv2d(
                    64,
                    3,
                    c -> c.padding(Padding.SAME).activation(Activation.RELU).name("conv2d_1"))
                .maxPooling2d(2, p -> p.strides(2).padding(Padding.SAME).name("max_pooling2d_1"))
                .flatten(f -> f.name("flatten"))
                .dense(256, d -> d.activation(Activation.RELU).name("dense"))
                .dense(84, d -> d.activation(Activation.RELU).name("dense_1"))
                .dense(10, d -> d.name("dense_2")));

    assertThat(imported.summaryString()).isEqualTo(fluent.summaryString());
    assertThat(imported.energy().summaryString(o -> o))
        .isEqualTo(fluent.energy().summaryString(o -> o));
    assertThat(imported.layerNames())
        .containsExactly(
            "conv2d_input",
            "conv2d",
            "max_pooling2d",
            "conv2d_1",
            "max_pooling2d_1",
            "flatten",
            "dense",
            "dense_1",
            "dense_2")
        .inOrder();
    assertThat(imported.layer("dense_2").hasWeights()).isTrue();
  }

  @Test
  void vgg16_parametersAndCompleteConnectionsEqualTheFluentNetwork() {
    Model imported = KerasModels.load(resource("arch_tfk_2.2.4_vgg16.json"));
    Tensor x = Model.input(new int[] {224, 224, 3}, i -> i.name("input_1"));
    int[][] blocks = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
    for (int[] b : blocks) {
      for (int i = 0; i < b[1]; i++) {
        x = x.conv2d(b[0], 3, c -> c.padding(Padding.SAME).activation(Activation.RELU));
      }
      x = x.maxPooling2d(2);
    }
    Model fluent =
        Model.of(
            x.flatten()
                .dense(4096, d -> d.activation(Activation.RELU))
                .dense(4096, d -> d.activation(Activation.RELU))
                .dense(1000, d -> d.activation(Activation.SOFTMAX)));

    assertThat(imported.params().total()).isEqualTo(138_357_544L);
    long importedConn =
        connections(imported.energy(e -> e.accounting(Accounting.COMPLETE)), imported);
    long fluentConn = connections(fluent.energy(e -> e.accounting(Accounting.COMPLETE)), fluent);
    assertThat(importedConn).isEqualTo(fluentConn);
    assertThat(Math.abs(importedConn - 15.5e9) / 15.5e9).isLessThan(0.02);
  }

  /** MobileNet v1 1.0-224 (Howard et al. 2017): 4,253,864 parameters, 569 M multiply-adds. */
  @Test
  void mobileNetV1_parametersAndCompleteConnectionsEqualTheFluentNetwork() {
    Model imported = KerasModels.load(resource("arch_tfk_2.2.4_mobilenet_v1_1.0_224.json"));
    UnaryOperator<Tensor> bnRelu6 = t -> t.batchNormalization().relu(r -> r.maxValue(6));
    Tensor x =
        Model.input(224, 224, 3)
            .zeroPadding2d(0, 1, 0, 1)
            .conv2d(32, 3, c -> c.strides(2).useBias(false));
    x = bnRelu6.apply(x);
    int[][] blocks = {
      {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2}, {512, 1}, {512, 1}, {512, 1},
      {512, 1}, {512, 1}, {1024, 2}, {1024, 1}
    };
    for (int[] b : blocks) {
      int stride = b[1];
      if (stride == 2) {
        x = x.zeroPadding2d(0, 1, 0, 1);
      }
      x =
          bnRelu6.apply(
              x.depthwiseConv2d(
                  3,
                  c ->
                      c.strides(stride)
                          .padding(stride == 2 ? Padding.VALID : Padding.SAME)
                          .useBias(false)));
      x = bnRelu6.apply(x.conv2d(b[0], 1, c -> c.padding(Padding.SAME).useBias(false)));
    }
    Model fluent =
        Model.of(
            x.globalAveragePooling2d()
                .reshape(1, 1, 1024)
                .dropout(0.001)
                .conv2d(1000, 1, c -> c.padding(Padding.SAME))
                .reshape(1000)
                .activation(Activation.SOFTMAX));

    assertThat(imported.params().total()).isEqualTo(4_253_864L);
    assertThat(fluent.params().total()).isEqualTo(4_253_864L);
    long importedConn = connections(imported.energy(), imported);
    assertThat(importedConn).isEqualTo(connections(fluent.energy(), fluent));
    assertThat(Math.abs(importedConn - 569e6) / 569e6).isLessThan(0.02);
  }

  /** ResNet-50 (He et al. 2016): 25,636,712 parameters, 3.86 G multiply-adds counted exactly. */
  @Test
  void resNet50_parametersAndCompleteConnectionsEqualTheFluentNetwork() {
    Model imported = KerasModels.load(resource("arch_tfk_2.2.4_resnet50.json"));
    Tensor x =
        Model.input(224, 224, 3)
            .zeroPadding2d(3)
            .conv2d(64, 7, c -> c.strides(2))
            .batchNormalization()
            .activation(Activation.RELU)
            .zeroPadding2d(1)
            .maxPooling2d(3, p -> p.strides(2));
    int[][] stages = {{64, 3, 1}, {128, 4, 2}, {256, 6, 2}, {512, 3, 2}};
    for (int[] stage : stages) {
      int filters = stage[0];
      for (int block = 0; block < stage[1]; block++) {
        int stride = block == 0 ? stage[2] : 1;
        Tensor shortcut =
            block == 0 ? x.conv2d(4 * filters, 1, c -> c.strides(stride)).batchNormalization() : x;
        Tensor y =
            x.conv2d(filters, 1, c -> c.strides(stride))
                .batchNormalization()
                .activation(Activation.RELU)
                .conv2d(filters, 3, c -> c.padding(Padding.SAME))
                .batchNormalization()
                .activation(Activation.RELU)
                .conv2d(4 * filters, 1)
                .batchNormalization();
        x = Tensor.add(shortcut, y).activation(Activation.RELU);
      }
    }
    Model fluent =
        Model.of(x.globalAveragePooling2d().dense(1000, d -> d.activation(Activation.SOFTMAX)));

    assertThat(imported.params().total()).isEqualTo(25_636_712L);
    assertThat(fluent.params().total()).isEqualTo(25_636_712L);
    long importedConn = connections(imported.energy(), imported);
    assertThat(importedConn).isEqualTo(connections(fluent.energy(), fluent));
    assertThat(Math.abs(importedConn - 3.86e9) / 3.86e9).isLessThan(0.02);
  }

  private static long connections(ModelEnergy energy, Model model) {
    return model.layerNames().stream().mapToLong(n -> energy.layerStats(n).connections()).sum();
  }

  /** A naive float64 forward pass of the Keras 3 MLP with its stored weights. */
  @Test
  void firingRates_equalANaiveForwardPassWithTheStoredWeights() {
    Model m = KerasModels.load(resource("k3_3.9.2_seq_dense_leakyrelu_dropout.keras"));
    int batch = 3;
    float[] data = new float[batch * 2];
    Random r = new Random(7);
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) r.nextGaussian();
    }
    Map<String, Double> rates =
        m.energy(e -> e.exampleData(ExampleData.of(data, batch, 2))).rates();

    double[][] x = new double[batch][2];
    for (int b = 0; b < batch; b++) {
      x[b][0] = data[2 * b];
      x[b][1] = data[2 * b + 1];
    }
    assertThat(rates.get("input_layer")).isWithin(1e-5 * meanAbs(x)).of(meanAbs(x));
    String[] order = {
      "dense", "dropout", "dense_1", "leaky_re_lu", "dense_2", "leaky_re_lu_1", "dense_3"
    };
    for (String name : order) {
      double expected = meanAbs(x);
      assertThat(rates.get(name)).isWithin(1e-5 * expected).of(expected);
      Layer layer = m.layer(name);
      if (name.startsWith("dense")) {
        x = dense(x, layer.weights().get(0), layer.weights().get(1), name.equals("dense"));
      } else if (name.startsWith("leaky")) {
        for (double[] row : x) {
          for (int i = 0; i < row.length; i++) {
            row[i] = row[i] >= 0 ? row[i] : 0.2 * row[i];
          }
        }
      }
    }
  }

  private static double[][] dense(double[][] x, float[] kernel, float[] bias, boolean relu) {
    int units = bias.length;
    int in = x[0].length;
    double[][] y = new double[x.length][units];
    for (int b = 0; b < x.length; b++) {
      for (int u = 0; u < units; u++) {
        double s = bias[u];
        for (int i = 0; i < in; i++) {
          s += x[b][i] * kernel[i * units + u];
        }
        y[b][u] = relu ? Math.max(0, s) : s;
      }
    }
    return y;
  }

  private static double meanAbs(double[][] x) {
    double s = 0;
    int n = 0;
    for (double[] row : x) {
      for (double v : row) {
        s += Math.abs(v);
        n++;
      }
    }
    return s / n;
  }

  // ---- malformed input

  private KerasImportException failure(Path file) {
    return assertThrows(KerasImportException.class, () -> KerasModels.load(file));
  }

  @Test
  void missingFile_emptyFile_directory() throws IOException {
    Path missing = tmp.resolve("nope.h5");
    Path empty = Files.createFile(tmp.resolve("empty.h5"));

    assertThat(failure(missing)).hasMessageThat().isEqualTo(missing + ": no such file");
    assertThat(failure(empty)).hasMessageThat().isEqualTo(empty + ": the file is empty");
    assertThat(failure(tmp)).hasMessageThat().isEqualTo(tmp + ": is a directory, not a Keras file");
  }

  @Test
  void wrongMagicNumber() throws IOException {
    Path f = tmp.resolve("model.h5");
    Files.write(f, new byte[] {(byte) 0x89, 'X', 'D', 'F', 1, 2, 3, 4, 5});

    assertThat(failure(f))
        .hasMessageThat()
        .isEqualTo(
            f
                + ": not a Keras file: it starts with"
                + " neither the HDF5 signature, a zip header nor a JSON object (first bytes"
                + " 89 58 44 46 01 02 03 04)");
  }

  @Test
  void truncatedH5_isAClearError() throws IOException {
    byte[] all = Files.readAllBytes(resource("k2_2.1.3_seq_conv2d_bn_tiny.h5"));
    Path f = tmp.resolve("truncated.h5");
    Files.write(f, java.util.Arrays.copyOf(all, all.length / 3));

    assertThat(failure(f)).hasMessageThat().startsWith(f + ": ");
  }

  @Test
  void zipWithoutConfigJson() throws IOException {
    Path f = tmp.resolve("model.keras");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
      z.putNextEntry(new ZipEntry("metadata.json"));
      z.write("{}".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }

    assertThat(failure(f))
        .hasMessageThat()
        .isEqualTo(f + ": the .keras archive has no config.json");
  }

  @Test
  void zipBomb_stopsAtTheLimitQuickly() throws IOException {
    Path f = tmp.resolve("bomb.keras");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
      z.setLevel(9);
      z.putNextEntry(new ZipEntry("config.json"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        z.write(zeros); // 64 MB of zeros compress to about 64 KB
      }
      z.closeEntry();
    }
    long size = Files.size(f);

    long start = System.nanoTime();
    assertThat(failure(f))
        .hasMessageThat()
        .isEqualTo(
            f
                + ": zip entry 'config.json' expands to"
                + " more than "
                + size * KerasArchive.MAX_RATIO
                + " bytes (200 times the archive, at most "
                + KerasArchive.MAX_ENTRY_BYTES
                + "): refusing a possible zip bomb");
    assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
  }

  @Test
  void jsonMissingAndMistypedFields() throws IOException {
    String lenet = Files.readString(resource("pair_tfk_2.2.4_lenet_mnist.json"));
    Path missing = tmp.resolve("missing.json");
    Files.writeString(missing, lenet.replaceFirst("\"units\": 256,", ""));
    Path mistyped = tmp.resolve("mistyped.json");
    Files.writeString(mistyped, lenet.replaceFirst("\"units\": 256", "\"units\": \"many\""));
    Path noConfig = tmp.resolve("noconfig.json");
    Files.writeString(noConfig, "{\"class_name\": \"Sequential\"}");
    Path broken = tmp.resolve("broken.json");
    Files.writeString(broken, "{\"class_name\": ");

    assertThat(failure(missing))
        .hasMessageThat()
        .isEqualTo(missing + ": layer 'dense' (Dense): field 'units' is missing");
    assertThat(failure(mistyped))
        .hasMessageThat()
        .isEqualTo(
            mistyped
                + ": layer 'dense' (Dense): field 'units' must be a positive integer, was \"many\"");
    assertThat(failure(noConfig))
        .hasMessageThat()
        .isEqualTo(noConfig + ": the model: field 'config' is missing");
    assertThat(failure(broken)).hasMessageThat().startsWith(broken + ": not valid JSON (");
  }

  @Test
  void unknownActivation_namesLayerAndValue() throws IOException {
    String lenet = Files.readString(resource("pair_tfk_2.2.4_lenet_mnist.json"));
    Path f = tmp.resolve("act.json");
    Files.writeString(
        f, lenet.replaceFirst("\"activation\": \"relu\"", "\"activation\": \"mish\""));

    assertThat(failure(f))
        .hasMessageThat()
        .startsWith(
            f
                + ": layer 'conv2d' (Conv2D): field"
                + " 'activation': unknown activation 'mish'; NeuroJoule knows linear, relu,");
  }

  @Test
  void weightOfTheWrongShape_namesLayerDatasetAndBothShapes() throws IOException {
    String lenet = Files.readString(resource("pair_tfk_2.2.4_lenet_mnist.json"));
    Path arch = tmp.resolve("lenet.json");
    Files.writeString(arch, lenet.replaceFirst("\"units\": 84", "\"units\": 80"));
    Path weights = resource("pair_tfk_2.2.4_lenet_mnist_weights.h5");

    KerasImportException e =
        assertThrows(KerasImportException.class, () -> KerasModels.load(arch, weights));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            weights
                + ": layer 'dense_1' (Dense): dataset"
                + " '/dense_1/dense_1/kernel:0' has shape (256, 84), the layer's kernel needs (256, 80)");
  }

  @Test
  void weightsOnlyFileAlone_saysItNeedsItsArchitecture() {
    Path weights = resource("pair_tfk_2.2.4_lenet_mnist_weights.h5");

    assertThat(failure(weights))
        .hasMessageThat()
        .isEqualTo(
            weights
                + ": a weights-only file"
                + " (save_weights) has no architecture; load it together with its model.to_json() file");
  }

  @Test
  void datasetDeclaringAnAbsurdSize_isRefusedBeforeReading() throws IOException {
    // The first one-dimensional weight, (1,), has its dimension patched to 2^31 - 1.
    byte[] all = Files.readAllBytes(resource("k2_2.1.3_seq_conv2d_bn_tiny.h5"));
    int patched = DataspacePatch.patchFirstOneDimensional(all, 1, Integer.MAX_VALUE);
    assertThat(patched).isAtLeast(1);
    Path f = tmp.resolve("absurd.h5");
    Files.write(f, all);

    KerasImportException e = failure(f);
    assertThat(e).hasMessageThat().contains(f + ": ");
    assertThat(e).hasMessageThat().contains("declares 2147483647 values");
  }

  @Test
  void channelsFirst_importsAsTheSameModelChannelsLast() throws IOException {
    // Every layer channels_first and the input (1, 28, 28): with one channel the data is the same
    // array, and Flatten(channels_first) flattens as the channels_last original does.
    String lenet = Files.readString(resource("pair_tfk_2.2.4_lenet_mnist.json"));
    Path f = tmp.resolve("cf.json");
    Files.writeString(
        f,
        lenet
            .replace("channels_last", "channels_first")
            .replaceFirst(
                "\"batch_input_shape\": \\[\\s*null,\\s*28,\\s*28,\\s*1\\s*\\]",
                "\"batch_input_shape\": [null, 1, 28, 28]"));
    Path weights = resource("pair_tfk_2.2.4_lenet_mnist_weights.h5");
    Model last = KerasModels.load(resource("pair_tfk_2.2.4_lenet_mnist.json"), weights);
    Model first = KerasModels.load(f, weights);

    assertThat(first.inputs().get(0).shape().toKerasString()).isEqualTo("(None, 1, 28, 28)");
    assertThat(first.params()).isEqualTo(last.params());
    float[] x = new float[2 * 28 * 28];
    Random r = new Random(4);
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat();
    }
    float[] want = last.predict(ExampleData.of(x, 2, 28, 28, 1)).get(0).values();
    float[] got = first.predict(ExampleData.of(x, 2, 1, 28, 28)).get(0).values();
    assertThat(got).usingTolerance(1e-5).containsExactly(want).inOrder();
  }

  @Test
  void weightsOnlyByPosition_whenNamesDiffer() {
    Model m =
        KerasModels.load(
            resource("pair_tfk_2.4.0_lstm3.json"),
            resource("pair_tfk_2.4.0_lstm3_weights.h5"),
            o -> o.allowUnknown(true));

    assertThat(m.params().total()).isEqualTo(95_849L);
    assertThat(m.layer("dense_1").hasWeights()).isTrue();
  }

  @Test
  void sharedAndNestedModels_inlineAndReuseLayers() throws IOException {
    String inner =
        "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"block\", \"layers\":"
            + " [{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 4,"
            + " \"batch_input_shape\": [null, 4]}}]}, \"name\": \"block\", \"inbound_nodes\":"
            + " [[[\"x\", 0, 0, {}]], [[\"block\", 1, 0, {}]]]}";
    String json =
        "{\"class_name\": \"Functional\", \"config\": {\"name\": \"m\", \"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"name\": \"x\", \"config\": {\"name\": \"x\","
            + " \"batch_input_shape\": [null, 4]}, \"inbound_nodes\": []}, "
            + inner
            + "],"
            + " \"input_layers\": [[\"x\", 0, 0]], \"output_layers\": [[\"block\", 2, 0]]}}";
    Path f = tmp.resolve("nested.json");
    Files.writeString(f, json);

    Model m = KerasModels.load(f);

    assertThat(m.layerNames()).containsExactly("x", "d").inOrder();
    assertThat(m.applications(m.layer("d"))).hasSize(2);
    assertThat(m.params().total()).isEqualTo(20);
  }
}
