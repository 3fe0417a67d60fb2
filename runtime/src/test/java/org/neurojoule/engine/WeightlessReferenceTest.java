package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.Tensor;

/**
 * Merges (with Keras broadcasting), Softmax, ELU, Permute, RepeatVector and Rescaling against naive
 * float64 references written as textbook loops over the output index. Values agree to a relative
 * 1e-5 (the engine computes in float32); layers that only move values must be exact.
 */
class WeightlessReferenceTest {
  private static final int N = 2;
  private static final double TOLERANCE = 1e-5;

  @Test
  void multiplyBroadcastsSqueezeAndExcite() {
    // (3, 4, 5) times (1, 1, 5): each channel scaled by its own factor, as EfficientNet's SE.
    Tensor a = Model.input(3, 4, 5);
    Tensor s = a.globalAveragePooling2d().reshape(1, 1, 5);
    Tensor out = Tensor.multiply(a, s);
    float[] x = seq(N * 3 * 4 * 5);
    double[] expected = new double[x.length];
    for (int b = 0; b < N; b++) {
      for (int c = 0; c < 5; c++) {
        double mean = 0;
        for (int p = 0; p < 12; p++) {
          mean += x[b * 60 + p * 5 + c];
        }
        mean /= 12;
        for (int p = 0; p < 12; p++) {
          expected[b * 60 + p * 5 + c] = x[b * 60 + p * 5 + c] * mean;
        }
      }
    }
    assertClose(run(out, x, 3, 4, 5), expected);
  }

  @Test
  void everyMergeOfThreeBroadcastInputs() {
    // Inputs (2, 3), (1, 3) and (3): the second repeats along rows, the third lacks the row axis.
    assertMerge("multiply", (u, v) -> u * v, false);
    assertMerge("average", (u, v) -> u + v, true);
    assertMerge("maximum", Math::max, false);
    assertMerge("minimum", Math::min, false);
  }

  private static void assertMerge(String kind, DoubleBinaryOperator op, boolean mean) {
    Tensor in = Model.input(6);
    Tensor a = in.reshape(2, 3);
    Tensor b = in.dense(3, d -> d.useBias(false)).reshape(1, 3);
    Tensor c = in.dense(3, d -> d.useBias(false));
    float[] wb = seq(18);
    float[] wc = seq(18, 0.7);
    b.inputs().get(0).layer().setWeights(wb);
    c.layer().setWeights(wc);
    Tensor out =
        switch (kind) {
          case "multiply" -> Tensor.multiply(a, b, c);
          case "average" -> Tensor.average(a, b, c);
          case "maximum" -> Tensor.maximum(a, b, c);
          default -> Tensor.minimum(a, b, c);
        };
    float[] x = seq(N * 6);
    double[] expected = new double[N * 6];
    for (int n = 0; n < N; n++) {
      double[] db = dense(x, n, wb);
      double[] dc = dense(x, n, wc);
      for (int r = 0; r < 2; r++) {
        for (int k = 0; k < 3; k++) {
          double v = x[n * 6 + r * 3 + k];
          v = op.applyAsDouble(v, db[k]);
          v = op.applyAsDouble(v, dc[k]);
          expected[n * 6 + r * 3 + k] = mean ? v / 3 : v;
        }
      }
    }
    assertWithMessage(kind).that(out.shape().toArray()).isEqualTo(new int[] {2, 3});
    assertClose(run(out, x, 6), expected);
  }

