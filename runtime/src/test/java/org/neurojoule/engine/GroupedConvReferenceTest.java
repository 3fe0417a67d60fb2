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
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/**
 * Grouped Conv1D/2D/3D on every kernel path (the pure-Java direct kernel, with and without OpenBLAS
 * on the class path, and oneDNN's grouped weights) against a naive float64 grouped convolution:
 * filter f reads only the input channels of its group f / (filters / groups).
 */
class GroupedConvReferenceTest {
  private static final double TOLERANCE = 1e-5;
  private static final int N = 2;

  /**
   * A random geometry: spatial size per axis, channels, filters, groups, kernel, stride, dilation.
   */
  record Case(
      String label,
      int[] spatial,
      int cin,
      int filters,
      int groups,
      int[] kernel,
      int stride,
      int dilation,
      Padding padding) {
    @Override
    public String toString() {
      return label
          + " "
          + Arrays.toString(spatial)
          + "x"
          + cin
          + " -> "
          + filters
          + " in "
          + groups
          + " groups, kernel "
          + Arrays.toString(kernel)
          + ", stride "
          + stride
          + ", dilation "
          + dilation
          + ", "
          + padding;
    }
  }

  static Stream<Case> geometries() {
    SplittableRandom r = new SplittableRandom(15);
    Stream.Builder<Case> cases = Stream.builder();
    cases.add(
        new Case("groups 2", new int[] {7, 6}, 4, 6, 2, new int[] {3, 3}, 1, 1, Padding.VALID));
    cases.add(
        new Case("depthwise", new int[] {6, 7}, 5, 5, 5, new int[] {3, 3}, 1, 1, Padding.SAME));
    cases.add(
        new Case(
            "depthwise x2, strided",
            new int[] {9, 8},
            3,
            6,
            3,
            new int[] {3, 2},
            2,
            1,
            Padding.SAME));
    cases.add(
        new Case("3D", new int[] {4, 5, 5}, 4, 8, 2, new int[] {2, 3, 2}, 1, 1, Padding.VALID));
    cases.add(new Case("1D dilated", new int[] {11}, 6, 9, 3, new int[] {3}, 1, 2, Padding.SAME));
    cases.add(new Case("1D causal", new int[] {10}, 4, 4, 2, new int[] {3}, 1, 1, Padding.CAUSAL));
    // Dilated far beyond the input with 'same': a clipped window.
    cases.add(new Case("clipped", new int[] {3, 4}, 4, 4, 2, new int[] {3, 3}, 1, 4, Padding.SAME));
    for (int i = 0; i < 4; i++) {
      int rank = 1 + r.nextInt(3);
      int groups = 1 + r.nextInt(4);
      int cig = 1 + r.nextInt(3);
      int cog = 1 + r.nextInt(3);
      boolean strided = r.nextBoolean();
      int dilation = strided ? 1 : 1 + r.nextInt(2);
      int[] spatial = new int[rank];
      int[] kernel = new int[rank];
      for (int a = 0; a < rank; a++) {
        kernel[a] = 1 + r.nextInt(3);
        spatial[a] = (kernel[a] - 1) * dilation + 1 + r.nextInt(5);
      }
      cases.add(
          new Case(
              "random " + i,
              spatial,
              groups * cig,
              groups * cog,
              groups,
              kernel,
              strided ? 2 : 1,
              dilation,
              r.nextBoolean() ? Padding.SAME : Padding.VALID));
    }
    return cases.build();
  }

  static Stream<Arguments> cases() {
    return NaiveReferenceTest.gemms().flatMap(gemm -> geometries().map(g -> Arguments.of(gemm, g)));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("cases")
  void groupedConv_equalsNaiveGroupedConvolution(Gemm gemm, Case c) {
    int rank = c.spatial.length;
    int[] shape = Arrays.copyOf(c.spatial, rank + 1);
    shape[rank] = c.cin;
    Tensor input = Model.input(shape);
    int k = c.kernel[0];
    Tensor t =
        switch (rank) {
          case 1 -> input.conv1d(c.filters, k, x -> configure(x, c));
          case 2 -> input.conv2d(c.filters, k, x -> configure(x, c));
          default -> input.conv3d(c.filters, k, x -> configure(x, c));
        };
    int taps = Arrays.stream(c.kernel).reduce(1, (a, b) -> a * b);
    float[] w = random(taps * (c.cin / c.groups) * c.filters, 1);
    float[] b = random(c.filters, 2);
    t.layer().setWeights(w, b);
    int[] data = new int[rank + 2];
    data[0] = N;
    System.arraycopy(shape, 0, data, 1, rank + 1);
    float[] x = random(N * Arrays.stream(shape).reduce(1, (p, q) -> p * q), 3);

    float[] got = KernelTest.run(t, gemm, x, data);

    int[] out = t.shape().toArray();
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

  private static org.neurojoule.layer.Conv configure(org.neurojoule.layer.Conv conv, Case c) {
    return conv.kernelSize(c.kernel)
        .strides(c.stride)
        .dilationRate(c.dilation)
        .padding(c.padding)
        .groups(c.groups)
        .activation(Activation.TANH);
  }

  /**
   * The definition, in float64: per output position and filter f of group g, the bias plus the sum
   * over taps and the group's input channels; zeros outside the input ('same' splits the padding
   * with the odd one after, 'causal' puts it all before).
   */
  private static double[] naive(float[] x, int[] in, float[] w, float[] b, Case c, int[] out) {
    int rank = c.spatial.length;
    int cig = c.cin / c.groups;
    int cog = c.filters / c.groups;
    int[] pad = new int[rank];
    for (int a = 0; a < rank; a++) {
      int eff = (c.kernel[a] - 1) * c.dilation + 1;
      int total = Math.max(0, (out[a] - 1) * c.stride + eff - in[a]);
      pad[a] = c.padding == Padding.CAUSAL ? eff - 1 : c.padding == Padding.SAME ? total / 2 : 0;
    }
    int outPixels = 1;
    int inPixels = 1;
    int taps = 1;
    for (int a = 0; a < rank; a++) {
      outPixels *= out[a];
      inPixels *= in[a];
      taps *= c.kernel[a];
    }
    double[] y = new double[N * outPixels * c.filters];
    int[] o = new int[rank];
    int[] t = new int[rank];
    for (int e = 0; e < N; e++) {
      for (int p = 0; p < outPixels; p++) {
        unravel(p, out, o);
        for (int f = 0; f < c.filters; f++) {
          int g = f / cog;
          double acc = b[f];
          for (int tap = 0; tap < taps; tap++) {
            unravel(tap, c.kernel, t);
            int pos = 0;
            boolean inside = true;
            for (int a = 0; a < rank; a++) {
              int v = o[a] * c.stride - pad[a] + t[a] * c.dilation;
              inside &= v >= 0 && v < in[a];
              pos = pos * in[a] + v;
            }
            if (!inside) {
              continue;
            }
            for (int ci = 0; ci < cig; ci++) {
              acc +=
                  (double) x[(e * inPixels + pos) * c.cin + g * cig + ci]
                      * w[(tap * cig + ci) * c.filters + f];
            }
          }
          y[(e * outPixels + p) * c.filters + f] = Math.tanh(acc);
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
