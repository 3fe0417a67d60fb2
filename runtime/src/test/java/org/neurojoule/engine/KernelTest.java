package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.Model.NONE;
import static org.neurojoule.layer.Padding.SAME;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurojoule.ExampleData;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Activation;

/** Kernels against hand-computed outputs, on both matrix-multiply paths. */
class KernelTest {

  static Stream<Gemm> gemms() {
    // Pure Java, OpenBLAS and oneDNN, each with every convolution on its general path; then the
    // default, where convolutions with few filters take the narrow direct kernel.
    return Stream.of(
        Gemm.java().wide(), Gemm.best().plain().wide(), Gemm.best().wide(), Gemm.best());
  }

  /** Runs the model of {@code out} on {@code x} and returns {@code out}'s values. */
  static float[] run(Tensor out, Gemm gemm, float[] x, int... shape) {
    Model m = Model.of(out);
    ExampleData data = ExampleData.of(x, shape);
    int[] example = FiringRates.fit(m, data);
    try (Forward f = new Forward(m, example, shape[0], gemm)) {
      data.copyExamples(0, shape[0], f.inputBuffer(), 0);
      f.run(shape[0], 0);
      return f.output(out, shape[0]);
    }
  }

  static float[] range(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = i + 1;
    }
    return a;
  }

  static float[] ones(int n) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, 1f);
    return a;
  }

  static void assertValues(float[] actual, float... expected) {
    assertThat(actual.length).isEqualTo(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertWithMessage("value " + i)
          .that(actual[i])
          .isWithin(1e-5f * Math.max(1, Math.abs(expected[i])))
          .of(expected[i]);
    }
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void samePaddingEvenKernelStride2(Gemm gemm) {
    // 5x5 input 1..25, 2x2 kernel of ones, strides 2, same: out 3x3; TF pads 0 before, 1 after.
    Tensor out = Model.input(5, 5, 1).conv2d(1, 2, c -> c.strides(2).padding(SAME));
    out.layer().setWeights(ones(4), new float[] {0});
    float[] y = run(out, gemm, range(25), 1, 5, 5, 1);
    assertValues(
        y,
        1 + 2 + 6 + 7,
        3 + 4 + 8 + 9,
        5 + 10,
        11 + 12 + 16 + 17,
        13 + 14 + 18 + 19,
        15 + 20,
        21 + 22,
        23 + 24,
        25);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void samePaddingEvenKernel4Stride1(Gemm gemm) {
    // 4 steps, kernel 4 of ones, same: pad 1 before, 2 after.
    Tensor out = Model.input(4, 1).conv1d(1, 4, c -> c.padding(SAME));
    out.layer().setWeights(ones(4), new float[] {0.5f});
    float[] y = run(out, gemm, new float[] {1, 2, 3, 4}, 1, 4, 1);
    assertValues(y, 6.5f, 10.5f, 9.5f, 7.5f);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void dilation(Gemm gemm) {
    // y[i] = 1 * x[i] + 10 * x[i + 2]; 2 filters, the second doubled.
    Tensor out = Model.input(7, 1).conv1d(2, 2, c -> c.dilationRate(2));
    out.layer().setWeights(new float[] {1, 2, 10, 20}, new float[] {0, 1});
    float[] y = run(out, gemm, range(7), 1, 7, 1);
    assertValues(y, 31, 63, 42, 85, 53, 107, 64, 129, 75, 151);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void dilationSame2d(Gemm gemm) {
    // 3x3 kernel dilated 2 on a 3x3 image, same: only the centre tap and taps 2 away.
    Tensor out = Model.input(3, 3, 1).conv2d(1, 3, c -> c.dilationRate(2).padding(SAME));
    out.layer().setWeights(ones(9), new float[] {0});
    float[] y = run(out, gemm, range(9), 1, 3, 3, 1);
    // centre (1,1): taps at (-1..3 step 2) -> only (1,1) inside: 5. corner (0,0):
    // (0,0),(0,2),(2,0),(2,2).
    assertValues(
        y,
        1 + 3 + 7 + 9,
        2 + 8,
        1 + 3 + 7 + 9,
        4 + 6,
        5,
        4 + 6,
        1 + 3 + 7 + 9,
        2 + 8,
        1 + 3 + 7 + 9);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void depthwiseWithDepthMultiplier(Gemm gemm) {
    // 1x1 kernel, 2 channels, multiplier 2: out channel c*2+m = x[c] * w[c][m] + b[c*2+m].
    Tensor out = Model.input(1, 2, 2).depthwiseConv2d(1, c -> c.depthMultiplier(2));
    out.layer().setWeights(new float[] {1, 2, 3, 4}, new float[] {0, 0, 0, 0.5f});
    float[] y = run(out, gemm, new float[] {1, 10, 2, 20}, 1, 1, 2, 2);
    assertValues(y, 1, 2, 30, 40.5f, 2, 4, 60, 80.5f);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void depthwiseSameBorders(Gemm gemm) {
    Tensor out = Model.input(3, 3, 1).depthwiseConv2d(3, c -> c.padding(SAME));
    out.layer().setWeights(ones(9), new float[] {0});
    float[] y = run(out, gemm, ones(9), 1, 3, 3, 1);
    assertValues(y, 4, 6, 4, 6, 9, 6, 4, 6, 4);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void separable(Gemm gemm) {
    // depthwise 1x1 (x2, x3 per channel) then pointwise sum, bias 1.
    Tensor out = Model.input(1, 1, 2).separableConv2d(1, 1);
    out.layer().setWeights(new float[] {2, 3}, new float[] {1, 1}, new float[] {1});
    float[] y = run(out, gemm, new float[] {1, 10}, 1, 1, 1, 2);
    assertValues(y, 2 + 30 + 1);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void poolingAtBorders(Gemm gemm) {
    Tensor in = Model.input(3, 3, 1);
    Tensor max = in.maxPooling2d(2, c -> c.padding(SAME));
    Tensor avg = in.averagePooling2d(2, c -> c.padding(SAME));
    Tensor valid = in.maxPooling2d(2, c -> c.strides(1));
    assertValues(run(max, gemm, range(9), 1, 3, 3, 1), 5, 6, 8, 9);
    // SAME average pooling divides by the window's cells inside the input, as TensorFlow does.
    assertValues(run(avg, gemm, range(9), 1, 3, 3, 1), 3, 4.5f, 7.5f, 9);
    assertValues(run(valid, gemm, range(9), 1, 3, 3, 1), 5, 6, 8, 9);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void globalPooling(Gemm gemm) {
    Tensor in = Model.input(2, 2, 2);
    assertValues(run(in.globalAveragePooling2d(), gemm, range(8), 1, 2, 2, 2), 4, 5);
    assertValues(run(in.globalMaxPooling2d(), gemm, range(8), 1, 2, 2, 2), 7, 8);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void batchNormFoldedIntoConvAndAlone(Gemm gemm) {
    float[] gamma = {2, 0.5f};
    float[] beta = {1, -1};
    float[] mean = {3, -2};
    float[] var = {4, 0.25f};
    float[] x = {1, 2, 3, 4};
    // Alone, right after the input.
    Tensor bn = Model.input(2, 2).batchNormalization();
    bn.layer().setWeights(gamma, beta, mean, var);
    float[] expected = new float[4];
    for (int i = 0; i < 4; i++) {
      int c = i % 2;
      expected[i] = (float) ((x[i] - mean[c]) / Math.sqrt(var[c] + 1e-3) * gamma[c] + beta[c]);
    }
    assertValues(run(bn, gemm, x, 1, 2, 2), expected);
    // Fused after a 1x1 identity convolution, then a ReLU: the same values, clipped.
    Tensor conv = Model.input(2, 2).conv1d(2, 1);
    Tensor bn2 = conv.batchNormalization();
    Tensor out = bn2.relu();
    conv.layer().setWeights(new float[] {1, 0, 0, 1}, new float[] {0, 0});
    bn2.layer().setWeights(gamma, beta, mean, var);
    float[] clipped = expected.clone();
    for (int i = 0; i < 4; i++) {
      clipped[i] = Math.max(0, clipped[i]);
    }
    assertValues(run(out, gemm, x, 1, 2, 2), clipped);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void temporalTimeDistributed(Gemm gemm) {
    // (time 2, 2x2x1) -> TD(conv2d(1, 2)) of ones -> relu -> dense over the last axis.
    Tensor td = Model.input(NONE, 2, 2, 1).timeDistributed(t -> t.conv2d(1, 2));
    Tensor flat = td.relu().timeDistributed(t -> t.flatten());
    Tensor out = flat.dense(1);
    td.layer().setWeights(ones(4), new float[] {-5});
    out.layer().setWeights(new float[] {2}, new float[] {1});
    float[] x = {1, 2, 3, 4, -1, -2, -3, -4, 5, 5, 5, 5, 0, 0, 0, 1};
    assertValues(run(td, gemm, x, 2, 2, 2, 2, 1), 5, -15, 15, -4);
    float[] y = run(out, gemm, x, 2, 2, 2, 2, 1);
    // sums per step: 10, -10, 20, 1 -> -5+sum -> relu -> 5, 0, 15, 0 -> 2y+1
    assertValues(y, 11, 1, 31, 1);
    Model m = Model.of(out);
    Map<Layer, Double> rates =
        FiringRates.of(m, ExampleData.of(x, 2, 2, 2, 2, 1), 1, java.util.Optional.empty(), gemm);
    // The dense layer's rate: mean |relu out| over batch and time = (5 + 0 + 15 + 0) / 4.
    assertThat(rates.get(out.layer())).isWithin(1e-9).of(5.0);
    // The relu's rate: mean |conv out| = (5 + 15 + 15 + 4) / 4.
    assertThat(rates.get(flat.inputs().get(0).layer())).isWithin(1e-9).of(39 / 4.0);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void spikingActivationOver1000Steps(Gemm gemm) {
    int steps = 1000;
    float[] rates = {0.5f, 1f, 2.5f, 40f, -3f};
    float[] x = new float[steps * rates.length];
    for (int t = 0; t < steps; t++) {
      System.arraycopy(rates, 0, x, t * rates.length, rates.length);
    }
    Tensor out = Model.input(NONE, rates.length).spikingActivation(Activation.RELU, s -> s.seed(7));
    float[] y = run(out, gemm, x, 1, steps, rates.length);
    float[] v0 = new float[rates.length];
    SpikingOp.initialVoltages(7, 0, v0);
    for (int u = 0; u < rates.length; u++) {
      double spikes = 0;
      for (int t = 0; t < steps; t++) {
        float o = y[t * rates.length + u];
        // Output = spikes / dt in float32 (1 / 0.001f = 999.99994, as in TensorFlow).
        float count = o * 0.001f;
        assertThat(Math.abs(count - Math.round(count))).isLessThan(1e-4f);
        spikes += Math.round(count);
      }
      // Spikes over 1 s at rate r starting from v0: floor(v0 + r * 1 s).
      double expected = Math.floor(v0[u] + Math.max(0, rates[u]) * steps * 0.001);
      assertWithMessage("unit " + u).that(Math.round(spikes)).isEqualTo((long) expected);
    }
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void concatenateAndAdd(Gemm gemm) {
    Tensor in = Model.input(2, 1);
    Tensor a = in.relu();
    Tensor b = in.leakyRelu();
    Tensor cat = Tensor.concatenate(a, b);
    Tensor sum = Tensor.add(a, b);
    assertValues(run(cat, gemm, new float[] {1, -2}, 1, 2, 1), 1, 1, 0, -0.6f);
    assertValues(run(sum, gemm, new float[] {1, -2}, 1, 2, 1), 2, -0.6f);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void denseMatchesNaiveOnOddSizes(Gemm gemm) {
    int in = 37;
    int units = 19;
    int n = 13;
    Tensor out = Model.input(in).dense(units);
    float[] w = new float[in * units];
    float[] b = new float[units];
    float[] x = new float[n * in];
    java.util.Random r = new java.util.Random(1);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < units; i++) {
      b[i] = i;
    }
    out.layer().setWeights(w, b);
    float[] y = run(out, gemm, x, n, in);
    float[] expected = new float[n * units];
    for (int s = 0; s < n; s++) {
      for (int j = 0; j < units; j++) {
        double acc = b[j];
        for (int k = 0; k < in; k++) {
          acc += (double) x[s * in + k] * w[k * units + j];
        }
        expected[s * units + j] = (float) acc;
      }
    }
    for (int i = 0; i < expected.length; i++) {
      assertThat(y[i]).isWithin(1e-4f).of(expected[i]);
    }
  }

  @org.junit.jupiter.api.Test
  void activations() {
    Activation[] acts = {
      Activation.SIGMOID,
      Activation.HARD_SIGMOID,
      Activation.TANH,
      Activation.ELU,
      Activation.SELU,
      Activation.SOFTPLUS,
      Activation.SOFTSIGN,
      Activation.SWISH,
      Activation.GELU,
      Activation.LEAKY_RELU,
      Activation.RELU,
      Activation.EXPONENTIAL,
      Activation.ABS
    };
    float[][] expected = {
      {0.26894142f, 0.5f, 0.88079708f},
      {0.3f, 0.5f, 0.9f},
      {-0.76159416f, 0f, 0.96402758f},
      {-0.63212056f, 0f, 2f},
      {-1.11133074f, 0f, 2.10140197f},
      {0.31326169f, 0.69314718f, 2.12692801f},
      {-0.5f, 0f, 0.66666667f},
      {-0.26894142f, 0f, 1.76159416f},
      {-0.15865525f, 0f, 1.95449974f},
      {-0.2f, 0f, 2f},
      {0f, 0f, 2f},
      {0.36787944f, 1f, 7.3890561f},
      {1f, 0f, 2f}
    };
    for (int i = 0; i < acts.length; i++) {
      float[] v = {-1, 0, 2};
      Activations.apply(acts[i], v, 0, 1, 3);
      for (int j = 0; j < 3; j++) {
        assertWithMessage(acts[i] + " at " + j).that(v[j]).isWithin(1e-6f).of(expected[i][j]);
      }
    }
    float[] s = {1, 2, 3};
    Activations.apply(Activation.SOFTMAX, s, 0, 1, 3);
    assertValues(s, 0.09003057f, 0.24472847f, 0.66524096f);
  }

  @org.junit.jupiter.api.Test
  void wrongWeightsNameTheLayerAndShapes() {
    Tensor out = Model.input(28, 28, 1).conv2d(2, 7);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> out.layer().setWeights(new float[5], new float[2]));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "layer conv2d(2, 7x7) (Conv2D) takes 2 weight"
                + " arrays, [kernel (7, 7, 1, 2), bias (2,)] for its input (None, 28, 28, 1), each"
                + " flattened row-major; got 2 arrays of sizes [5, 2]");
    // A set that would fit another input size is refused as well: the input is known.
    assertThrows(
        IllegalArgumentException.class,
        () -> out.layer().setWeights(new float[7 * 7 * 3 * 2], new float[2]));

    Model m =
        Model.input(28, 28, 1).conv2d(2, 7).relu().flatten().dense(128).relu().dense(10).model();
    IllegalArgumentException e2 =
        assertThrows(
            IllegalArgumentException.class,
            () -> m.layer("dense_1").setWeights(new float[100 * 10], new float[10]));
    assertThat(e2)
        .hasMessageThat()
        .isEqualTo(
            "layer 'dense_1' dense(10) (Dense) takes 2"
                + " weight arrays, [kernel (128, 10), bias (10,)] for its input (None, 128), each"
                + " flattened row-major; got 2 arrays of sizes [1000, 10]");
    IllegalArgumentException e3 =
        assertThrows(
            IllegalArgumentException.class, () -> m.layer("re_lu").setWeights(new float[1]));
    assertThat(e3)
        .hasMessageThat()
        .isEqualTo("layer 're_lu' relu (ReLU) has no weights, but got 1 array");
  }

  @org.junit.jupiter.api.Test
  void weightsOfAnUnappliedLayerFollowTheFirstArray() {
    Layer conv = Layer.of(org.neurojoule.layer.Conv.of(2, 2, 7));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> conv.setWeights(new float[5], new float[2]));
    assertThat(e).hasMessageThat().contains("[kernel (7, 7, cin, 2), bias (2,)]");
    conv.setWeights(new float[7 * 7 * 3 * 2], new float[2]);
    // Applied to one channel, those weights fail where the model runs, naming the layer.
    Model m = Model.of(conv.apply(Model.input(28, 28, 1)));
    IllegalArgumentException e2 =
        assertThrows(
            IllegalArgumentException.class,
            () -> FiringRates.of(m, ExampleData.filled(1, 1, 28, 28, 1)));
    assertThat(e2).hasMessageThat().contains("'conv2d'");
    assertThat(e2).hasMessageThat().contains("kernel (7, 7, 1, 2)");
  }

  @org.junit.jupiter.api.Test
  void initializeWeightsIsDeterministicAndKerasLike() {
    Tensor x = Model.input(8, 8, 3).conv2d(4, 3);
    Tensor out = x.batchNormalization().flatten().dense(5);
    Model a = Model.of(out);
    a.initializeWeights(42);
    List<float[]> conv = x.layer().weights();
    assertThat(conv.get(0).length).isEqualTo(3 * 3 * 3 * 4);
    double limit = Math.sqrt(6.0 / (27 + 36));
    for (float v : conv.get(0)) {
      assertThat((double) Math.abs(v)).isAtMost(limit);
    }
    assertThat(conv.get(1)).isEqualTo(new float[4]);
    List<float[]> bn = out.inputs().get(0).inputs().get(0).layer().weights();
    assertThat(bn.get(0)).isEqualTo(ones(4));
    assertThat(bn.get(1)).isEqualTo(new float[4]);
    assertThat(bn.get(2)).isEqualTo(new float[4]);
    assertThat(bn.get(3)).isEqualTo(ones(4));
    float[] first = conv.get(0);
    a.initializeWeights(42);
    assertThat(x.layer().weights().get(0)).isEqualTo(first);
    a.initializeWeights(43);
    assertThat(x.layer().weights().get(0)).isNotEqualTo(first);
  }
}
