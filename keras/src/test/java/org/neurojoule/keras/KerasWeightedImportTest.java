package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.KerasImportException;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.layer.Accounting;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/** Importing PReLU, Embedding, LayerNormalization and the transposed convolutions. */
class KerasWeightedImportTest {
  @TempDir Path tmp;

  private static Path resource(String name) {
    return KerasImportTest.resource(name);
  }

  private static Shape outputShape(Model m, String layer) {
    return m.applications(m.layer(layer)).get(0).shape();
  }

  /** 12net: its PReLUs share the spatial axes, which are undefined: one slope per channel. */
  @Test
  void twelveNet_importsWithoutAllowUnknown_paramsEqualTheStoredValues() {
    Model m =
        KerasModels.load(resource("k2_2.2.0_functional_12net_none_spatial_prelu_2outputs.h5"));

    assertThat(m.params().total()).isEqualTo(6632);
    assertThat(m.layerNames())
        .containsExactly(
            "input_2",
            "conv1",
            "PReLU1",
            "max_pooling2d_2",
            "conv2",
            "PReLU2",
            "conv3",
            "PReLU3",
            "conv4-1",
            "conv4-2")
        .inOrder();
    assertThat(m.layer("PReLU1").type()).isEqualTo("PReLU");
    assertThat(m.params(m.layer("PReLU1")).total()).isEqualTo(10);
    assertThat(m.layer("PReLU3").weights().get(0)).hasLength(32);
    assertThat(outputShape(m, "PReLU2")).isEqualTo(Shape.of(Shape.NONE, Shape.NONE, 16));
    assertThat(outputShape(m, "conv4-2")).isEqualTo(Shape.of(Shape.NONE, Shape.NONE, 4));
  }

  @Test
  void twelveNet_statisticsNeedTheUndefinedSpatialSize() {
    Model m =
        KerasModels.load(resource("k2_2.2.0_functional_12net_none_spatial_prelu_2outputs.h5"));

    ShapeException e = assertThrows(ShapeException.class, m::energy);
    assertThat(e).hasMessageThat().contains("undefined dimension other than a leading time axis");
  }

  @Test
  void embeddingConv1d_shapesAndParamsAsItsConfig() {
    Model m = KerasModels.load(resource("tfk_2.4.0_functional_embedding_conv1d.hdf5"));

    assertThat(m.params().total()).isEqualTo(44);
    assertThat(m.layerNames())
        .containsExactly(
            "input_1", "embedding", "conv1d", "max_pooling1d", "flatten", "dropout", "dense")
        .inOrder();
    assertThat(m.params(m.layer("embedding")).total()).isEqualTo(15);
    assertThat(outputShape(m, "embedding")).isEqualTo(Shape.of(6, 3));
    assertThat(outputShape(m, "conv1d")).isEqualTo(Shape.of(5, 3));
    assertThat(outputShape(m, "max_pooling1d")).isEqualTo(Shape.of(1, 3));
    assertThat(outputShape(m, "dense")).isEqualTo(Shape.of(2));
    ModelEnergy complete = m.energy();
    assertThat(complete.layerStats("embedding").connections()).isEqualTo(0);
    assertThat(complete.layerStats("embedding").neurons()).isEqualTo(0);
    assertThat(m.energy(e -> e.accounting(Accounting.KERAS_SPIKING)).warnings())
        .contains("Cannot compute stats for layer of type 'Embedding'");
  }

  @Test
  void threeInputs_embeddingWithUndefinedLength_reshapeAndConcatenate() {
    Model m = KerasModels.load(resource("arch_k2_2.3.1_three_inputs_embedding_concat.json"));

    assertThat(m.params().total()).isEqualTo(16 + 2 * 24);
    assertThat(m.params(m.layer("embedding_4")).total()).isEqualTo(24);
    assertThat(outputShape(m, "embedding_4")).isEqualTo(Shape.of(1, 3));
    assertThat(outputShape(m, "reshape_1")).isEqualTo(Shape.of(1, 8));
    assertThat(outputShape(m, "concatenate_1")).isEqualTo(Shape.of(1, 14));
    assertThat(m.layers()).hasSize(8);
  }

