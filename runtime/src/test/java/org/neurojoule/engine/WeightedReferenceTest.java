package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.ConvTranspose;
import org.neurojoule.layer.Padding;

/**
 * PReLU, Embedding, LayerNormalization and the transposed convolutions against naive float64
 * references written as the textbook formulas, with the layers' weights set explicitly.
 */
class WeightedReferenceTest {
  private static final int N = 2;

  @Test
  void prelu_sharedAxesBroadcastAlpha() {
    Tensor in = Model.input(3, 4, 2);
    Tensor t = in.prelu(p -> p.sharedAxes(1));
    float[] alpha = values(4 * 2, 0.7);
    t.layer().setWeights(alpha);
    float[] x = values(N * 3 * 4 * 2, 1.3);

    float[] y = run(t, x, 3, 4, 2);

    for (int i = 0; i < x.length; i++) {
      int a = i % 8; // alpha (1, 4, 2): the row axis is shared
      double expected = x[i] >= 0 ? x[i] : (double) alpha[a] * x[i];
      assertThat((double) y[i]).isWithin(1e-6).of(expected);
    }
  }

  @Test
  void embedding_looksUpRows_andNamesABadId() {
    Tensor t = Model.input(3).embedding(4, 2);
    float[] table = values(4 * 2, 0.3);
    t.layer().setWeights(table);
    float[] ids = {0, 3, 1, 2, 2, 0};

    float[] y = run(t, ids, 3);

    for (int i = 0; i < ids.length; i++) {
      for (int k = 0; k < 2; k++) {
        assertThat(y[i * 2 + k]).isEqualTo(table[(int) ids[i] * 2 + k]);
      }
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> run(t, new float[] {0, 1, 2, 3, 4, 1}, 3));
    assertThat(e)
        .hasMessageThat()
        .contains(
            "example 1 holds 4.0 at index 1 of its ids; an"
                + " Embedding takes whole numbers from 0 to 3 (inputDim 4)");
    IllegalArgumentException half =
        assertThrows(
            IllegalArgumentException.class, () -> run(t, new float[] {0.5f, 1, 2, 3, 0, 1}, 3));
    assertThat(half).hasMessageThat().contains("example 0 holds 0.5 at index 0 of its ids");
  }

  @Test
  void absurdEmbeddingTable_isAClearErrorBeforeAnyAllocation() {
    Model m = Model.of(Model.input(3).embedding(Integer.MAX_VALUE, 1000));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                m.energy(
                        o ->
                            o.exampleData(
                                org.neurojoule.ExampleData.of(new float[] {0, 1, 2}, 1, 3)))
                    .rates());

