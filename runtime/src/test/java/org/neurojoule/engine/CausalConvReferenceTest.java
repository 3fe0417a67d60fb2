package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/**
 * Causal Conv1D on every matrix-multiply path (pure Java im2col, OpenBLAS, oneDNN with its left and
 * right padding given apart, the narrow direct kernel) against a naive float64 reference that does
 * what Keras does: prepend (k - 1) * d zeros to the time axis, then slide a valid window.
 */
class CausalConvReferenceTest {
  private static final double TOLERANCE = 1e-4;
  private static final int N = 2;

  /** Gemm x (length, cin, filters, kernel, stride, dilation). */
  static Stream<Arguments> cases() {
    int[][] geometries = {
      {9, 3, 4, 3, 1, 1},
      {9, 3, 4, 3, 1, 2},
      {9, 3, 4, 3, 2, 1},
      {10, 2, 3, 4, 2, 1},
      {8, 2, 3, 2, 1, 2},
      // 20 filters: too many for the narrow kernel, so the general paths run by default too.
      {12, 5, 20, 5, 1, 2},
      // Dilated far beyond the input: the first tap never touches it (a clipped window).
      {5, 2, 3, 3, 1, 4},
    };
    return NaiveReferenceTest.gemms()
        .flatMap(gemm -> Stream.of(geometries).map(g -> Arguments.of(gemm, g)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void causalConv1d_equalsLeftPaddedValidConv(Gemm gemm, int[] g) {
    int n = g[0];
    int cin = g[1];
    int cout = g[2];
    int k = g[3];
    int stride = g[4];
    int dilation = g[5];
    Tensor t =
        Model.input(n, cin)
            .conv1d(
                cout,
                k,
                c ->
                    c.strides(stride)
                        .dilationRate(dilation)
                        .padding(Padding.CAUSAL)
                        .activation(Activation.TANH));
    float[] w = seq(k * cin * cout, 0.3, 1);
    float[] b = seq(cout, 0.1, 2);
    t.layer().setWeights(w, b);
    float[] x = seq(N * n * cin, 1, 0.5);

    float[] got = KernelTest.run(t, gemm, x, N, n, cin);

    double[] want = causalConv1d(x, n, cin, w, b, cout, k, stride, dilation);
    String where =
        gemm.name() + (gemm.dnnlConv() ? "+dnnl" : "") + " " + java.util.Arrays.toString(g);
    assertWithMessage("values on %s", where).that(got.length).isEqualTo(want.length);
    for (int i = 0; i < want.length; i++) {
      double err = Math.abs(got[i] - want[i]) / Math.max(1e-3, Math.abs(want[i]));
      assertWithMessage("value %s on %s: got %s, want %s", i, where, got[i], want[i])
          .that(err)
          .isAtMost(TOLERANCE);
    }
  }

  /** Keras' definition, literally: zeros before the sequence, then a valid convolution. */
  private static double[] causalConv1d(
      float[] x, int n, int cin, float[] w, float[] b, int cout, int k, int stride, int dilation) {
    int pad = (k - 1) * dilation;
    int padded = n + pad;
    int out = (padded - ((k - 1) * dilation + 1)) / stride + 1;
    double[] y = new double[N * out * cout];
    for (int e = 0; e < N; e++) {
      double[] xp = new double[padded * cin];
      for (int i = 0; i < n * cin; i++) {
        xp[pad * cin + i] = x[e * n * cin + i];
      }
      for (int o = 0; o < out; o++) {
        for (int f = 0; f < cout; f++) {
          double acc = b[f];
          for (int t = 0; t < k; t++) {
            int pos = o * stride + t * dilation;
            for (int c = 0; c < cin; c++) {
              acc += xp[pos * cin + c] * w[(t * cin + c) * cout + f];
            }
          }
          y[(e * out + o) * cout + f] = Math.tanh(acc);
        }
      }
    }
    return y;
  }

  /** {@code scale * sin(1.3 i + phase)}: smooth, signed and without repeats. */
  private static float[] seq(int n, double scale, double phase) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (scale * Math.sin(1.3 * i + phase));
    }
    return a;
  }
}
