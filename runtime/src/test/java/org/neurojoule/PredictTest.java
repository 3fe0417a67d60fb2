package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Activation;

/** {@link Model#predict}: the outputs of the forward pass, against a naive float64 forward. */
class PredictTest {
  // More examples than one mini-batch (32), so the outputs of two batches are joined.
  private static final int N = 40;

  @Test
  void denseReluGroupedConv_equalsANaiveForwardPass() {
    Tensor in = Model.input(5, 5, 3);
    Tensor dense = in.dense(4);
    Tensor relu = dense.relu();
    Tensor conv = relu.conv2d(6, 3, c -> c.groups(2).activation(Activation.TANH));
    Model m = Model.of(conv);
    float[] dw = random(3 * 4, 1);
    float[] db = random(4, 2);
    float[] cw = random(3 * 3 * 2 * 6, 3);
    float[] cb = random(6, 4);
    dense.layer().setWeights(dw, db);
    conv.layer().setWeights(cw, cb);
    float[] x = random(N * 5 * 5 * 3, 5);

    List<ExampleData> out = m.predict(ExampleData.of(x, N, 5, 5, 3));

    assertThat(out).hasSize(1);
    assertThat(out.get(0).shape()).isEqualTo(new int[] {N, 3, 3, 6});
    float[] got = out.get(0).values();
    double[] want = new double[N * 3 * 3 * 6];
    for (int e = 0; e < N; e++) {
      // dense over the last axis, then relu.
      double[] h = new double[5 * 5 * 4];
      for (int p = 0; p < 25; p++) {
        for (int u = 0; u < 4; u++) {
          double acc = db[u];
          for (int c = 0; c < 3; c++) {
            acc += (double) x[(e * 25 + p) * 3 + c] * dw[c * 4 + u];
          }
          h[p * 4 + u] = Math.max(0, acc);
        }
      }
      // valid 3x3 conv in 2 groups: filters 0-2 read channels 0-1, filters 3-5 channels 2-3.
      for (int y = 0; y < 3; y++) {
        for (int xo = 0; xo < 3; xo++) {
          for (int f = 0; f < 6; f++) {
            int g = f / 3;
            double acc = cb[f];
            for (int i = 0; i < 3; i++) {
              for (int j = 0; j < 3; j++) {
                for (int ci = 0; ci < 2; ci++) {
                  acc +=
                      h[((y + i) * 5 + xo + j) * 4 + g * 2 + ci]
                          * cw[((i * 3 + j) * 2 + ci) * 6 + f];
                }
              }
            }
            want[((e * 3 + y) * 3 + xo) * 6 + f] = Math.tanh(acc);
          }
        }
      }
    }
    assertThat(got.length).isEqualTo(want.length);
    for (int i = 0; i < want.length; i++) {
      assertWithMessage("value %s", i)
          .that((double) got[i])
          .isWithin(1e-5 * Math.max(1, Math.abs(want[i])))
          .of(want[i]);
    }
  }

  @Test
  void twoOutputs_comeInTheModelsOrder_eachWithItsShape() {
    Tensor in = Model.input(3);
    Tensor dense = in.dense(2);
    Tensor relu = dense.relu();
    Tensor flat = in.reshape(3, 1);
    Model m = Model.of(List.of(in), List.of(relu, dense, flat));
    dense.layer().setWeights(new float[] {1, -1, 2, -2, 3, -3}, new float[] {0.5f, -0.5f});

    List<ExampleData> out = m.predict(ExampleData.of(new float[] {1, 0, 0, 0, 1, 1}, 2, 3));

    // Example 1: (1, 0, 0) -> (1.5, -1.5); example 2: (0, 1, 1) -> (5.5, -5.5).
    assertThat(out).hasSize(3);
    assertThat(out.get(0).shape()).isEqualTo(new int[] {2, 2});
    assertThat(out.get(0).values()).isEqualTo(new float[] {1.5f, 0, 5.5f, 0});
    assertThat(out.get(1).values()).isEqualTo(new float[] {1.5f, -1.5f, 5.5f, -5.5f});
    assertThat(out.get(2).shape()).isEqualTo(new int[] {2, 3, 1});
    assertThat(out.get(2).values()).isEqualTo(new float[] {1, 0, 0, 0, 1, 1});
  }

  @Test
  void dataOfTheWrongShape_namesTheDataAndTheInput() {
    Model m = Model.of(Model.input(4, 4, 2).conv2d(2, 3));

    var e =
        assertThrows(
            IllegalArgumentException.class, () -> m.predict(ExampleData.filled(1, 3, 4, 4, 3)));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "example data (filled with 1.0) has shape (3, 4, 4,"
                + " 3), but the model input expects (None, 4, 4, 2) (batch first; data with one dimension"
                + " fewer gets a trailing 1): dimension 3 is 3, the model declares 2");
  }

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return a;
  }
}
