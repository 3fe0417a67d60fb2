package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.Tensor;

/**
 * Normalization against Keras' formula in float64, {@code (x - mean) / max(sqrt(variance), 1e-7)},
 * with its weights set explicitly.
 */
class NormalizationReferenceTest {
  private static final int N = 2;

  @Test
  void lastAxis_meanAndVariancePerChannel() {
    Tensor t = Model.input(3, 4, 2).normalization();
    float[] mean = {0.5f, -1.25f};
    float[] variance = {4f, 0.09f};
    t.layer().setWeights(mean, variance, new float[] {100});
    float[] x = values(N * 3 * 4 * 2);

    float[] y = KernelTest.run(t, Gemm.java(), x, N, 3, 4, 2);

    for (int i = 0; i < x.length; i++) {
      int c = i % 2;
      double expected = (x[i] - (double) mean[c]) / Math.sqrt(variance[c]);
      assertThat((double) y[i]).isWithin(1e-6 * Math.abs(expected) + 1e-7).of(expected);
    }
  }

  @Test
  void firstAndLastAxes_zeroVarianceDividesByEpsilon() {
    Tensor t = Model.input(3, 4, 2).normalization(n -> n.axis(1, -1));
    float[] mean = new float[3 * 2];
    float[] variance = new float[3 * 2];
    for (int k = 0; k < mean.length; k++) {
      mean[k] = 0.1f * k;
      variance[k] = k == 4 ? 0 : 0.5f + k;
    }
    t.layer().setWeights(mean, variance, new float[] {7});
    float[] x = values(N * 3 * 4 * 2);

    float[] y = KernelTest.run(t, Gemm.java(), x, N, 3, 4, 2);

    for (int i = 0; i < x.length; i++) {
      int row = i / 8 % 3;
      int c = i % 2;
      int p = row * 2 + c;
      double expected = (x[i] - (double) mean[p]) / Math.max(Math.sqrt(variance[p]), 1e-7);
      assertThat((double) y[i]).isWithin(1e-6 * Math.abs(expected) + 1e-7).of(expected);
    }
  }

  @Test
  void negativeVariance_isRefusedNamingTheLayerAndTheIndex() {
    Tensor t = Model.input(3).normalization(n -> n.name("norm"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> t.layer().setWeights(new float[3], new float[] {1, -2, 1}, new float[] {1}));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "layer 'norm' normalization (Normalization):"
                + " variance[1] is -2.0; a variance must be >= 0");
  }

  @Test
  void weightsOfTheWrongShape_nameTheExpectedArrays() {
    Tensor t = Model.input(3).normalization(n -> n.name("norm"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> t.layer().setWeights(new float[3], new float[3]));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "layer 'norm' normalization (Normalization) takes 3"
                + " weight arrays, [mean (3,), variance (3,), count ()] for its input (None, 3), each"
                + " flattened row-major; got 2 arrays of sizes [3, 3]");
  }

  private static float[] values(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (3 * Math.sin(0.7 * i + 0.5));
    }
    return a;
  }
}
