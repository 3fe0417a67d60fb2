package org.neurojoule.layer;

import java.util.List;
import java.util.StringJoiner;
import org.neurojoule.Padding;
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
   * {@code same} and {@code causal}: {@code ceil(n / s)}; {@link Shape#NONE} stays undefined. Returns 0 or less when
   * the window does not fit.
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
          outputLength(in.get(axis), window.get(axis), strides.get(axis), dilation.get(axis), padding);
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
}
