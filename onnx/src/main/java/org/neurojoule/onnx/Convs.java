package org.neurojoule.onnx;

import org.neurojoule.Tensor;
import org.neurojoule.layer.Padding;

/** Conv and ConvTranspose: explicit pads as a ZeroPadding layer, kernels to Keras' layout. */
final class Convs {
  private final NodeAt at;
  private final Act x;
  private final int rank;

  Convs(NodeAt at, Act x, int rank) {
    this.at = at;
    this.x = x;
    this.rank = rank;
  }

  /** PyTorch's (filters, channels / groups, k...) as Keras' (k..., channels / groups, filters). */
  Act conv(int filters, int[] k, Const w, Const b, int groups) {
    int cin = x.onnx()[0] / groups;
    int[] strides = at.perAxis("strides", rank, 1, 1);
    int[] dilations = at.perAxis("dilations", rank, 1, 1);
    Padding mode = at.padding();
    Tensor in = padded(x.tensor(), at, rank);
    boolean bias = b != null;
    Tensor t =
        at.guard(
            () ->
                in.apply(
                    org.neurojoule.layer.Conv.of(rank, filters, k)
                        .strides(strides)
                        .dilationRate(dilations)
                        .padding(mode)
                        .groups(groups)
                        .useBias(bias)
                        .name(at.name)));
    if (!w.declaredOnly() && (b == null || !b.declaredOnly())) {
      int area = area(k);
      float[] kernel = new float[Math.multiplyExact(Math.multiplyExact(area, cin), filters)];
      double[] v = w.values();
      for (int o = 0; o < filters; o++) {
        for (int c = 0; c < cin; c++) {
          for (int p = 0; p < area; p++) {
            kernel[(p * cin + c) * filters + o] = (float) v[(o * cin + c) * area + p];
          }
        }
      }
      set(t, kernel, b);
    }
    return Act.channelsLastOf(t);
  }

  Act depthwise(int multiplier, int[] k, Const w, Const b) {
    int cin = x.onnx()[0];
    int[] strides = at.perAxis("strides", rank, 1, 1);
    int[] dilations = at.perAxis("dilations", rank, 1, 1);
    Padding mode = at.padding();
    Tensor in = padded(x.tensor(), at, rank);
    boolean bias = b != null;
    Tensor t =
        at.guard(
            () ->
                in.depthwiseConv2d(
                    k[0],
                    d ->
                        d.kernelSize(k)
                            .strides(strides)
                            .dilationRate(dilations)
                            .padding(mode)
                            .depthMultiplier(multiplier)
                            .useBias(bias)
                            .name(at.name)));
    if (!w.declaredOnly() && (b == null || !b.declaredOnly())) {
      int area = area(k);
      float[] kernel = new float[Math.multiplyExact(Math.multiplyExact(area, cin), multiplier)];
      double[] v = w.values();
      for (int c = 0; c < cin; c++) {
        for (int m = 0; m < multiplier; m++) {
          for (int p = 0; p < area; p++) {
            // Output channel c * multiplier + m in both PyTorch and Keras.
            kernel[(p * cin + c) * multiplier + m] = (float) v[(c * multiplier + m) * area + p];
          }
        }
      }
      set(t, kernel, b);
    }
    return Act.channelsLastOf(t);
  }

  Act transpose(int filters, int[] k, Const w, Const b) {
    int cin = x.onnx()[0];
    int[] strides = at.perAxis("strides", rank, 1, 1);
    int[] dilations = at.perAxis("dilations", rank, 1, 1);
    long[] pads = at.integers("pads");
    int[] outPad = at.perAxis("output_padding", rank, 0, 0);
    if (at.has("output_shape") || !at.text("auto_pad", "NOTSET").equals("NOTSET")) {
      throw at.error("ConvTranspose with output_shape or auto_pad is not supported yet");
    }
    boolean bias = b != null;
    boolean extra = java.util.Arrays.stream(outPad).anyMatch(p -> p != 0);
    org.neurojoule.layer.ConvTranspose spec =
        org.neurojoule.layer.ConvTranspose.of(rank, filters, k)
            .strides(strides)
            .dilationRate(dilations)
            .useBias(bias)
            .name(at.name);
    // PyTorch's output: VALID transpose (output_padding rows at the end), less its pads.
    Tensor full = at.guard(() -> x.tensor().apply(extra ? spec.outputPadding(outPad) : spec));
    Tensor t = cropped(full, pads);
    if (!w.declaredOnly() && (b == null || !b.declaredOnly())) {
      int area = area(k);
      float[] kernel = new float[Math.multiplyExact(Math.multiplyExact(area, cin), filters)];
      double[] v = w.values();
      // PyTorch (in, out, k...) as Keras (k..., out, in).
      for (int c = 0; c < cin; c++) {
        for (int o = 0; o < filters; o++) {
          for (int p = 0; p < area; p++) {
            kernel[(p * filters + o) * cin + c] = (float) v[(c * filters + o) * area + p];
          }
        }
      }
      set(full, kernel, b);
    }
    return Act.channelsLastOf(t);
  }

