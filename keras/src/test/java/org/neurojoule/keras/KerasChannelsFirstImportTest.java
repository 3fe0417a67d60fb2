package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.KerasImportException;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/**
 * Keras layers with {@code data_format: channels_first}, imported channels last with their stored
 * weights: {@code channels_first/cf_seq_conv_bn_pool_sep_pad_dense.h5} (written by the script next
 * to it) against a naive float64 channels-first forward pass and the counts of the same network
 * built channels last with the fluent API.
 */
class KerasChannelsFirstImportTest {
  private static final String FILE = "channels_first/cf_seq_conv_bn_pool_sep_pad_dense.h5";

  @TempDir Path tmp;

  @Test
  void channelsFirstModel_keepsTheFilesInputShape_andKerasParameterCounts() {
    Model m = KerasModels.load(KerasImportTest.resource(FILE));

    assertThat(m.inputs().get(0).shape().toKerasString()).isEqualTo("(None, 2, 6, 7)");
    // conv 3*3*2*3 + 3, batch norm 4 * 3, separable 2*2*3 + 3*4 + 4, dense 64*5 + 5.
    assertThat(m.params().total()).isEqualTo(57 + 12 + 28 + 325);
    assertThat(m.params(m.layer("bn_1")).total()).isEqualTo(12);
    assertThat(m.layerNames()).contains("conv2d_1_channels_last");
    assertThat(m.layerNames()).contains("flatten_1_channels_first");
  }

  @Test
  void connections_equalTheSameNetworkBuiltChannelsLast() {
    Model imported = KerasModels.load(KerasImportTest.resource(FILE));
    Tensor in = Model.input(6, 7, 2);
    Tensor out =
        in.conv2d(3, 3, c -> c.padding(Padding.SAME).activation(Activation.RELU).name("conv2d_1"))
            .batchNormalization(b -> b.name("bn_1"))
            .maxPooling2d(2, p -> p.name("max_pooling2d_1"))
            .separableConv2d(4, 2, s -> s.name("separable_conv2d_1"))
            .zeroPadding2d(new int[] {1}, z -> z.name("zero_padding2d_1"))
            .flatten(f -> f.name("flatten_1"))
            .dense(5, d -> d.name("dense_1"));
    Model fluent = Model.of(in, out);

    for (Accounting accounting : Accounting.values()) {
      ModelEnergy a = imported.energy(o -> o.accounting(accounting));
      ModelEnergy b = fluent.energy(o -> o.accounting(accounting));
      for (String layer : fluent.layerNames()) {
        if (fluent.layer(layer).spec() instanceof org.neurojoule.layer.InputLayer) {
          continue;
        }
        assertThat(a.layerStats(layer).connections()).isEqualTo(b.layerStats(layer).connections());
      }
    }
    ModelEnergy complete = imported.energy(o -> o.accounting(Accounting.COMPLETE));
    // 3x6x7 outputs, each from 3x3 taps of 2 channels; 64 inputs to 5 units.
    assertThat(complete.layerStats("conv2d_1").connections()).isEqualTo(126L * 9 * 2);
    assertThat(complete.layerStats("dense_1").connections()).isEqualTo(64L * 5);
  }

