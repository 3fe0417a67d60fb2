package org.neurojoule.layer;

import java.util.List;
import java.util.StringJoiner;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * The sliding-window rule shared by convolutions and pooling: one function, parameterised by axis.
 */
final class Windows {
  private Windows() {}

  /**
   * The output size along one axis: {@code valid}: {@code floor((n - ((k - 1) * d + 1)) / s) + 1},
   * {@code same} and {@code causal}: {@code ceil(n / s)}; {@link Shape#NONE} stays undefined.
   * Returns 0 or less when the window does not fit.
   */
  static int outputLength(int n, int window, int stride, int dilation, Padding padding) {
    if (n == Shape.NONE) {
      return Shape.NONE;
    }
    // long arithmetic: sizes near Integer.MAX_VALUE and huge dilated kernels must not wrap.
    // Causal pads (k - 1) * d before, then slides as valid: (n + (k-1)d - ((k-1)d + 1)) / s + 1.
    if (padding == Padding.SAME || padding == Padding.CAUSAL) {
      return (int) (((long) n + stride - 1) / stride);
    }
    long effective = (long) (window - 1) * dilation + 1;
    return n < effective ? 0 : (int) ((n - effective) / stride + 1);
  }

  /**
   * The spatial output dimensions of a window layer on an input of rank {@code rank + 1}.
   *
   * @param kind "kernel" or "pool", for messages
   */
  static int[] slide(
      List<Shape> inputs,
      int rank,
      List<Integer> window,
      List<Integer> strides,
      List<Integer> dilation,
      Padding padding,
      String kind) {
    Checks.requireRank(inputs, rank + 1, Checks.spatialAxes(rank));
    Shape in = Checks.single(inputs);
    int[] out = new int[rank];
    for (int axis = 0; axis < rank; axis++) {
      out[axis] =
          outputLength(
              in.get(axis), window.get(axis), strides.get(axis), dilation.get(axis), padding);
      if (out[axis] == 0) {
        throw tooLarge(inputs, in, rank, window, dilation, kind);
      }
    }
    return out;
  }

  private static ShapeException tooLarge(
      List<Shape> inputs,
      Shape in,
      int rank,
      List<Integer> window,
      List<Integer> dilation,
      String kind) {
    long[] effective = new long[rank];
    for (int axis = 0; axis < rank; axis++) {
      effective[axis] = (long) (window.get(axis) - 1) * dilation.get(axis) + 1;
    }
    String windowText = Checks.dims(window) + " " + kind;
    if (!Checks.allOnes(dilation)) {
      StringJoiner dilated = new StringJoiner("x");
      for (long e : effective) {
        dilated.add(Long.toString(e));
      }
      windowText += " dilated to " + dilated;
    }
    String spatial = in.slice(0, rank).toString();
    return ShapeException.of(
        kind.equals("kernel") ? ShapeError.KERNEL_TOO_LARGE : ShapeError.POOL_TOO_LARGE,
        inputs,
        "input "
            + in
            + " is smaller than the "
            + windowText
            + " (valid padding: out = floor((n - ((k - 1) * d + 1)) / s) + 1 < 1); use padding"
            + " same or a "
            + kind
            + " of at most "
            + spatial);
  }

  /**
   * For each position of a concrete input {@code (spatial..., channels)}: {@code filters} times the
   * output windows that read it (see {@link LayerSpec#fanOutPerPosition}).
   */
  static long[] fanOut(
      Shape input,
      int rank,
      List<Integer> window,
      List<Integer> strides,
      List<Integer> dilation,
      Padding padding,
      int filters) {
    int[] in = input.toArray();
    long[][] cover = new long[rank][];
    for (int a = 0; a < rank; a++) {
      cover[a] = cover(in[a], window.get(a), strides.get(a), dilation.get(a), padding);
    }
    int channels = in[rank];
    long size = channels;
    for (int a = 0; a < rank; a++) {
      size *= in[a];
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw ShapeException.invalid(
          "the fan-out of an input of " + input.toKerasString() + " does not fit one array");
    }
    long[] out = new long[(int) size];
    int[] pos = new int[rank];
    for (int p = 0; p < out.length; p += channels) {
      long f = filters;
      for (int a = 0; a < rank; a++) {
        f *= cover[a][pos[a]];
      }
      java.util.Arrays.fill(out, p, p + channels, f);
      for (int a = rank - 1; a >= 0 && ++pos[a] == in[a]; a--) {
        pos[a] = 0;
      }
    }
    return out;
  }

  /** For each input index along one axis of {@code n}: how many output windows read it. */
  private static long[] cover(int n, int k, int s, int d, Padding padding) {
    int span = (k - 1) * d + 1;
    int outLen = outputLength(n, k, s, d, padding);
    int padBefore = padding == Padding.SAME ? Math.max(0, (outLen - 1) * s + span - n) / 2 : 0;
    long[] cover = new long[n];
    for (int o = 0; o < outLen; o++) {
      for (int j = 0; j < k; j++) {
        long x = (long) o * s - padBefore + (long) j * d;
        if (x >= 0 && x < n) {
          cover[(int) x]++;
        }
      }
    }
    return cover;
  }
}