  private Tensor cropped(Tensor in, long[] pads) {
    if (pads == null || java.util.Arrays.stream(pads).allMatch(p -> p == 0)) {
      return in;
    }
    if (pads.length != 2 * rank || java.util.Arrays.stream(pads).anyMatch(p -> p < 0)) {
      throw at.error(
          "pads "
              + java.util.Arrays.toString(pads)
              + " must hold "
              + 2 * rank
              + " sizes (begin and end of each spatial axis)");
    }
    int[] pairs = pairs(at, pads, rank);
    org.neurojoule.layer.Cropping c =
        switch (rank) {
          case 1 -> org.neurojoule.layer.Cropping.cropping1d(pairs);
          case 2 -> org.neurojoule.layer.Cropping.cropping2d(pairs);
          default -> org.neurojoule.layer.Cropping.cropping3d(pairs);
        };
    String name = at.derived("_crop");
    return at.guard(() -> in.apply(c.name(name)));
  }

  private void set(Tensor t, float[] kernel, Const b) {
    at.guard(
        () -> {
          if (b == null) {
            t.layer().setWeights(kernel);
          } else {
            t.layer().setWeights(kernel, b.floats());
          }
          return null;
        });
  }

  /** ONNX's pads (begins, then ends) as (begin, end) pairs per axis, each a size. */
  private static int[] pairs(NodeAt at, long[] pads, int rank) {
    int[] pairs = new int[2 * rank];
    for (int i = 0; i < rank; i++) {
      pairs[2 * i] = at.size(pads[i], "pads " + java.util.Arrays.toString(pads) + ": a begin");
      pairs[2 * i + 1] =
          at.size(pads[i + rank], "pads " + java.util.Arrays.toString(pads) + ": an end");
    }
    return pairs;
  }

  static int area(int[] k) {
    int a = 1;
    for (int d : k) {
      a = Math.multiplyExact(a, d);
    }
    return a;
  }

  /** ONNX's {@code pads} (begins, then ends) as a ZeroPadding layer before the layer. */
  static Tensor padded(Tensor in, NodeAt at, int rank) {
    return padded(in, at, rank, at.integers("pads"));
  }

  static Tensor padded(Tensor in, NodeAt at, int rank, long[] pads) {
    return padded(in, at, rank, pads, org.neurojoule.layer.ZeroPadding.Mode.CONSTANT, 0);
  }

  /** A padding layer {@code <node>_pad} of this mode and constant, or {@code in} if none pads. */
  static Tensor padded(
      Tensor in,
      NodeAt at,
      int rank,
      long[] pads,
      org.neurojoule.layer.ZeroPadding.Mode mode,
      double value) {
    if (pads == null || java.util.Arrays.stream(pads).allMatch(p -> p == 0)) {
      return in;
    }
    if (pads.length != 2 * rank) {
      throw at.error(
          "pads "
              + java.util.Arrays.toString(pads)
              + " must hold "
              + 2 * rank
              + " values (begin and end of each spatial axis)");
    }
    int[] pairs = pairs(at, pads, rank);
    org.neurojoule.layer.ZeroPadding z =
        switch (rank) {
          case 1 -> org.neurojoule.layer.ZeroPadding.zeroPadding1d(pairs);
          case 2 -> org.neurojoule.layer.ZeroPadding.zeroPadding2d(pairs);
          default -> org.neurojoule.layer.ZeroPadding.zeroPadding3d(pairs);
        };
    String name = at.derived("_pad");
    return at.guard(() -> in.apply(z.mode(mode).value(value).name(name)));
  }
}