  @Test
  void predict_equalsANaiveChannelsFirstForwardPass() {
    Model m = KerasModels.load(KerasImportTest.resource(FILE));
    int n = 3;
    float[] x = new float[n * 2 * 6 * 7];
    Random r = new Random(22);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextGaussian());
    }

    float[] got = m.predict(ExampleData.of(x, n, 2, 6, 7)).get(0).values();

    List<float[]> conv = m.layer("conv2d_1").weights();
    List<float[]> bn = m.layer("bn_1").weights();
    List<float[]> sep = m.layer("separable_conv2d_1").weights();
    List<float[]> dense = m.layer("dense_1").weights();
    assertThat(got).hasLength(n * 5);
    for (int e = 0; e < n; e++) {
      double[][][] a = new double[2][6][7];
      for (int c = 0; c < 2; c++) {
        for (int i = 0; i < 6; i++) {
          for (int j = 0; j < 7; j++) {
            a[c][i][j] = x[((e * 2 + c) * 6 + i) * 7 + j];
          }
        }
      }
      double[] want = forward(a, conv, bn, sep, dense);
      for (int u = 0; u < 5; u++) {
        assertThat((double) got[e * 5 + u])
            .isWithin(1e-4 * Math.max(1, Math.abs(want[u])))
            .of(want[u]);
      }
    }
  }

  /**
   * Conv2D (same, relu), BN over axis 1, 2x2 max pool, separable 2x2, pad 1, C-H-W flatten, dense.
   */
  private static double[] forward(
      double[][][] x, List<float[]> conv, List<float[]> bn, List<float[]> sep, List<float[]> d) {
    // Conv2D: kernel (3, 3, 2, 3), 'same' pads 1 on each side.
    double[][][] c1 = new double[3][6][7];
    for (int f = 0; f < 3; f++) {
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 7; j++) {
          double acc = conv.get(1)[f];
          for (int ki = 0; ki < 3; ki++) {
            for (int kj = 0; kj < 3; kj++) {
              int yi = i - 1 + ki;
              int xj = j - 1 + kj;
              if (yi < 0 || yi >= 6 || xj < 0 || xj >= 7) {
                continue;
              }
              for (int c = 0; c < 2; c++) {
                acc += x[c][yi][xj] * conv.get(0)[((ki * 3 + kj) * 2 + c) * 3 + f];
              }
            }
          }
          c1[f][i][j] = Math.max(0, acc);
        }
      }
    }
    // BatchNormalization over the channels (axis 1): gamma, beta, mean, variance; epsilon 1e-3.
    for (int f = 0; f < 3; f++) {
      double scale = bn.get(0)[f] / Math.sqrt(bn.get(3)[f] + 1e-3);
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 7; j++) {
          c1[f][i][j] = (c1[f][i][j] - bn.get(2)[f]) * scale + bn.get(1)[f];
        }
      }
    }
    double[][][] p = new double[3][3][3];
    for (int f = 0; f < 3; f++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          p[f][i][j] =
              Math.max(
                  Math.max(c1[f][2 * i][2 * j], c1[f][2 * i][2 * j + 1]),
                  Math.max(c1[f][2 * i + 1][2 * j], c1[f][2 * i + 1][2 * j + 1]));
        }
      }
    }
    // SeparableConv2D: depthwise (2, 2, 3, 1), pointwise (1, 1, 3, 4), bias (4,); valid.
    double[][][] s = new double[4][4][4]; // zero padding 1 around the 2x2 result
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double[] depth = new double[3];
        for (int c = 0; c < 3; c++) {
          for (int ki = 0; ki < 2; ki++) {
            for (int kj = 0; kj < 2; kj++) {
              depth[c] += p[c][i + ki][j + kj] * sep.get(0)[(ki * 2 + kj) * 3 + c];
            }
          }
        }
        for (int f = 0; f < 4; f++) {
          double acc = sep.get(2)[f];
          for (int c = 0; c < 3; c++) {
            acc += depth[c] * sep.get(1)[c * 4 + f];
          }
          s[f][i + 1][j + 1] = acc;
        }
      }
    }
    // Flatten in the file's (C, H, W) order, then Dense (64, 5).
    double[] out = new double[5];
    for (int u = 0; u < 5; u++) {
      double acc = d.get(1)[u];
      int k = 0;
      for (int f = 0; f < 4; f++) {
        for (int i = 0; i < 4; i++) {
          for (int j = 0; j < 4; j++) {
            acc += s[f][i][j] * d.get(0)[k++ * 5 + u];
          }
        }
      }
      out[u] = acc;
    }
    return out;
  }

  @Test
  void flattenWithChannelsFirst_flattensChannelsLast_asKerasTransposesFirst() throws IOException {
    // Conv1D channels_first on (2, 5): (3, 4) in the file, (4, 3) here; Flatten(channels_first)
    // transposes to (4, 3) and flattens that, so no permute is needed before it.
    Path f = tmp.resolve("cf1d.json");
    Files.writeString(
        f,
        "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
            + "{\"class_name\": \"Conv1D\", \"config\": {\"name\": \"c\", \"filters\": 3,"
            + " \"kernel_size\": [2], \"batch_input_shape\": [null, 2, 5],"
            + " \"data_format\": \"channels_first\"}},"
            + "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"fl\","
            + " \"data_format\": \"channels_first\"}},"
            + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 2}}]}}");
    Model m = KerasModels.load(f);

    assertThat(m.layerNames())
        .containsExactly("c_input", "c_channels_last", "c", "fl", "d")
        .inOrder();
    assertThat(m.params().total()).isEqualTo(2 * 2 * 3 + 3 + 12 * 2 + 2);
  }

  @Test
  void channelsFirstInsideAWrapper_isRefusedNamingTheLayer() throws IOException {
    Path f = tmp.resolve("td.json");
    Files.writeString(
        f,
        "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
            + "{\"class_name\": \"TimeDistributed\", \"config\": {\"name\": \"td\","
            + " \"batch_input_shape\": [null, 4, 2, 5, 5], \"layer\": {\"class_name\":"
            + " \"Conv2D\", \"config\": {\"name\": \"c\", \"filters\": 3, \"kernel_size\": [2, 2],"
            + " \"data_format\": \"channels_first\"}}}}]}}");

    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(f));
    assertThat(e).hasMessageThat().contains("data_format 'channels_first' inside a wrapper");
  }
}