  @Test
  void subtractIsFirstMinusSecond() {
    Tensor in = Model.input(4);
    Tensor out = Tensor.subtract(in.reshape(4, 1), in.reshape(1, 4));
    float[] x = seq(N * 4);
    double[] expected = new double[N * 16];
    for (int n = 0; n < N; n++) {
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          expected[n * 16 + i * 4 + j] = (double) x[n * 4 + i] - x[n * 4 + j];
        }
      }
    }
    assertClose(run(out, x, 4), expected);
  }

  @Test
  void softmaxAndEluLayers() {
    float[] x = seq(N * 3 * 4, 3.0);
    double[] soft = new double[x.length];
    double[] elu = new double[x.length];
    for (int row = 0; row < N * 3; row++) {
      double sum = 0;
      for (int k = 0; k < 4; k++) {
        sum += Math.exp(x[row * 4 + k]);
      }
      for (int k = 0; k < 4; k++) {
        double v = x[row * 4 + k];
        soft[row * 4 + k] = Math.exp(v) / sum;
        elu[row * 4 + k] = v > 0 ? v : 0.7 * (Math.exp(v) - 1);
      }
    }
    assertClose(run(Model.input(3, 4).softmax(), x, 3, 4), soft);
    assertClose(run(Model.input(3, 4).elu(e -> e.alpha(0.7)), x, 3, 4), elu);
    // Fused into the dense layer before it, softmax must still normalize each row.
    Tensor d = Model.input(3, 4).dense(4, c -> c.useBias(false));
    float[] identity = new float[16];
    for (int k = 0; k < 4; k++) {
      identity[k * 4 + k] = 1;
    }
    d.layer().setWeights(identity);
    assertClose(run(d.softmax(), x, 3, 4), soft);
  }

  @Test
  void permuteIsExact() {
    float[] x = seq(N * 2 * 3 * 4);
    float[] expected = new float[x.length];
    for (int n = 0; n < N; n++) {
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          for (int k = 0; k < 4; k++) {
            // permute(3, 1, 2): output (4, 2, 3), out[k][i][j] = in[i][j][k].
            expected[n * 24 + (k * 2 + i) * 3 + j] = x[n * 24 + (i * 3 + j) * 4 + k];
          }
        }
      }
    }
    assertThat(run(Model.input(2, 3, 4).permute(3, 1, 2), x, 2, 3, 4)).isEqualTo(expected);
  }

  @Test
  void repeatVectorIsExact() {
    float[] x = seq(N * 3);
    float[] expected = new float[N * 4 * 3];
    for (int n = 0; n < N; n++) {
      for (int r = 0; r < 4; r++) {
        System.arraycopy(x, n * 3, expected, (n * 4 + r) * 3, 3);
      }
    }
    assertThat(run(Model.input(3).repeatVector(4), x, 3)).isEqualTo(expected);
  }

  @Test
  void rescalingScalesThenShifts() {
    float[] x = seq(N * 2 * 2 * 3);
    double[] expected = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      expected[i] = x[i] / 255.0 - 0.5;
    }
    assertClose(
        run(Model.input(2, 2, 3).rescaling(1 / 255.0, r -> r.offset(-0.5)), x, 2, 2, 3), expected);
  }

  @Test
  void insideTimeDistributed() {
    float[] x = seq(N * 3 * 4);
    double[] expected = new double[N * 3 * 4];
    for (int n = 0; n < N; n++) {
      for (int t = 0; t < 3; t++) {
        for (int k = 0; k < 4; k++) {
          // permute(2, 1) of each (2, 2) step
          int i = k / 2;
          int j = k % 2;
          expected[(n * 3 + t) * 4 + j * 2 + i] = x[(n * 3 + t) * 4 + k];
        }
      }
    }
    Tensor out = Model.input(3, 2, 2).timeDistributed(s -> s.permute(2, 1));
    assertClose(run(out, x, 3, 2, 2), expected);
  }

  private static double[] dense(float[] x, int n, float[] w) {
    double[] y = new double[3];
    for (int u = 0; u < 3; u++) {
      for (int i = 0; i < 6; i++) {
        y[u] += (double) x[n * 6 + i] * w[i * 3 + u];
      }
    }
    return y;
  }

  private static float[] run(Tensor out, float[] x, int... shape) {
    int[] withBatch = new int[shape.length + 1];
    withBatch[0] = N;
    System.arraycopy(shape, 0, withBatch, 1, shape.length);
    return KernelTest.run(out, Gemm.java(), x, withBatch);
  }

  private static void assertClose(float[] actual, double[] expected) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertWithMessage("value " + i)
          .that((double) actual[i])
          .isWithin(TOLERANCE * Math.max(1e-3, Math.abs(expected[i])))
          .of(expected[i]);
    }
  }

  private static float[] seq(int n) {
    return seq(n, 1.3);
  }

  private static float[] seq(int n, double freq) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) Math.sin(freq * i + 0.5);
    }
    return a;
  }
}
