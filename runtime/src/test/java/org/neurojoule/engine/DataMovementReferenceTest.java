package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.layer.ZeroPadding;

/**
 * ZeroPadding, Cropping and UpSampling against naive references: each output entry read from the
 * input by its own index arithmetic, written as the textbook loop. They only move values, so the
 * results must be exact.
 */
class DataMovementReferenceTest {
  private static final int N = 2;

  @Test
  void zeroPadding2dWithPairs() {
    Tensor t = Model.input(3, 4, 2).zeroPadding2d(1, 2, 0, 3);
    float[] x = seq(N * 3 * 4 * 2);
    assertThat(run(t, x, 3, 4, 2))
        .isEqualTo(
            naive(x, dims(3, 4), 2, dims(6, 7), (axis) -> (o) -> o - dims(1, 0)[axis], dims(1, 1)));
  }

  @Test
  void zeroPadding1dAnd3d() {
    float[] x1 = seq(N * 5 * 3);
    assertThat(run(Model.input(5, 3).zeroPadding1d(2), x1, 5, 3))
        .isEqualTo(naive(x1, dims(5), 3, dims(9), (axis) -> (o) -> o - 2, dims(1)));
    float[] x3 = seq(N * 2 * 3 * 2 * 1);
    assertThat(run(Model.input(2, 3, 2, 1).zeroPadding3d(1, 0, 2), x3, 2, 3, 2, 1))
        .isEqualTo(
            naive(
                x3,
                dims(2, 3, 2),
                1,
                dims(4, 3, 6),
                (axis) -> (o) -> o - dims(1, 0, 2)[axis],
                dims(1, 1, 1)));
  }

  @Test
  void paddingModes_reflectEdgeAndAConstant() {
    float[] x = seq(N * 4 * 3 * 2);
    int[] pads = {3, 1, 0, 2};
    assertThat(
            run(
                Model.input(4, 3, 2).zeroPadding2d(pads, p -> p.mode(ZeroPadding.Mode.REFLECT)),
                x,
                4,
                3,
                2))
        .isEqualTo(padded(x, dims(4, 3), 2, pads, "reflect", 0));
    assertThat(
            run(
                Model.input(4, 3, 2).zeroPadding2d(pads, p -> p.mode(ZeroPadding.Mode.EDGE)),
                x,
                4,
                3,
                2))
        .isEqualTo(padded(x, dims(4, 3), 2, pads, "edge", 0));
    assertThat(run(Model.input(4, 3, 2).zeroPadding2d(pads, p -> p.value(-2.5)), x, 4, 3, 2))
        .isEqualTo(padded(x, dims(4, 3), 2, pads, "constant", -2.5f));
    float[] x1 = seq(N * 5 * 1);
    assertThat(
            run(
                Model.input(5, 1)
                    .zeroPadding1d(new int[] {4, 2}, p -> p.mode(ZeroPadding.Mode.REFLECT)),
                x1,
                5,
                1))
        .isEqualTo(padded(x1, dims(5), 1, dims(4, 2), "reflect", 0));
    float[] x3 = seq(N * 2 * 2 * 3 * 1);
    assertThat(
            run(
                Model.input(2, 2, 3, 1)
                    .zeroPadding3d(
                        new int[] {1, 2, 0, 1, 2, 2}, p -> p.mode(ZeroPadding.Mode.EDGE)),
                x3,
                2,
                2,
                3,
                1))
        .isEqualTo(padded(x3, dims(2, 2, 3), 1, dims(1, 2, 0, 1, 2, 2), "edge", 0));
  }