    assertThat(e)
        .hasMessageThat()
        .contains(
            "layer 'embedding': its default embeddings"
                + " (2147483647, 1000) would need 2147483647000 floats");
  }

  @Test
  void layerNormalization_lastAxis_andTwoAxes() {
    float[] x = values(N * 3 * 4, 2.1);
    Tensor last = Model.input(3, 4).layerNormalization(n -> n.epsilon(1e-3));
    float[] gamma = values(4, 0.9);
    float[] beta = values(4, 0.4);
    last.layer().setWeights(gamma, beta);
    assertClose(run(last, x, 3, 4), naiveLayerNorm(x, 3 * N, 4, gamma, beta, 1e-3, 4));

    Tensor both = Model.input(3, 4).layerNormalization(n -> n.axis(1, 2).center(false));
    float[] g12 = values(12, 0.6);
    both.layer().setWeights(g12);
    assertClose(run(both, x, 3, 4), naiveLayerNorm(x, N, 12, g12, null, 1e-3, 12));
  }

  @Test
  void conv2dTranspose_validSameStridesAndOutputPadding() {
    float[] x = values(N * 3 * 4 * 2, 1.7);
    check(x, new int[] {3, 4}, 2, ConvTranspose.conv2dTranspose(3, 3));
    check(
        x,
        new int[] {3, 4},
        2,
        ConvTranspose.conv2dTranspose(3, 3)
            .strides(2)
            .padding(Padding.SAME)
            .activation(Activation.RELU));
    check(x, new int[] {3, 4}, 2, ConvTranspose.conv2dTranspose(2, 3, 2).strides(2, 3));
    check(
        x,
        new int[] {3, 4},
        2,
        ConvTranspose.conv2dTranspose(2, 3)
            .strides(3)
            .padding(Padding.SAME)
            .outputPadding(1, 2)
            .useBias(false));
    check(
        x,
        new int[] {3, 4},
        2,
        ConvTranspose.conv2dTranspose(2, 2).dilationRate(2).padding(Padding.SAME));
  }

  @Test
  void conv1dAnd3dTranspose() {
    float[] x1 = values(N * 5 * 3, 0.9);
    check(x1, new int[] {5}, 3, ConvTranspose.conv1dTranspose(4, 3).strides(2));
    check(
        x1,
        new int[] {5},
        3,
        ConvTranspose.conv1dTranspose(2, 4).strides(2).padding(Padding.SAME).outputPadding(1));
    float[] x3 = values(N * 2 * 3 * 2 * 2, 1.1);
    check(
        x3,
        new int[] {2, 3, 2},
        2,
        ConvTranspose.conv3dTranspose(2, 2).strides(2).activation(Activation.TANH));
  }

  /** The layer's output against a naive scatter with the padding TensorFlow derives. */
  private static void check(float[] x, int[] spatial, int cin, ConvTranspose spec) {
    int[] inShape = java.util.Arrays.copyOf(spatial, spatial.length + 1);
    inShape[spatial.length] = cin;
    Tensor t = Model.input(inShape).apply(spec);
    int[] out = t.shape().toArray();
    int rank = spatial.length;
    int kvol = 1;
    for (int k : spec.kernelSize()) {
      kvol *= k;
    }
    float[] kernel = values(kvol * spec.filters() * cin, 0.37);
    float[] bias = values(spec.filters(), 0.11);
    if (spec.useBias()) {
      t.layer().setWeights(kernel, bias);
    } else {
      t.layer().setWeights(kernel);
    }
    float[] y = run(t, x, inShape);

    int f = spec.filters();
    int inSpatial = product(spatial);
    int outSpatial = product(java.util.Arrays.copyOf(out, rank));
    double[] expected = new double[N * outSpatial * f];
    int[] pad = new int[rank];
    for (int a = 0; a < rank; a++) {
      int keff = (spec.kernelSize().get(a) - 1) * spec.dilationRate().get(a) + 1;
      int total = (spatial[a] - 1) * spec.strides().get(a) + keff - out[a];
      pad[a] = spec.padding() == Padding.SAME ? Math.max(total, 0) / 2 : 0;
    }
    int[] i = new int[rank];
    int[] tap = new int[rank];
    for (int b = 0; b < N; b++) {
      for (int p = 0; p < inSpatial; p++) {
        unflatten(p, spatial, i);
        for (int q = 0; q < kvol; q++) {
          unflatten(q, toArray(spec.kernelSize()), tap);
          int o = 0;
          boolean inside = true;
          for (int a = 0; a < rank; a++) {
            int pos = i[a] * spec.strides().get(a) + tap[a] * spec.dilationRate().get(a) - pad[a];
            inside &= pos >= 0 && pos < out[a];
            o = o * out[a] + pos;
          }
          for (int fo = 0; inside && fo < f; fo++) {
            for (int c = 0; c < cin; c++) {
              expected[(b * outSpatial + o) * f + fo] +=
                  (double) x[(b * inSpatial + p) * cin + c] * kernel[(q * f + fo) * cin + c];
            }
          }
        }
      }
    }
    for (int e = 0; e < expected.length; e++) {
      double v = expected[e] + (spec.useBias() ? bias[e % f] : 0);
      expected[e] =
          switch (spec.activation()) {
            case RELU -> Math.max(v, 0);
            case TANH -> Math.tanh(v);
            default -> v;
          };
    }
    assertClose(y, expected);
  }

  private static double[] naiveLayerNorm(
      float[] x, int groups, int per, float[] gamma, float[] beta, double eps, int params) {
    double[] y = new double[x.length];
    for (int g = 0; g < groups; g++) {
      double mean = 0;
      for (int k = 0; k < per; k++) {
        mean += x[g * per + k];
      }
      mean /= per;
      double var = 0;
      for (int k = 0; k < per; k++) {
        var += (x[g * per + k] - mean) * (x[g * per + k] - mean);
      }
      var /= per;
      for (int k = 0; k < per; k++) {
        double v = (x[g * per + k] - mean) / Math.sqrt(var + eps);
        v = v * (gamma == null ? 1 : gamma[k % params]) + (beta == null ? 0 : beta[k % params]);
        y[g * per + k] = v;
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

  private static float[] run(Tensor out, float[] x, int... shape) {
    int[] withBatch = new int[shape.length + 1];
    withBatch[0] = N;
    System.arraycopy(shape, 0, withBatch, 1, shape.length);
    return KernelTest.run(out, Gemm.java(), x, withBatch);
  }

  /** Values of both signs, none exactly zero: {@code sin(step * i + 0.5)}. */
  private static float[] values(int n, double step) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) Math.sin(step * i + 0.5);
    }
    return a;
  }

  private static void unflatten(int flat, int[] dims, int[] out) {
    for (int a = dims.length - 1; a >= 0; a--) {
      out[a] = flat % dims[a];
      flat /= dims[a];
    }
  }

  private static int[] toArray(java.util.List<Integer> v) {
    return v.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int product(int[] d) {
    int p = 1;
    for (int v : d) {
      p *= v;
    }
    return p;
  }
}
