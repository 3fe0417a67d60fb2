package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.Recurrent;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/** lstm_kws.onnx: PyTorch's two-layer LSTM (40 features, 64 units, 49 steps) and a Linear. */
class RecurrentImportTest {
  private static final int TIME = 49;
  private static final int IN = 40;
  private static final int H = 64;

  private static Map<String, float[]> initializers() throws Exception {
    ModelProto m =
        ModelProto.parseFrom(Files.readAllBytes(TorchvisionImportTest.file("lstm_kws.onnx")));
    Map<String, float[]> out = new HashMap<>();
    for (TensorProto t : m.getGraph().getInitializerList()) {
      ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      float[] f = new float[b.remaining() / 4];
      b.asFloatBuffer().get(f);
      out.put(t.getName(), f);
    }
    return out;
  }

  @Test
  void importsWithItsStoredParametersAndKerasBiases() throws Exception {
    Model m = OnnxModels.load(TorchvisionImportTest.file("lstm_kws.onnx"));
    long stored = initializers().values().stream().mapToLong(f -> f.length).sum();
    // The file stores PyTorch's 61,196 values; each ONNX LSTM's input and recurrent bias (2 x
    // 256) are both kept (recurrentBias), so every stored value is a parameter.
    assertThat(stored).isEqualTo(61_196L);
    assertThat(m.params().total()).isEqualTo(61_196L);
    assertThat(
            m.layers().stream()
                .filter(l -> l.spec() instanceof Recurrent r && r.recurrentBias())
                .count())
        .isEqualTo(2);
    // Per step 4 gates x 64 units x (inputs + 64 recurrent), 49 steps; then the 64 x 12 Linear.
    long connections = m.energy(e -> e.accounting(Accounting.COMPLETE)).totals().connections();
    assertThat(connections).isEqualTo(49L * 256 * (40 + 64) + 49L * 256 * (64 + 64) + 64 * 12);
  }

  @Test
  void predictMatchesANaiveLstmOnTheOnnxWeightsInGateOrderIofc() throws Exception {
    Model m = OnnxModels.load(TorchvisionImportTest.file("lstm_kws.onnx"));
    Map<String, float[]> w = initializers();
    int batch = 2;
    Random r = new Random(7);
    double[][][] x = new double[batch][TIME][IN];
    float[] nj = new float[batch * TIME * IN];
    for (int b = 0; b < batch; b++) {
      for (int t = 0; t < TIME; t++) {
        for (int f = 0; f < IN; f++) {
          x[b][t][f] = r.nextGaussian();
          // ONNX (time, features) is channels last here: (features, time).
          nj[(b * IN + f) * TIME + t] = (float) x[b][t][f];
        }
      }
    }
    List<ExampleData> out = m.predict(ExampleData.of(nj, batch, IN, TIME));
    assertThat(out).hasSize(1);
    assertThat(out.get(0).shape()).asList().containsExactly(batch, 12).inOrder();
    for (int b = 0; b < batch; b++) {
      double[][] y1 =
          lstm(x[b], w.get("onnx::LSTM_223"), w.get("onnx::LSTM_224"), w.get("onnx::LSTM_225"), IN);
      double[][] y2 =
          lstm(y1, w.get("onnx::LSTM_247"), w.get("onnx::LSTM_248"), w.get("onnx::LSTM_249"), H);
      for (int o = 0; o < 12; o++) {
        double want = w.get("fc.bias")[o];
        for (int k = 0; k < H; k++) {
          want += w.get("fc.weight")[o * H + k] * y2[TIME - 1][k];
        }
        double got = out.get(0).values()[b * 12 + o];
        assertThat(Math.abs(got - want)).isAtMost(1e-4 * Math.max(1, Math.abs(want)));
      }
    }
  }

  /** ONNX's LSTM equations: W (4H, in), R (4H, H), B (8H), gates i, o, f, c. */
  private static double[][] lstm(double[][] x, float[] w, float[] rw, float[] bias, int in) {
    double[] h = new double[H];
    double[] c = new double[H];
    double[][] y = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      double[] z = new double[4 * H];
      for (int g = 0; g < 4 * H; g++) {
        double s = bias[g] + bias[4 * H + g];
        for (int k = 0; k < in; k++) {
          s += w[g * in + k] * x[t][k];
        }
        for (int k = 0; k < H; k++) {
          s += rw[g * H + k] * h[k];
        }
        z[g] = s;
      }
      double[] next = new double[H];
      for (int j = 0; j < H; j++) {
        double i = sigmoid(z[j]);
        double o = sigmoid(z[H + j]);
        double f = sigmoid(z[2 * H + j]);
        double cand = Math.tanh(z[3 * H + j]);
        c[j] = f * c[j] + i * cand;
        next[j] = o * Math.tanh(c[j]);
      }
      h = next;
      y[t] = next.clone();
    }
    return y;
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
