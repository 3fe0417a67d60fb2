package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.neurojoule.Model.NONE;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.layer.Padding.VALID;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/**
 * The forward pass against naive float64 references, on every matrix-multiply path.
 *
 * <p>{@link KernelTest} checks small cases by hand; this covers the layer configurations it does
 * not (strided and dilated 'same' convolutions in 1-3D, depthwise and separable with depth
 * multipliers, 'same' pooling whose average leaves the padding out of the count, global pooling,
 * merges, ReLU options, dense on rank 3, TimeDistributed) with references written as the textbook
 * loops, so that a fast path (im2col, direct, oneDNN, fused epilogue) that gets an index or a
 * padding wrong shows up. Inputs and weights are smooth non-trivial sequences; the engine computes
 * in float32, so values must agree to a relative 1e-4 (denominators floored at 1e-3 so that values
 * near zero are compared absolutely).
 */
class NaiveReferenceTest {
  private static final double TOLERANCE = 1e-4;

  /** Examples per run: more than one, so batch offsets are exercised. */
  private static final int N = 2;

  static Stream<Gemm> gemms() {
    // Pure Java, OpenBLAS and oneDNN, each with every convolution on its general path; then the
    // default, where convolutions with few filters take the narrow direct kernel.
    return Stream.of(
        Gemm.java().wide(), Gemm.best().plain().wide(), Gemm.best().wide(), Gemm.best());
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void conv3dSameWithStrides(Gemm gemm) {
    // conv3d(filters, 2) is a 2x2x2 kernel; strides differ per axis.
    Tensor t = Model.input(3, 5, 6, 2).conv3d(3, 2, c -> c.strides(1, 2, 2).padding(SAME));
    float[] w = seq(2 * 2 * 2 * 2 * 3, 0.3, 1);
    float[] b = seq(3, 0.1, 2);
    t.layer().setWeights(w, b);
    float[] x = seq(N * 3 * 5 * 6 * 2, 1, 0.5);
    assertClose(
        gemm,
        run(t, gemm, x, N, 3, 5, 6, 2),
        conv(
            x,
            dims(3, 5, 6),
            2,
            window(dims(2, 2, 2), dims(1, 2, 2), dims(1, 1, 1), SAME),
            w,
            b,
            3));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void conv3dValidWithDilation(Gemm gemm) {
    Tensor t = Model.input(5, 5, 5, 1).conv3d(2, 2, c -> c.dilationRate(2));
    float[] w = seq(8 * 2, 0.3, 1);
    float[] b = seq(2, 0.1, 2);
    t.layer().setWeights(w, b);
    float[] x = seq(N * 125, 1, 0.5);
    assertClose(
        gemm,
        run(t, gemm, x, N, 5, 5, 5, 1),
        conv(
            x,
            dims(5, 5, 5),
            1,
            window(dims(2, 2, 2), dims(1, 1, 1), dims(2, 2, 2), VALID),
            w,
            b,
            2));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void conv1dKernel4Stride3Same(Gemm gemm) {
    Tensor t = Model.input(10, 3).conv1d(4, 4, c -> c.strides(3).padding(SAME));
    float[] w = seq(4 * 3 * 4, 0.3, 1);
    float[] b = seq(4, 0.1, 2);
    t.layer().setWeights(w, b);
    float[] x = seq(N * 30, 1, 0.5);
    assertClose(
        gemm,
        run(t, gemm, x, N, 10, 3),
        conv(x, dims(10), 3, window(dims(4), dims(3), dims(1), SAME), w, b, 4));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void conv2d1x1Stride2(Gemm gemm) {
    // One tap but strided: not the plain matrix-multiply shortcut of a 1x1 convolution.
    Tensor t = Model.input(5, 5, 3).conv2d(2, 1, c -> c.strides(2));
    float[] w = seq(3 * 2, 0.3, 1);
    float[] b = seq(2, 0.1, 2);
    t.layer().setWeights(w, b);
    float[] x = seq(N * 75, 1, 0.5);
    assertClose(
        gemm,
        run(t, gemm, x, N, 5, 5, 3),
        conv(x, dims(5, 5), 3, window(dims(1, 1), dims(2, 2), dims(1, 1), VALID), w, b, 2));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void conv2dKernel4Stride2SameOn6x7(Gemm gemm) {
    // Rows pad 1 before and 1 after, columns 1 and 2: the padding differs per axis.
    Tensor t = Model.input(6, 7, 2).conv2d(3, 4, c -> c.strides(2).padding(SAME));
    float[] w = seq(16 * 2 * 3, 0.3, 1);
    float[] b = seq(3, 0.1, 2);
    t.layer().setWeights(w, b);
    float[] x = seq(N * 84, 1, 0.5);
    assertClose(
        gemm,
        run(t, gemm, x, N, 6, 7, 2),
        conv(x, dims(6, 7), 2, window(dims(4, 4), dims(2, 2), dims(1, 1), SAME), w, b, 3));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void depthwiseMultiplier3Stride2Same(Gemm gemm) {
    Tensor t =
        Model.input(7, 6, 2).depthwiseConv2d(3, c -> c.depthMultiplier(3).strides(2).padding(SAME));
    float[] w = seq(9 * 2 * 3, 0.3, 1);
    float[] b = seq(6, 0.1, 2);
    t.layer().setWeights(w, b);
    float[] x = seq(N * 84, 1, 0.5);
    assertClose(
        gemm,
        run(t, gemm, x, N, 7, 6, 2),
        depthwise(x, dims(7, 6), 2, window(dims(3, 3), dims(2, 2), dims(1, 1), SAME), w, b, 3));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void depthwiseMultiplier2Dilation2EvenKernel(Gemm gemm) {
    Tensor t =
        Model.input(7, 6, 2)
            .depthwiseConv2d(2, c -> c.depthMultiplier(2).dilationRate(2).padding(SAME));
    float[] w = seq(4 * 2 * 2, 0.3, 1);
    float[] b = seq(4, 0.1, 2);
    t.layer().setWeights(w, b);
    float[] x = seq(N * 84, 1, 0.5);
    assertClose(
        gemm,
        run(t, gemm, x, N, 7, 6, 2),
        depthwise(x, dims(7, 6), 2, window(dims(2, 2), dims(1, 1), dims(2, 2), SAME), w, b, 2));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void separableMultiplier2Stride2SameRelu(Gemm gemm) {
    Tensor t =
        Model.input(7, 6, 3)
            .separableConv2d(
                5,
                3,
                c -> c.depthMultiplier(2).strides(2).padding(SAME).activation(Activation.RELU));
    float[] dw = seq(9 * 3 * 2, 0.3, 1);
    float[] pw = seq(6 * 5, 0.3, 3);
    float[] b = seq(5, 0.1, 2);
    t.layer().setWeights(dw, pw, b);
    float[] x = seq(N * 126, 1, 0.5);
    // The engine keeps the depthwise result in float32 before the pointwise step, as Keras does.
    float[] mid =
        floats(
            depthwise(
                x, dims(7, 6), 3, window(dims(3, 3), dims(2, 2), dims(1, 1), SAME), dw, null, 2));
    double[] want =
        map(
            conv(mid, dims(4, 3), 6, window(dims(1, 1), dims(1, 1), dims(1, 1), VALID), pw, b, 5),
            v -> Math.max(0, v));
    assertClose(gemm, run(t, gemm, x, N, 7, 6, 3), want);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void averagePoolingSameLeavesPaddingOutOfTheCount(Gemm gemm) {
    float[] x1 = seq(N * 7 * 2, 1, 0.5);
    assertClose(
        gemm,
        run(
            Model.input(7, 2).averagePooling1d(3, p -> p.strides(2).padding(SAME)),
            gemm,
            x1,
            N,
            7,
            2),
        pool(x1, dims(7), 2, dims(3), dims(2), SAME, false));
    float[] x2 = seq(N * 5 * 6 * 2, 1, 0.5);
    assertClose(
        gemm,
        run(
            Model.input(5, 6, 2).averagePooling2d(3, p -> p.strides(2).padding(SAME)),
            gemm,
            x2,
            N,
            5,
            6,
            2),
        pool(x2, dims(5, 6), 2, dims(3, 3), dims(2, 2), SAME, false));
    float[] x3 = seq(N * 3 * 4 * 5 * 2, 1, 0.5);
    assertClose(
        gemm,
        run(
            Model.input(3, 4, 5, 2).averagePooling3d(2, p -> p.padding(SAME)),
            gemm,
            x3,
            N,
            3,
            4,
            5,
            2),
        pool(x3, dims(3, 4, 5), 2, dims(2, 2, 2), dims(2, 2, 2), SAME, false));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void maxPooling1dAnd3d(Gemm gemm) {
    float[] x1 = seq(N * 7 * 2, 1, 0.5);
    assertClose(
        gemm,
        run(Model.input(7, 2).maxPooling1d(2, p -> p.strides(1)), gemm, x1, N, 7, 2),
        pool(x1, dims(7), 2, dims(2), dims(1), VALID, true));
    float[] x3 = seq(N * 3 * 4 * 5 * 2, 1, 0.5);
    assertClose(
        gemm,
        run(
            Model.input(3, 4, 5, 2).maxPooling3d(2, p -> p.strides(1).padding(SAME)),
            gemm,
            x3,
            N,
            3,
            4,
            5,
            2),
        pool(x3, dims(3, 4, 5), 2, dims(2, 2, 2), dims(1, 1, 1), SAME, true));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void globalPooling(Gemm gemm) {
    // The same 60 positions of 2 channels per example, seen as 3x4x5, 60 and 12x5.
    float[] x = seq(N * 60 * 2, 1, 0.5);
    double[] avg = globalPool(x, 60, 2, false);
    assertClose(
        gemm, run(Model.input(3, 4, 5, 2).globalAveragePooling3d(), gemm, x, N, 3, 4, 5, 2), avg);
    assertClose(
        gemm,
        run(Model.input(60, 2).globalMaxPooling1d(), gemm, x, N, 60, 2),
        globalPool(x, 60, 2, true));
    // keepdims only changes the shape to (1, 1, 2), not the values.
    assertClose(
        gemm,
        run(
            Model.input(12, 5, 2).globalAveragePooling2d(p -> p.keepdims(true)),
            gemm,
            x,
            N,
            12,
            5,
            2),
        avg);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void reshapeThenConv(Gemm gemm) {
    Tensor t = Model.input(24).reshape(4, 3, 2).conv2d(1, 2, c -> c.useBias(false));
    float[] w = seq(8, 0.3, 1);
    t.layer().setWeights(w);
    float[] x = seq(N * 24, 1, 0.5);
    assertClose(
        gemm,
        run(t, gemm, x, N, 24),
        conv(x, dims(4, 3), 2, window(dims(2, 2), dims(1, 1), dims(1, 1), VALID), w, null, 1));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void concatenateOnAxis1AndMinus2(Gemm gemm) {
    Tensor in = Model.input(2, 3, 2);
    Tensor a = in.relu();
    Tensor b = in.leakyRelu();
    float[] x = seq(N * 12, 1, 0.5);
    double[] ea = map(doubles(x), NaiveReferenceTest::relu);
    double[] eb = map(doubles(x), v -> leaky(v, 0.3));
    // Axis 1 gives (4, 3, 2): a's 2 rows, then b's.
    double[] want1 = new double[N * 24];
    // Axis -2 gives (2, 6, 2): in each row a's 3 columns, then b's.
    double[] want2 = new double[N * 24];
    for (int e = 0; e < N; e++) {
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          for (int c = 0; c < 2; c++) {
            int src = ((e * 2 + i) * 3 + j) * 2 + c;
            want1[((e * 4 + i) * 3 + j) * 2 + c] = ea[src];
            want1[((e * 4 + i + 2) * 3 + j) * 2 + c] = eb[src];
            want2[((e * 2 + i) * 6 + j) * 2 + c] = ea[src];
            want2[((e * 2 + i) * 6 + j + 3) * 2 + c] = eb[src];
          }
        }
      }
    }
    assertClose(
        gemm, run(Tensor.concatenate(List.of(a, b), c -> c.axis(1)), gemm, x, N, 2, 3, 2), want1);
    assertClose(
        gemm, run(Tensor.concatenate(List.of(a, b), c -> c.axis(-2)), gemm, x, N, 2, 3, 2), want2);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void addOfThreeInputs(Gemm gemm) {
    Tensor in = Model.input(2, 3, 2);
    Tensor sum = Tensor.add(in.relu(), in.leakyRelu(), in);
    float[] x = seq(N * 12, 1, 0.5);
    assertClose(
        gemm, run(sum, gemm, x, N, 2, 3, 2), map(doubles(x), v -> relu(v) + leaky(v, 0.3) + v));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void leakyRelu(Gemm gemm) {
    float[] x = seq(N * 12, 1, 0.5);
    // The LeakyReLU layer defaults to Keras 2's alpha 0.3.
    assertClose(
        gemm,
        run(Model.input(12).leakyRelu(), gemm, x, N, 12),
        map(doubles(x), v -> leaky(v, 0.3)));
    assertClose(
        gemm,
        run(Model.input(12).leakyRelu(r -> r.alpha(0.1)), gemm, x, N, 12),
        map(doubles(x), v -> leaky(v, 0.1)));
    // The leaky_relu activation function has tf.nn.leaky_relu's fixed slope 0.2.
    Tensor d = Model.input(3).dense(4, c -> c.activation(Activation.LEAKY_RELU));
    float[] w = seq(12, 0.7, 1);
    float[] b = seq(4, 0.1, 2);
    d.layer().setWeights(w, b);
    float[] x3 = seq(N * 3, 1, 0.5);
    assertClose(gemm, run(d, gemm, x3, N, 3), map(dense(x3, 3, w, b, 4), v -> leaky(v, 0.2)));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void reluOptions(Gemm gemm) {
    float[] x = seq(N * 12, 2, 0.5);
    Tensor t = Model.input(2, 3, 2).relu(o -> o.maxValue(1).negativeSlope(0.1).threshold(0.5));
    // Keras: x above the threshold (capped at max_value), negative_slope * (x - threshold) below.
    assertClose(
        gemm,
        run(t, gemm, x, N, 2, 3, 2),
        map(doubles(x), v -> Math.min(v >= 0.5 ? v : 0.1 * (v - 0.5), 1)));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void denseOnRank3WithSoftmax(Gemm gemm) {
    // Dense acts on the last axis of each of the 2x3 positions; softmax along the 4 units.
    Tensor t = Model.input(2, 3, 2).dense(4, d -> d.activation(Activation.SOFTMAX));
    float[] w = seq(8, 0.7, 1);
    float[] b = seq(4, 0.1, 2);
    t.layer().setWeights(w, b);
    float[] x = seq(N * 12, 2, 0.5);
    double[] want = dense(x, 2, w, b, 4);
    for (int row = 0; row < want.length / 4; row++) {
      softmax(want, row * 4, 4);
    }
    assertClose(gemm, run(t, gemm, x, N, 2, 3, 2), want);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void denseWithAMillionWeights_onRank3WithRelu(Gemm gemm) {
    // 1024 x 1024 weights: where convolutions run on oneDNN, so does this layer, as a 1x1
    // convolution over each example's 3 rows.
    int cin = 1024;
    int units = 1024;
    Tensor t = Model.input(3, cin).dense(units, d -> d.activation(Activation.RELU));
    float[] w = seq(cin * units, 0.05, 1);
    float[] b = seq(units, 0.1, 2);
    t.layer().setWeights(w, b);
    float[] x = seq(N * 3 * cin, 1, 0.5);
    double[] want = dense(x, cin, w, b, units);
    float[] got = run(t, gemm, x, N, 3, cin);
    assertWithMessage("number of values").that(got.length).isEqualTo(want.length);
    // Sums of 1024 terms of both signs: float32's error is relative to sum |x w|, not to the
    // (sometimes nearly cancelled) result.
    for (int row = 0; row < want.length / units; row++) {
      for (int u = 0; u < units; u++) {
        double scale = Math.abs(b[u]);
        for (int k = 0; k < cin; k++) {
          scale += Math.abs((double) x[row * cin + k] * w[k * units + u]);
        }
        int i = row * units + u;
        assertWithMessage("value %s on %s", i, gemm.name() + (gemm.dnnlConv() ? "+dnnl" : ""))
            .that((double) got[i])
            .isWithin(1e-5 * scale)
            .of(Math.max(want[i], 0));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void timeDistributedMaxPooling(Gemm gemm) {
    Tensor t = Model.input(NONE, 4, 4, 2).timeDistributed(s -> s.maxPooling2d(2));
    float[] x = seq(N * 3 * 4 * 4 * 2, 1, 0.5);
    // 3 steps per example: the reference sees N * 3 images.
    assertClose(
        gemm,
        run(t, gemm, x, N, 3, 4, 4, 2),
        pool(x, N * 3, dims(4, 4), 2, dims(2, 2), dims(2, 2), VALID, true));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void timeDistributedConvStride2SameThenRelu(Gemm gemm) {
    // The following ReLU may be fused into the convolution's epilogue.
    Tensor conv =
        Model.input(NONE, 4, 4, 2)
            .timeDistributed(s -> s.conv2d(3, 3, c -> c.strides(2).padding(SAME)));
    Tensor t = conv.relu();
    float[] w = seq(9 * 2 * 3, 0.3, 1);
    float[] b = seq(3, 0.1, 2);
    conv.layer().setWeights(w, b);
    float[] x = seq(N * 3 * 4 * 4 * 2, 1, 0.5);
    double[] want =
        conv(
            x,
            N * 3,
            dims(4, 4),
            2,
            window(dims(3, 3), dims(2, 2), dims(1, 1), SAME),
            w,
            b,
            3,
            false);
    assertClose(gemm, run(t, gemm, x, N, 3, 4, 4, 2), map(want, NaiveReferenceTest::relu));
  }

  // ---- Running the engine and comparing.

  @ParameterizedTest
  @MethodSource("gemms")
  void hugeDilationSame_onlyTheCentreTapTouchesTheInput(Gemm gemm) {
    // (3 - 1) * 1.5e9 + 1 is beyond int: the window arithmetic once wrapped (a SIGSEGV in
    // oneDNN, wrong values on im2col, NegativeArraySizeException in the narrow kernel).
    for (int filters : new int[] {2, 8}) {
      Tensor t =
          Model.input(8, 8, 1).conv2d(filters, 3, c -> c.dilationRate(1_500_000_000).padding(SAME));
      float[] w = seq(9 * filters, 0.3, 1);
      float[] b = seq(filters, 0.1, 2);
      t.layer().setWeights(w, b);
      float[] x = seq(N * 64, 1, 0.5);
      assertClose(
          gemm,
          run(t, gemm, x, N, 8, 8, 1),
          conv(
              x,
              dims(8, 8),
              1,
              window(dims(3, 3), dims(1, 1), dims(1_500_000_000, 1_500_000_000), SAME),
              w,
              b,
              filters));
    }
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void dilatedKernelPartlyInThePadding_inEveryRank(Gemm gemm) {
    // Kernel 5 dilated 6 on 8, same: taps 0 and 4 never touch the input, taps 1..3 do.
    Tensor t1 = Model.input(8, 2).conv1d(3, 5, c -> c.dilationRate(6).padding(SAME));
    float[] w1 = seq(5 * 2 * 3, 0.3, 1);
    float[] b1 = seq(3, 0.1, 2);
    t1.layer().setWeights(w1, b1);
    float[] x1 = seq(N * 16, 1, 0.5);
    assertClose(
        gemm,
        run(t1, gemm, x1, N, 8, 2),
        conv(x1, dims(8), 2, window(dims(5), dims(1), dims(6), SAME), w1, b1, 3));
    Tensor t2 =
        Model.input(8, 7, 2)
            .conv2d(5, 5, c -> c.kernelSize(5, 3).dilationRate(6, 1_000_000_000).padding(SAME));
    float[] w2 = seq(5 * 3 * 2 * 5, 0.3, 1);
    float[] b2 = seq(5, 0.1, 2);
    t2.layer().setWeights(w2, b2);
    float[] x2 = seq(N * 112, 1, 0.5);
    assertClose(
        gemm,
        run(t2, gemm, x2, N, 8, 7, 2),
        conv(
            x2,
            dims(8, 7),
            2,
            window(dims(5, 3), dims(1, 1), dims(6, 1_000_000_000), SAME),
            w2,
            b2,
            5));
    Tensor t3 =
        Model.input(4, 5, 6, 1).conv3d(2, 3, c -> c.dilationRate(2_000_000_000).padding(SAME));
    float[] w3 = seq(27 * 2, 0.3, 1);
    float[] b3 = seq(2, 0.1, 2);
    t3.layer().setWeights(w3, b3);
    float[] x3 = seq(N * 120, 1, 0.5);
    assertClose(
        gemm,
        run(t3, gemm, x3, N, 4, 5, 6, 1),
        conv(
            x3,
            dims(4, 5, 6),
            1,
            window(
                dims(3, 3, 3),
                dims(1, 1, 1),
                dims(2_000_000_000, 2_000_000_000, 2_000_000_000),
                SAME),
            w3,
            b3,
            2));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void dilatedKernelThatNeverTouchesTheInput_givesTheBias(Gemm gemm) {
    // Kernel 2 dilated 1e9 on 6, same: both taps fall in the padding for every output.
    Tensor t = Model.input(6, 6, 2).conv2d(3, 2, c -> c.dilationRate(1_000_000_000).padding(SAME));
    float[] w = seq(4 * 2 * 3, 0.3, 1);
    float[] b = seq(3, 0.1, 2);
    t.layer().setWeights(w, b);
    float[] x = seq(N * 72, 1, 0.5);
    double[] want =
        conv(
            x,
            dims(6, 6),
            2,
            window(dims(2, 2), dims(1, 1), dims(1_000_000_000, 1_000_000_000), SAME),
            w,
            b,
            3);
    for (int i = 0; i < want.length; i++) {
      assertWithMessage("reference value %s", i).that(want[i]).isEqualTo((double) b[i % 3]);
    }
    assertClose(gemm, run(t, gemm, x, N, 6, 6, 2), want);
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void hugeDilationSame_depthwiseAndSeparable(Gemm gemm) {
    Tensor d =
        Model.input(7, 6, 2)
            .depthwiseConv2d(
                3, c -> c.depthMultiplier(2).dilationRate(1_500_000_000).padding(SAME));
    float[] w = seq(9 * 2 * 2, 0.3, 1);
    float[] b = seq(4, 0.1, 2);
    d.layer().setWeights(w, b);
    float[] x = seq(N * 84, 1, 0.5);
    Window huge = window(dims(3, 3), dims(1, 1), dims(1_500_000_000, 1_500_000_000), SAME);
    assertClose(gemm, run(d, gemm, x, N, 7, 6, 2), depthwise(x, dims(7, 6), 2, huge, w, b, 2));
    Tensor s =
        Model.input(7, 6, 2)
            .separableConv2d(3, 3, c -> c.dilationRate(1_500_000_000).padding(SAME));
    float[] dw = seq(9 * 2, 0.3, 1);
    float[] pw = seq(2 * 3, 0.3, 3);
    float[] sb = seq(3, 0.1, 2);
    s.layer().setWeights(dw, pw, sb);
    float[] mid = floats(depthwise(x, dims(7, 6), 2, huge, dw, null, 1));
    assertClose(
        gemm,
        run(s, gemm, x, N, 7, 6, 2),
        conv(mid, dims(7, 6), 2, window(dims(1, 1), dims(1, 1), dims(1, 1), VALID), pw, sb, 3));
  }

  @ParameterizedTest
  @MethodSource("gemms")
  void hugePoolSame_isTheGlobalPoolAtEveryPosition(Gemm gemm) {
    // A 2e9 pool with strides 1 once looped over its whole window per output (a hang). Every
    // window covers the 32x32 input, as a 64 pool's does, which the naive loops can afford.
    float[] x = seq(N * 32 * 32 * 2, 1, 0.5);
    for (boolean max : new boolean[] {true, false}) {
      Tensor t =
          max
              ? Model.input(32, 32, 2).maxPooling2d(2_000_000_000, p -> p.strides(1).padding(SAME))
              : Model.input(32, 32, 2)
                  .averagePooling2d(2_000_000_000, p -> p.strides(1).padding(SAME));
      double[] want = pool(x, dims(32, 32), 2, dims(64, 64), dims(1, 1), SAME, max);
      double[] global = globalPool(x, 32 * 32, 2, max);
      for (int i = 0; i < want.length; i++) {
        int e = i / (32 * 32 * 2);
        assertWithMessage("reference value %s", i)
            .that(want[i])
            .isWithin(1e-9 * Math.abs(global[e * 2 + i % 2]))
            .of(global[e * 2 + i % 2]);
      }
      assertClose(gemm, run(t, gemm, x, N, 32, 32, 2), want);
    }
  }

  /** Runs the model of {@code out} on {@code x} and returns {@code out}'s values. */
  private static float[] run(Tensor out, Gemm gemm, float[] x, int... shape) {
    return KernelTest.run(out, gemm, x, shape);
  }

  /** Fails naming the worst value unless each is within a relative {@link #TOLERANCE}. */
  private static void assertClose(Gemm gemm, float[] actual, double[] expected) {
    String path = gemm.name() + (gemm.dnnlConv() ? "+dnnl" : "");
    assertWithMessage("number of values on " + path).that(actual.length).isEqualTo(expected.length);
    double worst = 0;
    int at = 0;
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(actual[i] - expected[i]) / Math.max(1e-3, Math.abs(expected[i]));
      // NaN compares false: count it as the worst.
      if (!(err <= worst)) {
        worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
        at = i;
      }
    }
    assertWithMessage(
            "relative error on %s at value %s: got %s, want %s", path, at, actual[at], expected[at])
        .that(worst)
        .isAtMost(TOLERANCE);
  }

  // ---- Naive float64 references, channels last, batch first.

  /** Kernel size, strides, dilation and padding of a sliding window. */
  private record Window(int[] kernel, int[] strides, int[] dilation, Padding padding) {
    int rank() {
      return kernel.length;
    }

    // In long: a huge dilated window must not wrap here either.
    long extent(int a) {
      return (long) (kernel[a] - 1) * dilation[a] + 1;
    }

    /** Output length along axis {@code a}, as in TensorFlow. */
    int out(int[] in, int a) {
      return (int)
          (padding == SAME
              ? ((long) in[a] + strides[a] - 1) / strides[a]
              : (in[a] - extent(a)) / strides[a] + 1);
    }

    /** Padding before axis {@code a}: TensorFlow puts the odd one after. */
    long padBefore(int[] in, int a) {
      return padding == SAME
          ? Math.max((long) (out(in, a) - 1) * strides[a] + extent(a) - in[a], 0) / 2
          : 0;
    }

    int[] outShape(int[] in) {
      int[] out = new int[rank()];
      for (int a = 0; a < rank(); a++) {
        out[a] = out(in, a);
      }
      return out;
    }

    /**
     * The flat input position of tap {@code tap} for the output at {@code o}, or -1 if it falls in
     * the padding.
     */
    int input(int[] in, int[] o, int[] tap) {
      int flat = 0;
      for (int a = 0; a < rank(); a++) {
        long pos = (long) o[a] * strides[a] - padBefore(in, a) + (long) tap[a] * dilation[a];
        if (pos < 0 || pos >= in[a]) {
          return -1;
        }
        flat = flat * in[a] + (int) pos;
      }
      return flat;
    }
  }

  private static Window window(int[] kernel, int[] strides, int[] dilation, Padding padding) {
    return new Window(kernel, strides, dilation, padding);
  }

  /** A convolution of {@link #N} examples; kernel (taps..., cin, cout). */
  private static double[] conv(
      float[] x, int[] in, int cin, Window win, float[] w, float[] b, int cout) {
    return conv(x, N, in, cin, win, w, b, cout, false);
  }

  /** A depthwise convolution of {@link #N} examples; kernel (taps..., cin, dm), output cin * dm. */
  private static double[] depthwise(
      float[] x, int[] in, int cin, Window win, float[] w, float[] b, int dm) {
    return conv(x, N, in, cin, win, w, b, cin * dm, true);
  }

  private static double[] conv(
      float[] x,
      int n,
      int[] in,
      int cin,
      Window win,
      float[] w,
      float[] b,
      int cout,
      boolean depthwise) {
    int[] out = win.outShape(in);
    int opix = product(out);
    int ipix = product(in);
    int taps = product(win.kernel());
    int dm = cout / cin;
    double[] y = new double[n * opix * cout];
    for (int e = 0; e < n; e++) {
      for (int o = 0; o < opix; o++) {
        int[] oc = unravel(o, out);
        for (int f = 0; f < cout; f++) {
          double acc = b == null ? 0 : b[f];
          for (int t = 0; t < taps; t++) {
            int i = win.input(in, oc, unravel(t, win.kernel()));
            if (i < 0) {
              continue;
            }
            int base = (e * ipix + i) * cin;
            if (depthwise) {
              // Output channel f reads input channel f / dm with its own kernel.
              int c = f / dm;
              acc += (double) x[base + c] * w[(t * cin + c) * dm + f % dm];
            } else {
              for (int c = 0; c < cin; c++) {
                acc += (double) x[base + c] * w[(t * cin + c) * cout + f];
              }
            }
          }
          y[(e * opix + o) * cout + f] = acc;
        }
      }
    }
    return y;
  }

  /** Pooling of {@link #N} examples; the average is over the taps inside the input only. */
  private static double[] pool(
      float[] x, int[] in, int c, int[] k, int[] s, Padding p, boolean max) {
    return pool(x, N, in, c, k, s, p, max);
  }

  private static double[] pool(
      float[] x, int n, int[] in, int c, int[] k, int[] s, Padding p, boolean max) {
    int[] ones = new int[k.length];
    Arrays.fill(ones, 1);
    Window win = window(k, s, ones, p);
    int[] out = win.outShape(in);
    int opix = product(out);
    int ipix = product(in);
    int taps = product(k);
    double[] y = new double[n * opix * c];
    for (int e = 0; e < n; e++) {
      for (int o = 0; o < opix; o++) {
        int[] oc = unravel(o, out);
        for (int ch = 0; ch < c; ch++) {
          double acc = max ? Double.NEGATIVE_INFINITY : 0;
          int count = 0;
          for (int t = 0; t < taps; t++) {
            int i = win.input(in, oc, unravel(t, k));
            if (i < 0) {
              continue;
            }
            double v = x[(e * ipix + i) * c + ch];
            acc = max ? Math.max(acc, v) : acc + v;
            count++;
          }
          y[(e * opix + o) * c + ch] = max ? acc : acc / count;
        }
      }
    }
    return y;
  }

  /** Global average or max over {@code positions} of {@code c} channels, per example. */
  private static double[] globalPool(float[] x, int positions, int c, boolean max) {
    double[] y = new double[N * c];
    for (int e = 0; e < N; e++) {
      for (int ch = 0; ch < c; ch++) {
        double acc = max ? Double.NEGATIVE_INFINITY : 0;
        for (int p = 0; p < positions; p++) {
          double v = x[(e * positions + p) * c + ch];
          acc = max ? Math.max(acc, v) : acc + v;
        }
        y[e * c + ch] = max ? acc : acc / positions;
      }
    }
    return y;
  }

  /** Dense on rows of {@code cin} values; kernel (cin, units). */
  private static double[] dense(float[] x, int cin, float[] w, float[] b, int units) {
    int rows = x.length / cin;
    double[] y = new double[rows * units];
    for (int r = 0; r < rows; r++) {
      for (int u = 0; u < units; u++) {
        double acc = b[u];
        for (int k = 0; k < cin; k++) {
          acc += (double) x[r * cin + k] * w[k * units + u];
        }
        y[r * units + u] = acc;
      }
    }
    return y;
  }

  private static void softmax(double[] v, int off, int len) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = off; i < off + len; i++) {
      max = Math.max(max, v[i]);
    }
    double sum = 0;
    for (int i = off; i < off + len; i++) {
      v[i] = Math.exp(v[i] - max);
      sum += v[i];
    }
    for (int i = off; i < off + len; i++) {
      v[i] /= sum;
    }
  }

  private static double relu(double v) {
    return Math.max(0, v);
  }

  private static double leaky(double v, double alpha) {
    return v >= 0 ? v : alpha * v;
  }

  // ---- Arrays.

  /** {@code scale * sin(1.3 i + phase)}: smooth, signed and without repeats. */
  private static float[] seq(int n, double scale, double phase) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (scale * Math.sin(1.3 * i + phase));
    }
    return a;
  }

  private static int[] dims(int... d) {
    return d;
  }

  private static int product(int[] d) {
    int p = 1;
    for (int x : d) {
      p *= x;
    }
    return p;
  }

  private static int[] unravel(int i, int[] dims) {
    int[] at = new int[dims.length];
    for (int a = dims.length - 1; a >= 0; a--) {
      at[a] = i % dims[a];
      i /= dims[a];
    }
    return at;
  }

  private static double[] doubles(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  private static float[] floats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  private static double[] map(double[] v, DoubleUnaryOperator op) {
    return Arrays.stream(v).map(op).toArray();
  }
}