  @Test
  void reflectPaddingAsWideAsTheAxis_isAClearError() {
    org.neurojoule.shape.ShapeException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.neurojoule.shape.ShapeException.class,
            () ->
                Model.input(3, 3, 2)
                    .zeroPadding2d(new int[] {3, 0, 0, 0}, p -> p.mode(ZeroPadding.Mode.REFLECT)));
    assertThat(e)
        .hasMessageThat()
        .contains(
            "reflect padding 3 of axis 0 needs an axis longer" + " than that, but 3x3x2 has 3");
  }

  /**
   * numpy.pad's definition: each axis is the list of input indices its padded rows read, built by
   * walking outwards from the edge (reflect skips the edge row, edge repeats it), -1 for the
   * constant.
   */
  private static float[] padded(float[] x, int[] in, int c, int[] pads, String mode, float value) {
    int rank = in.length;
    int[][] index = new int[rank][];
    int[] out = new int[rank];
    for (int a = 0; a < rank; a++) {
      java.util.List<Integer> rows = new java.util.ArrayList<>();
      for (int t = pads[2 * a]; t >= 1; t--) {
        rows.add(mode.equals("reflect") ? t : mode.equals("edge") ? 0 : -1);
      }
      for (int i = 0; i < in[a]; i++) {
        rows.add(i);
      }
      for (int t = 1; t <= pads[2 * a + 1]; t++) {
        rows.add(mode.equals("reflect") ? in[a] - 1 - t : mode.equals("edge") ? in[a] - 1 : -1);
      }
      index[a] = rows.stream().mapToInt(Integer::intValue).toArray();
      out[a] = index[a].length;
    }
    int inSize = product(in) * c;
    int outSize = product(out) * c;
    float[] y = new float[N * outSize];
    int[] o = new int[rank];
    for (int b = 0; b < N; b++) {
      for (int flat = 0; flat < product(out); flat++) {
        int rest = flat;
        for (int a = rank - 1; a >= 0; a--) {
          o[a] = rest % out[a];
          rest /= out[a];
        }
        int src = 0;
        boolean inside = true;
        for (int a = 0; a < rank; a++) {
          int i = index[a][o[a]];
          inside &= i >= 0;
          src = src * in[a] + i;
        }
        for (int k = 0; k < c; k++) {
          y[b * outSize + flat * c + k] = inside ? x[b * inSize + src * c + k] : value;
        }
      }
    }
    return y;
  }

  @Test
  void cropping2dAnd1d() {
    float[] x = seq(N * 6 * 5 * 2);
    assertThat(run(Model.input(6, 5, 2).cropping2d(1, 2, 0, 1), x, 6, 5, 2))
        .isEqualTo(
            naive(x, dims(6, 5), 2, dims(3, 4), (axis) -> (o) -> o + dims(1, 0)[axis], dims(1, 1)));
    float[] x1 = seq(N * 7 * 3);
    assertThat(run(Model.input(7, 3).cropping1d(3, 1), x1, 7, 3))
        .isEqualTo(naive(x1, dims(7), 3, dims(3), (axis) -> (o) -> o + 3, dims(1)));
  }

  @Test
  void upSampling2dPerAxisAnd3d() {
    float[] x = seq(N * 2 * 3 * 2);
    assertThat(run(Model.input(2, 3, 2).upSampling2d(3, 2), x, 2, 3, 2))
        .isEqualTo(naive(x, dims(2, 3), 2, dims(6, 6), (axis) -> (o) -> o, dims(3, 2)));
    float[] x3 = seq(N * 2 * 2 * 2 * 3);
    assertThat(run(Model.input(2, 2, 2, 3).upSampling3d(2), x3, 2, 2, 2, 3))
        .isEqualTo(naive(x3, dims(2, 2, 2), 3, dims(4, 4, 4), (axis) -> (o) -> o, dims(2, 2, 2)));
  }

  @Test
  void zeroPaddingInsideTimeDistributed() {
    Tensor t = Model.input(3, 4, 2).timeDistributed(s -> s.zeroPadding1d(1));
    float[] x = seq(N * 3 * 4 * 2);
    float[] expected = new float[N * 3 * 6 * 2];
    for (int b = 0; b < N * 3; b++) {
      for (int o = 0; o < 6; o++) {
        for (int c = 0; c < 2; c++) {
          int i = o - 1;
          expected[(b * 6 + o) * 2 + c] = i < 0 || i >= 4 ? 0f : x[(b * 4 + i) * 2 + c];
        }
      }
    }
    assertThat(run(t, x, 3, 4, 2)).isEqualTo(expected);
  }

  private static float[] run(Tensor out, float[] x, int... shape) {
    int[] withBatch = new int[shape.length + 1];
    withBatch[0] = N;
    System.arraycopy(shape, 0, withBatch, 1, shape.length);
    return KernelTest.run(out, Gemm.java(), x, withBatch);
  }

  /**
   * Output entry {@code (b, o..., c)} is input {@code (b, i..., c)} with {@code i = map(floor(o /
   * scale))} on each axis, or zero outside the input.
   */
  private static float[] naive(
      float[] x,
      int[] in,
      int c,
      int[] out,
      IntFunction<java.util.function.IntUnaryOperator> map,
      int[] scale) {
    int inSize = product(in) * c;
    int outSize = product(out) * c;
    float[] y = new float[N * outSize];
    int[] o = new int[out.length];
    for (int b = 0; b < N; b++) {
      for (int flat = 0; flat < product(out); flat++) {
        int rest = flat;
        for (int a = out.length - 1; a >= 0; a--) {
          o[a] = rest % out[a];
          rest /= out[a];
        }
        int src = 0;
        boolean inside = true;
        for (int a = 0; a < out.length; a++) {
          int i = map.apply(a).applyAsInt(o[a] / scale[a]);
          inside &= i >= 0 && i < in[a];
          src = src * in[a] + i;
        }
        for (int k = 0; k < c; k++) {
          y[b * outSize + flat * c + k] = inside ? x[b * inSize + src * c + k] : 0f;
        }
      }
    }
    return y;
  }

  private static float[] seq(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) Math.sin(1.3 * i + 0.5);
    }
    return a;
  }

  private static int[] dims(int... d) {
    return d;
  }

  private static int product(int[] d) {
    int p = 1;
    for (int v : d) {
      p *= v;
    }
    return p;
  }
}
