package org.neurojoule.onnx;

/**
 * Conv and ConvTranspose as {@link Operator}s: the weight's dims checked against the input, then
 * the layer built by {@link Convs} (a plain, depthwise or grouped convolution).
 */
final class ConvOperators {
  private ConvOperators() {}

  /** Its kernel size is the weight's (kernel_shape is not read). */
  static final Operator CONV =
      Operator.named("Conv")
          .inputs(2, 3)
          .reads("auto_pad", "dilations", "group", "pads", "strides")
          .weightsFrom(1)
          .maps(ConvOperators::conv)
          .build();

  static final Operator CONV_TRANSPOSE =
      Operator.named("ConvTranspose")
          .inputs(2, 3)
          .reads(
              "auto_pad", "dilations", "group", "output_padding", "output_shape", "pads", "strides")
          .weightsFrom(1)
          .maps(ConvOperators::convTranspose)
          .build();

  /** A Conv node's layer (also QLinearConv's and ConvInteger's, their weights dequantized). */
  static Act conv(Call c) {
    NodeAt at = c.at;
    Act x = c.x();
    Const w = c.constant(1);
    Const b = c.optionalConstant(2);
    int rank = spatialRank(at, x, w);
    long group = at.integer("group", 1);
    int cin = x.onnx()[0];
    int filters = at.size(w.dims()[0], "weight " + Const.text(w.dims()) + ": its filters");
    int[] k = kernel(at, w);
    if (group == 1) {
      if (w.dims()[1] != cin) {
        throw at.error(
            "weight "
                + Const.text(w.dims())
                + " takes "
                + w.dims()[1]
                + " input"
                + " channels, but its input gives "
                + Const.text(x.onnx()));
      }
      return new Convs(at, x, rank).conv(filters, k, w, b, 1);
    }
    if (group == cin && w.dims()[1] == 1 && rank == 2 && filters % cin == 0) {
      return new Convs(at, x, rank).depthwise(filters / cin, k, w, b);
    }
    // Grouped convolution (ResNeXt, ShuffleNet, depthwise in 1D and 3D): the groups option.
    if (group < 1 || cin % group != 0 || filters % group != 0 || w.dims()[1] != cin / group) {
      throw at.error(
          "group "
              + group
              + " needs input channels and filters that it divides and a"
              + " weight of (filters, channels / group, k...), but the weight is "
              + Const.text(w.dims())
              + " and its input "
              + Const.text(x.onnx()));
    }
    return new Convs(at, x, rank).conv(filters, k, w, b, (int) group);
  }

  private static Act convTranspose(Call c) {
    NodeAt at = c.at;
    Act x = c.x();
    Const w = c.constant(1);
    int rank = spatialRank(at, x, w);
    if (at.integer("group", 1) != 1) {
      throw at.error(
          "ConvTranspose with group "
              + at.integer("group", 1)
              + " is not supported"
              + " (a transposed convolution has no groups option)");
    }
    if (w.dims()[0] != x.onnx()[0]) {
      throw at.error(
          "weight "
              + Const.text(w.dims())
              + " takes "
              + w.dims()[0]
              + " input"
              + " channels, but its input gives "
              + Const.text(x.onnx()));
    }
    return new Convs(at, x, rank)
        .transpose(
            at.size(w.dims()[1], "weight " + Const.text(w.dims()) + ": its filters"),
            kernel(at, w),
            w,
            c.optionalConstant(2));
  }

  /** The weight's spatial rank (1 to 3), which the input must have besides its channels. */
  private static int spatialRank(NodeAt at, Act x, Const w) {
    int rank = w.dims().length - 2;
    if (rank < 1 || rank > 3 || x.onnx().length != rank + 1) {
      throw at.error(
          "weight "
              + Const.text(w.dims())
              + " needs an input of (channels, "
              + rank
              + " spatial axes), but its input gives "
              + Const.text(x.onnx()));
    }
    return rank;
  }

  private static int[] kernel(NodeAt at, Const w) {
    int[] k = new int[w.dims().length - 2];
    for (int i = 0; i < k.length; i++) {
      k[i] = at.size(w.dims()[i + 2], "weight " + Const.text(w.dims()) + ": its kernel");
    }
    return k;
  }
}
