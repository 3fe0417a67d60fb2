package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.shape.ShapeException;

/** GroupNormalization's kernel against a naive float64 reference written as the formula. */
class GroupNormalizationKernelTest {
  private static final int N = 2;

  @Test
  void channelsLast_matchesTheFormula() {
    int h = 3;
    int w = 2;
    int c = 6;
    float[] x = values(N * h * w * c, 1.7);
    Tensor out = Model.input(h, w, c).groupNormalization(3, g -> g.epsilon(1e-4));
    float[] gamma = values(c, 0.8);
    float[] beta = values(c, 0.3);
    out.layer().setWeights(gamma, beta);

    double[] expected = naive(x, new int[] {h * w, c, 1}, 3, gamma, beta, 1e-4);
    assertClose(KernelTest.run(out, Gemm.java(), x, N, h, w, c), expected);
  }

  @Test
  void channelsFirst_scaleOnly_andOneGroupPerChannel() {
    int c = 4;
    int len = 5;
    float[] x = values(N * c * len, 0.9);
    Tensor first =
        Model.input(c, len).groupNormalization(2, g -> g.axis(1).center(false).name("first"));
    float[] gamma = values(c, 0.4);
    first.layer().setWeights(gamma);
    assertClose(
        KernelTest.run(first, Gemm.java(), x, N, c, len),
        naive(x, new int[] {1, c, len}, 2, gamma, null, 1e-3));

    Tensor each = Model.input(len, c).groupNormalization(c, g -> g.center(false).scale(false));
    assertClose(
        KernelTest.run(each, Gemm.java(), x, N, len, c),
        naive(x, new int[] {len, c, 1}, c, null, null, 1e-3));
  }

  @Test
  void channelsThatDoNotDivide_failWhereTheLayerIsDeclared() {
    ShapeException e =
        assertThrows(
            ShapeException.class,
            () -> Model.input(4, 4, 6).groupNormalization(4, g -> g.name("norm")));
    assertThat(e.getMessage()).contains("'norm'");
    assertThat(e.getMessage()).contains("6 channels cannot be split into 4 groups");
  }

  /**
   * The formula on examples of {@code outer x channels x inner} entries (channels in the middle):
   * each group's mean and variance over its channels and every position, in double.
   */
  private static double[] naive(
      float[] x, int[] dims, int groups, float[] gamma, float[] beta, double eps) {
    int outer = dims[0];
    int channels = dims[1];
    int inner = dims[2];
    int size = outer * channels * inner;
    int width = channels / groups;
    double[] y = new double[x.length];
    for (int b = 0; b < x.length / size; b++) {
      for (int g = 0; g < groups; g++) {
        double sum = 0;
        int count = 0;
        for (int o = 0; o < outer; o++) {
          for (int ch = g * width; ch < (g + 1) * width; ch++) {
            for (int i = 0; i < inner; i++) {
              sum += x[b * size + (o * channels + ch) * inner + i];
              count++;
            }
          }
        }
        double mean = sum / count;
        double var = 0;
        for (int o = 0; o < outer; o++) {
          for (int ch = g * width; ch < (g + 1) * width; ch++) {
            for (int i = 0; i < inner; i++) {
              double d = x[b * size + (o * channels + ch) * inner + i] - mean;
              var += d * d;
            }
          }
        }
        var /= count;
        for (int o = 0; o < outer; o++) {
          for (int ch = g * width; ch < (g + 1) * width; ch++) {
            for (int i = 0; i < inner; i++) {
              int at = b * size + (o * channels + ch) * inner + i;
              double v = (x[at] - mean) / Math.sqrt(var + eps);
              y[at] = v * (gamma == null ? 1 : gamma[ch]) + (beta == null ? 0 : beta[ch]);
            }
          }
        }
      }
    }
    return y;
  }

  private static void assertClose(float[] actual, double[] expected) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) actual[i]).isWithin(1e-5 * (1 + Math.abs(expected[i]))).of(expected[i]);
    }
  }

  /** Values of both signs, none exactly zero: {@code sin(step * i + 0.5)}. */
  private static float[] values(int n, double step) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) Math.sin(step * i + 0.5);
    }
    return a;
  }
}
