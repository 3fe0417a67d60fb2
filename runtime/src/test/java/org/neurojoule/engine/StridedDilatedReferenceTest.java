package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertWithMessage;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Padding;

/**
 * Convolutions with strides and a dilation both above 1 (ONNX and PyTorch have them, Keras does
 * not), and dilated max and average pooling, on every kernel path (pure Java, OpenBLAS, oneDNN, the
 * narrow direct kernel) against a naive float64 loop written from the definition: output position
 * {@code o} reads input {@code o * s - padBefore + t * d} for tap {@code t}, zeros (for a
 * convolution) or nothing (for pooling) outside the input.
 */
class StridedDilatedReferenceTest {
  private static final double TOLERANCE = 1e-5;
  private static final int N = 2;

  /** A window layer: a convolution (groups), a depthwise one, or max or average pooling. */
  enum Kind {
    CONV,
    DEPTHWISE,
    MAX,
    AVERAGE
  }

  record Case(
      Kind kind,
      int[] spatial,
      int cin,
      int filters,
      int groups,
      int[] kernel,
      int[] stride,
      int[] dilation,
      Padding padding) {
    @Override
    public String toString() {
      return kind
          + " "
          + Arrays.toString(spatial)
          + "x"
          + cin
          + " kernel "
          + Arrays.toString(kernel)
          + " strides "
          + Arrays.toString(stride)
          + " dilation "
          + Arrays.toString(dilation)
          + " "
          + padding
          + (kind == Kind.CONV ? " filters " + filters + " groups " + groups : "");
    }
  }

  static Stream<Case> geometries() {
    Stream.Builder<Case> cases = Stream.builder();
    int[] k3 = {3, 3};
    int[] s2 = {2, 2};
    int[] d2 = {2, 2};
    cases.add(new Case(Kind.CONV, new int[] {11, 10}, 3, 5, 1, k3, s2, d2, Padding.VALID));
    cases.add(new Case(Kind.CONV, new int[] {11, 10}, 3, 5, 1, k3, s2, d2, Padding.SAME));
    cases.add(
        new Case(
            Kind.CONV,
            new int[] {9, 12},
            4,
            6,
            2,
            new int[] {2, 3},
            new int[] {3, 2},
            new int[] {2, 3},
            Padding.SAME));
    cases.add(new Case(Kind.DEPTHWISE, new int[] {10, 9}, 3, 6, 3, k3, s2, d2, Padding.SAME));
    cases.add(new Case(Kind.DEPTHWISE, new int[] {10, 9}, 2, 2, 2, k3, s2, d2, Padding.VALID));
    cases.add(new Case(Kind.MAX, new int[] {11, 10}, 3, 3, 1, k3, s2, d2, Padding.VALID));
    cases.add(new Case(Kind.MAX, new int[] {11, 10}, 3, 3, 1, k3, s2, d2, Padding.SAME));
    cases.add(new Case(Kind.AVERAGE, new int[] {11, 10}, 3, 3, 1, k3, s2, d2, Padding.SAME));
    cases.add(
        new Case(
            Kind.AVERAGE,
            new int[] {9, 8},
            2,
            2,
            1,
            new int[] {2, 3},
            new int[] {1, 2},
            new int[] {3, 1},
            Padding.VALID));
    // Dilated far past the input with 'same': most taps (for pooling, whole windows) in the
    // padding.
    cases.add(
        new Case(Kind.MAX, new int[] {3, 4}, 2, 2, 1, k3, s2, new int[] {4, 4}, Padding.SAME));
    cases.add(
        new Case(Kind.CONV, new int[] {3, 4}, 2, 3, 1, k3, s2, new int[] {4, 4}, Padding.SAME));
    SplittableRandom r = new SplittableRandom(22);
    for (int i = 0; i < 8; i++) {
      int rank = 1 + r.nextInt(3);
      Kind kind = Kind.values()[i % 4 == 1 ? 0 : i % 4];
      int[] spatial = new int[rank];
      int[] kernel = new int[rank];
      int[] stride = new int[rank];
      int[] dilation = new int[rank];
      for (int a = 0; a < rank; a++) {
        kernel[a] = 1 + r.nextInt(3);
        stride[a] = 1 + r.nextInt(3);
        dilation[a] = 1 + r.nextInt(3);
        spatial[a] = (kernel[a] - 1) * dilation[a] + 1 + r.nextInt(5);
      }
      int groups = kind == Kind.CONV ? 1 + r.nextInt(2) : 1;
      int cin = groups * (1 + r.nextInt(3));
      int filters = kind == Kind.CONV ? groups * (1 + r.nextInt(3)) : cin;
      cases.add(
          new Case(
              kind,
              spatial,
              cin,
              filters,
              groups,
              kernel,
              stride,
              dilation,
              r.nextBoolean() ? Padding.SAME : Padding.VALID));
    }
    return cases.build();
  }