  /** Firing rates with the stored weights equal a naive float64 pass of the same network. */
  @Test
  void embeddingConv1d_firingRatesEqualANaiveForwardPass() {
    Model m = KerasModels.load(resource("tfk_2.4.0_functional_embedding_conv1d.hdf5"));
    int batch = 4;
    float[] ids = new float[batch * 6];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (i * 7 + 3) % 5;
    }

    Map<String, Double> rates = m.energy(e -> e.exampleData(ExampleData.of(ids, batch, 6))).rates();

    float[] table = m.layer("embedding").weights().get(0);
    float[] kernel = m.layer("conv1d").weights().get(0);
    float[] bias = m.layer("conv1d").weights().get(1);
    double[][][] emb = new double[batch][6][3];
    double[][][] conv = new double[batch][5][3];
    double[][] pooled = new double[batch][3];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < 6; t++) {
        for (int k = 0; k < 3; k++) {
          emb[b][t][k] = table[(int) ids[b * 6 + t] * 3 + k];
        }
      }
      for (int t = 0; t < 5; t++) {
        for (int f = 0; f < 3; f++) {
          double s = bias[f];
          for (int j = 0; j < 2; j++) {
            for (int c = 0; c < 3; c++) {
              s += emb[b][t + j][c] * kernel[(j * 3 + c) * 3 + f];
            }
          }
          conv[b][t][f] = Math.max(0, s);
        }
      }
      for (int f = 0; f < 3; f++) {
        double max = conv[b][0][f];
        for (int t = 1; t < 5; t++) {
          max = Math.max(max, conv[b][t][f]);
        }
        pooled[b][f] = max;
      }
    }
    double idRate = meanAbs(ids);
    assertThat(rates.get("input_1")).isWithin(1e-9).of(idRate);
    assertThat(rates.get("embedding")).isWithin(1e-9).of(idRate);
    assertThat(rates.get("conv1d")).isWithin(1e-6).of(meanAbs(emb));
    assertThat(rates.get("max_pooling1d")).isWithin(1e-6).of(meanAbs(conv));
    assertThat(rates.get("flatten")).isWithin(1e-6).of(meanAbs(new double[][][] {pooled}));
    assertThat(rates.get("dense")).isWithin(1e-6).of(meanAbs(new double[][][] {pooled}));
    assertThat(meanAbs(emb)).isGreaterThan(0.0);
  }

  /**
   * The 12net declared fluently on a defined 12x12 input, with the file's weights: firing rates
   * equal a naive float64 pass (convolutions, per-channel PReLU, max pooling).
   */
  @Test
  void twelveNetWithTheFilesWeights_firingRatesEqualANaiveForwardPass() {
    Model file =
        KerasModels.load(resource("k2_2.2.0_functional_12net_none_spatial_prelu_2outputs.h5"));
    org.neurojoule.Tensor x =
        Model.input(new int[] {12, 12, 3}, i -> i.name("input_2"))
            .conv2d(10, 3, c -> c.name("conv1"))
            .prelu(p -> p.sharedAxes(1, 2).name("PReLU1"))
            .maxPooling2d(2, p -> p.name("max_pooling2d_2"))
            .conv2d(16, 3, c -> c.name("conv2"))
            .prelu(p -> p.sharedAxes(1, 2).name("PReLU2"))
            .conv2d(32, 3, c -> c.name("conv3"))
            .prelu(p -> p.sharedAxes(1, 2).name("PReLU3"));
    Model m =
        Model.of(
            x.conv2d(
                2, 1, c -> c.name("conv4-1").activation(org.neurojoule.layer.Activation.SOFTMAX)),
            x.conv2d(4, 1, c -> c.name("conv4-2")));
    for (Layer l : file.layers()) {
      if (!l.weights().isEmpty()) {
        m.layer(file.nameOf(l)).setWeights(l.weights().toArray(float[][]::new));
      }
    }
    int batch = 2;
    float[] data = new float[batch * 12 * 12 * 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) Math.sin(0.37 * i + 0.2);
    }

    Map<String, Double> rates =
        m.energy(e -> e.exampleData(ExampleData.of(data, batch, 12, 12, 3))).rates();

    double[][][][] a = new double[batch][12][12][3];
    for (int i = 0; i < data.length; i++) {
      a[i / 432][i / 36 % 12][i / 3 % 12][i % 3] = data[i];
    }
    assertThat(rates.get("conv1")).isWithin(1e-9).of(meanAbs4(a));
    double[][][][] c1 = conv(a, m.layer("conv1"));
    assertThat(rates.get("PReLU1")).isWithin(1e-6 * meanAbs4(c1)).of(meanAbs4(c1));
    double[][][][] p1 = prelu(c1, m.layer("PReLU1"));
    assertThat(rates.get("max_pooling2d_2")).isWithin(1e-6 * meanAbs4(p1)).of(meanAbs4(p1));
    double[][][][] pooled = maxPool(p1);
    double[][][][] p2 = prelu(conv(pooled, m.layer("conv2")), m.layer("PReLU2"));
    assertThat(rates.get("conv3")).isWithin(1e-6 * meanAbs4(p2)).of(meanAbs4(p2));
    double[][][][] p3 = prelu(conv(p2, m.layer("conv3")), m.layer("PReLU3"));
    assertThat(rates.get("conv4-1")).isWithin(1e-6 * meanAbs4(p3)).of(meanAbs4(p3));
    assertThat(rates.get("conv4-2")).isWithin(1e-6 * meanAbs4(p3)).of(meanAbs4(p3));
    assertThat(file.params().total()).isEqualTo(m.params().total());
  }

  /** A valid 2D convolution, kernel (kh, kw, cin, f), plus bias. */
  private static double[][][][] conv(double[][][][] x, Layer layer) {
    float[] w = layer.weights().get(0);
    float[] bias = layer.weights().get(1);
    int f = bias.length;
    int cin = x[0][0][0].length;
    int k = (int) Math.round(Math.sqrt(w.length / (double) (cin * f)));
    int h = x[0].length - k + 1;
    int wd = x[0][0].length - k + 1;
    double[][][][] y = new double[x.length][h][wd][f];
    for (int b = 0; b < x.length; b++) {
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < wd; j++) {
          for (int o = 0; o < f; o++) {
            double s = bias[o];
            for (int di = 0; di < k; di++) {
              for (int dj = 0; dj < k; dj++) {
                for (int c = 0; c < cin; c++) {
                  s += x[b][i + di][j + dj][c] * w[((di * k + dj) * cin + c) * f + o];
                }
              }
            }
            y[b][i][j][o] = s;
          }
        }
      }
    }
    return y;
  }

  /** PReLU with one slope per channel (alpha (1, 1, c)). */
  private static double[][][][] prelu(double[][][][] x, Layer layer) {
    float[] alpha = layer.weights().get(0);
    double[][][][] y = new double[x.length][x[0].length][x[0][0].length][alpha.length];
    for (int b = 0; b < x.length; b++) {
      for (int i = 0; i < x[0].length; i++) {
        for (int j = 0; j < x[0][0].length; j++) {
          for (int c = 0; c < alpha.length; c++) {
            double v = x[b][i][j][c];
            y[b][i][j][c] = v >= 0 ? v : alpha[c] * v;
          }
        }
      }
    }
    return y;
  }

  private static double[][][][] maxPool(double[][][][] x) {
    int h = x[0].length / 2;
    int w = x[0][0].length / 2;
    int c = x[0][0][0].length;
    double[][][][] y = new double[x.length][h][w][c];
    for (int b = 0; b < x.length; b++) {
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < w; j++) {
          for (int k = 0; k < c; k++) {
            y[b][i][j][k] =
                Math.max(
                    Math.max(x[b][2 * i][2 * j][k], x[b][2 * i][2 * j + 1][k]),
                    Math.max(x[b][2 * i + 1][2 * j][k], x[b][2 * i + 1][2 * j + 1][k]));
          }
        }
      }
    }
    return y;
  }

  private static double meanAbs4(double[][][][] x) {
    double s = 0;
    long n = 0;
    for (double[][][] a : x) {
      for (double[][] b : a) {
        for (double[] row : b) {
          for (double v : row) {
            s += Math.abs(v);
            n++;
          }
        }
      }
    }
    return s / n;
  }

  @Test
  void embeddingIdOutOfRange_isAClearError() {
    Model m = KerasModels.load(resource("tfk_2.4.0_functional_embedding_conv1d.hdf5"));
    float[] ids = {0, 1, 2, 3, 4, 5};

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> m.energy(o -> o.exampleData(ExampleData.of(ids, 1, 6))).rates());

    assertThat(e).hasMessageThat().startsWith("layer 'embedding' (Embedding)");
    assertThat(e)
        .hasMessageThat()
        .contains(
            "example 0 holds 5.0 at index 5 of its ids; an"
                + " Embedding takes whole numbers from 0 to 4 (inputDim 5)");
  }

  private static final String TF_KERAS_2D =
      "{\"class_name\": \"Functional\", \"config\": {"
          + "\"name\": \"m\", \"layers\": ["
          + "{\"class_name\": \"InputLayer\", \"name\": \"x\", \"config\": {\"name\": \"x\","
          + " \"batch_input_shape\": [null, 4, 5, 2]}, \"inbound_nodes\": []},"
          + " {\"class_name\": \"Conv2DTranspose\", \"name\": \"up\", \"config\": {\"name\": \"up\","
          + " \"filters\": 3, \"kernel_size\": [3, 3], \"strides\": [2, 2], \"padding\": \"same\","
          + " \"output_padding\": OUTPUT_PADDING, \"data_format\": \"channels_last\","
          + " \"dilation_rate\": [1, 1], \"activation\": \"relu\", \"use_bias\": true},"
          + " \"inbound_nodes\": [[[\"x\", 0, 0, {}]]]},"
          + " {\"class_name\": \"LayerNormalization\", \"name\": \"ln\", \"config\": {\"name\":"
          + " \"ln\", \"axis\": [3], \"epsilon\": 0.001, \"center\": true, \"scale\": true},"
          + " \"inbound_nodes\": [[[\"up\", 0, 0, {}]]]},"
          + " {\"class_name\": \"PReLU\", \"name\": \"act\", \"config\": {\"name\": \"act\","
          + " \"shared_axes\": [1, 2]}, \"inbound_nodes\": [[[\"ln\", 0, 0, {}]]]}],"
          + " \"input_layers\": [[\"x\", 0, 0]], \"output_layers\": [[\"act\", 0, 0]]}}";

  @Test
  void tfKerasConfig_conv2dTransposeLayerNormalizationPrelu() throws IOException {
    Path f = tmp.resolve("up.json");
    Files.writeString(f, TF_KERAS_2D.replace("OUTPUT_PADDING", "null"));

    Model m = KerasModels.load(f);

    assertThat(m.layer("up").type()).isEqualTo("Conv2DTranspose");
    assertThat(outputShape(m, "up")).isEqualTo(Shape.of(8, 10, 3));
    assertThat(m.params(m.layer("up")).total()).isEqualTo(3 * 3 * 2 * 3 + 3);
    assertThat(m.params(m.layer("ln")).total()).isEqualTo(6);
    assertThat(m.params(m.layer("act")).total()).isEqualTo(3);
    ModelEnergy e = m.energy();
    assertThat(e.layerStats("up").connections()).isEqualTo(4 * 5 * 2 * 9 * 3);
    assertThat(e.layerStats("up").neurons()).isEqualTo(8 * 10 * 3);
    assertThat(e.layerStats("ln").neurons()).isEqualTo(8 * 10 * 3);
    assertThat(e.layerStats("act").neurons()).isEqualTo(8 * 10 * 3);
  }

  @Test
  void outputPaddingNotBelowTheStride_isRefusedNamingTheLayer() throws IOException {
    Path f = tmp.resolve("bad.json");
    Files.writeString(f, TF_KERAS_2D.replace("OUTPUT_PADDING", "[2, 1]"));

    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(f));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            f
                + ": layer 'up' (Conv2DTranspose): [NnInvalidArgument]"
                + " outputPadding must be >= 0 and below the stride, but axis 0 has outputPadding 2 and"
                + " stride 2");
  }

  @Test
  void keras3Config_embeddingLayerNormalizationConv1dTranspose() throws IOException {
    String json =
        "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 5],"
            + " \"name\": \"ids\"}},"
            + " {\"class_name\": \"Embedding\", \"config\": {\"name\": \"emb\", \"input_dim\": 10,"
            + " \"output_dim\": 4, \"mask_zero\": true}},"
            + " {\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"ln\", \"axis\": -1,"
            + " \"epsilon\": 1e-6, \"center\": false, \"scale\": true, \"rms_scaling\": false}},"
            + " {\"class_name\": \"Conv1DTranspose\", \"config\": {\"name\": \"up\", \"filters\": 2,"
            + " \"kernel_size\": [3], \"strides\": [2], \"padding\": \"valid\", \"output_padding\":"
            + " null, \"data_format\": \"channels_last\", \"dilation_rate\": [1], \"activation\":"
            + " \"linear\", \"use_bias\": false}}]}}";
    Path f = tmp.resolve("k3.json");
    Files.writeString(f, json);

    Model m = KerasModels.load(f);

    assertThat(outputShape(m, "emb")).isEqualTo(Shape.of(5, 4));
    assertThat(outputShape(m, "up")).isEqualTo(Shape.of(11, 2));
    assertThat(m.params().total()).isEqualTo(40 + 4 + 3 * 2 * 4);
    List<Layer> layers = m.layers();
    assertThat(layers.get(2).type()).isEqualTo("LayerNormalization");

    Path rms = tmp.resolve("rms.json");
    Files.writeString(rms, json.replace("\"rms_scaling\": false", "\"rms_scaling\": true"));
    assertThat(assertThrows(KerasImportException.class, () -> KerasModels.load(rms)))
        .hasMessageThat()
        .isEqualTo(
            rms
                + ": layer 'ln' (LayerNormalization): field"
                + " 'rms_scaling' is true; NeuroJoule's LayerNormalization subtracts the mean"
                + " (rms_scaling false)");
  }

  @Test
  void mistypedOrMissingFields_nameTheLayerAndTheField() throws IOException {
    Path shared = tmp.resolve("shared.json");
    Files.writeString(
        shared,
        TF_KERAS_2D
            .replace("OUTPUT_PADDING", "null")
            .replace("\"shared_axes\": [1, 2]", "\"shared_axes\": [\"rows\"]"));
    String embedding =
        Files.readString(resource("arch_k2_2.3.1_three_inputs_embedding_concat.json"));
    Path missing = tmp.resolve("missing.json");
    Files.writeString(missing, embedding.replaceFirst("\"input_dim\": 8,", ""));

    assertThat(assertThrows(KerasImportException.class, () -> KerasModels.load(shared)))
        .hasMessageThat()
        .isEqualTo(
            shared
                + ": layer 'act' (PReLU): field 'shared_axes' must be"
                + " an integer or a list of integers, was [\"rows\"]");
    assertThat(assertThrows(KerasImportException.class, () -> KerasModels.load(missing)))
        .hasMessageThat()
        .isEqualTo(
            missing + ": layer 'embedding_4' (Embedding): field" + " 'input_dim' is missing");
  }

  private static double meanAbs(float[] x) {
    double s = 0;
    for (float v : x) {
      s += Math.abs(v);
    }
    return s / x.length;
  }

  private static double meanAbs(double[][][] x) {
    double s = 0;
    int n = 0;
    for (double[][] a : x) {
      for (double[] row : a) {
        for (double v : row) {
          s += Math.abs(v);
          n++;
        }
      }
    }
    return s / n;
  }
}