  static Stream<Arguments> cases() {
    return KernelTest.gemms().flatMap(gemm -> geometries().map(g -> Arguments.of(gemm, g)));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("cases")
  void stridedDilatedWindows_equalTheNaiveDefinition(Gemm gemm, Case c) {
    int rank = c.spatial.length;
    int[] shape = Arrays.copyOf(c.spatial, rank + 1);
    shape[rank] = c.cin;
    Tensor input = Model.input(shape);
    int taps = Arrays.stream(c.kernel).reduce(1, (a, b) -> a * b);
    int k = c.kernel[0];
    float[] w = null;
    float[] b = null;
    Tensor t;
    switch (c.kind) {
      case CONV -> {
        t =
            switch (rank) {
              case 1 -> input.conv1d(c.filters, k, x -> conv(x, c));
              case 2 -> input.conv2d(c.filters, k, x -> conv(x, c));
              default -> input.conv3d(c.filters, k, x -> conv(x, c));
            };
        w = random(taps * (c.cin / c.groups) * c.filters, 1);
        b = random(c.filters, 2);
        t.layer().setWeights(w, b);
      }
      case DEPTHWISE -> {
        int dm = c.filters / c.cin;
        t =
            input.depthwiseConv2d(
                k,
                x ->
                    x.kernelSize(c.kernel)
                        .strides(c.stride)
                        .dilationRate(c.dilation)
                        .padding(c.padding)
                        .depthMultiplier(dm));
        w = random(taps * c.cin * dm, 1);
        b = random(c.filters, 2);
        t.layer().setWeights(w, b);
      }
      default -> {
        boolean max = c.kind == Kind.MAX;
        t =
            switch (rank) {
              case 1 ->
                  max
                      ? input.maxPooling1d(k, x -> pool(x, c))
                      : input.averagePooling1d(k, x -> pool(x, c));
              case 2 ->
                  max
                      ? input.maxPooling2d(k, x -> pool(x, c))
                      : input.averagePooling2d(k, x -> pool(x, c));
              default ->
                  max
                      ? input.maxPooling3d(k, x -> pool(x, c))
                      : input.averagePooling3d(k, x -> pool(x, c));
            };
      }
    }
    int[] data = new int[rank + 2];
    data[0] = N;
    System.arraycopy(shape, 0, data, 1, rank + 1);
    float[] x = random(N * Arrays.stream(shape).reduce(1, (p, q) -> p * q), 3);

    float[] got = KernelTest.run(t, gemm, x, data);

    int[] out = t.shape().toArray();
    assertWithMessage("output shape of %s", c)
        .that(Arrays.copyOf(out, rank))
        .isEqualTo(expectedSpatial(c));
    double[] want = naive(x, shape, w, b, c, out);
    String where = gemm.name() + (gemm.dnnlConv() ? "+dnnl" : "") + " " + c;
    assertWithMessage("values on %s", where).that(got.length).isEqualTo(want.length);
    for (int i = 0; i < want.length; i++) {
      double err = Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i]));
      assertWithMessage("value %s on %s: got %s, want %s", i, where, got[i], want[i])
          .that(err)
          .isAtMost(TOLERANCE);
    }
  }

  private static org.neurojoule.layer.Conv conv(org.neurojoule.layer.Conv conv, Case c) {
    return conv.kernelSize(c.kernel)
        .strides(c.stride)
        .dilationRate(c.dilation)
        .padding(c.padding)
        .groups(c.groups);
  }

  private static org.neurojoule.layer.Pooling pool(org.neurojoule.layer.Pooling p, Case c) {
    org.neurojoule.layer.Pooling sized =
        new org.neurojoule.layer.Pooling(
            p.kind(),
            p.rank(),
            Arrays.stream(c.kernel).boxed().toList(),
            p.strides(),
            p.padding(),
            p.dilationRate(),
            p.name());
    return sized.strides(c.stride).dilationRate(c.dilation).padding(c.padding);
  }

  /**
   * ONNX's rule, written out: valid {@code floor((n - span) / s) + 1}, same {@code ceil(n / s)}.
   */
  private static int[] expectedSpatial(Case c) {
    int[] out = new int[c.spatial.length];
    for (int a = 0; a < out.length; a++) {
      int span = (c.kernel[a] - 1) * c.dilation[a] + 1;
      out[a] =
          c.padding == Padding.SAME
              ? (c.spatial[a] + c.stride[a] - 1) / c.stride[a]
              : (c.spatial[a] - span) / c.stride[a] + 1;
    }
    return out;
  }

  /**
   * The definition in float64. A convolution sums bias plus taps times weights over its group's
   * channels (zeros outside); depthwise output channel {@code c * dm + m} reads channel {@code c};
   * max pooling takes the largest tap inside the input, average pooling the mean of the taps inside
   * (padding is skipped, as ONNX's -infinity pads and count_include_pad 0; a window with no tap
   * inside gives 0).
   */
  private static double[] naive(float[] x, int[] in, float[] w, float[] b, Case c, int[] out) {
    int rank = c.spatial.length;
    int[] pad = new int[rank];
    for (int a = 0; a < rank; a++) {
      int span = (c.kernel[a] - 1) * c.dilation[a] + 1;
      int total = Math.max(0, (out[a] - 1) * c.stride[a] + span - in[a]);
      pad[a] = c.padding == Padding.SAME ? total / 2 : 0;
    }
    int outPixels = 1;
    int inPixels = 1;
    int taps = 1;
    for (int a = 0; a < rank; a++) {
      outPixels *= out[a];
      inPixels *= in[a];
      taps *= c.kernel[a];
    }
    int cout = out[rank];
    double[] y = new double[N * outPixels * cout];
    int[] o = new int[rank];
    int[] t = new int[rank];
    int cig = c.cin / c.groups;
    int cog = c.filters / c.groups;
    for (int e = 0; e < N; e++) {
      for (int p = 0; p < outPixels; p++) {
        unravel(p, out, o);
        for (int f = 0; f < cout; f++) {
          double acc =
              switch (c.kind) {
                case CONV, DEPTHWISE -> b[f];
                case MAX -> Double.NEGATIVE_INFINITY;
                case AVERAGE -> 0;
              };
          int inside = 0;
          for (int tap = 0; tap < taps; tap++) {
            unravel(tap, c.kernel, t);
            int pos = 0;
            boolean in0 = true;
            for (int a = 0; a < rank; a++) {
              int v = o[a] * c.stride[a] - pad[a] + t[a] * c.dilation[a];
              in0 &= v >= 0 && v < in[a];
              pos = pos * in[a] + v;
            }
            if (!in0) {
              continue;
            }
            inside++;
            int base = (e * inPixels + pos) * c.cin;
            switch (c.kind) {
              case CONV -> {
                int g = f / cog;
                for (int ci = 0; ci < cig; ci++) {
                  acc += (double) x[base + g * cig + ci] * w[(tap * cig + ci) * c.filters + f];
                }
              }
              case DEPTHWISE -> {
                int dm = c.filters / c.cin;
                acc += (double) x[base + f / dm] * w[(tap * c.cin + f / dm) * dm + f % dm];
              }
              case MAX -> acc = Math.max(acc, x[base + f]);
              case AVERAGE -> acc += x[base + f];
            }
          }
          if (c.kind == Kind.MAX || c.kind == Kind.AVERAGE) {
            acc = inside == 0 ? 0 : c.kind == Kind.MAX ? acc : acc / inside;
          }
          y[(e * outPixels + p) * cout + f] = acc;
        }
      }
    }
    return y;
  }

  private static void unravel(int index, int[] dims, int[] into) {
    for (int a = into.length - 1; a >= 0; a--) {
      into[a] = index % dims[a];
      index /= dims[a];
    }
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
