package org.neurojoule.keras;

import java.util.StringJoiner;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.ConvTranspose;
import org.neurojoule.layer.DepthwiseConv2D;
import org.neurojoule.layer.SeparableConv2D;

/**
 * Keras' convolutions: Conv1D to Conv3D, DepthwiseConv2D, SeparableConv2D and Conv1DTranspose to
 * Conv3DTranspose. Their {@code kernel_size}, {@code strides} and {@code dilation_rate} may be one
 * value for every axis, and {@code activation} defaults to linear: more than binding by name.
 */
final class ConvolutionalLayers {
  static final KerasLayerDescriptor DEPTHWISE_CONV_2D =
      KerasLayerDescriptor.of(
          "DepthwiseConv2D",
          (c, in) ->
              DepthwiseConv2D.of(ConfigKeys.kernelSize(c, 2))
                  .depthMultiplier(c.positiveInt("depth_multiplier", 1))
                  .strides(strides(c, 2))
                  .padding(ConfigKeys.padding(c))
                  .dilationRate(ConfigKeys.dilationRate(c, 2))
                  .activation(ConfigKeys.activationOrLinear(c))
                  .useBias(ConfigKeys.useBias(c))
                  .name(ConfigKeys.name(c)),
          "kernel_size",
          "depth_multiplier",
          "strides",
          "padding",
          "dilation_rate",
          "activation",
          "use_bias");
  static final KerasLayerDescriptor SEPARABLE_CONV_2D =
      KerasLayerDescriptor.of(
          "SeparableConv2D",
          (c, in) ->
              SeparableConv2D.of(c.positiveInt("filters"), ConfigKeys.kernelSize(c, 2))
                  .depthMultiplier(c.positiveInt("depth_multiplier", 1))
                  .strides(strides(c, 2))
                  .padding(ConfigKeys.padding(c))
                  .dilationRate(ConfigKeys.dilationRate(c, 2))
                  .activation(ConfigKeys.activationOrLinear(c))
                  .useBias(ConfigKeys.useBias(c))
                  .name(ConfigKeys.name(c)),
          "filters",
          "kernel_size",
          "depth_multiplier",
          "strides",
          "padding",
          "dilation_rate",
          "activation",
          "use_bias");

  private ConvolutionalLayers() {}

  /**
   * Keras' {@code strides}, refused together with a {@code dilation_rate} above 1 as Keras' own
   * layers refuse the pair (NeuroJoule's specs take it, for ONNX and PyTorch models).
   */
  private static int[] strides(Cfg c, int rank) {
    int[] strides = ConfigKeys.strides(c, rank);
    int[] dilation = ConfigKeys.dilationRate(c, rank);
    if (java.util.Arrays.stream(strides).anyMatch(v -> v != 1)
        && java.util.Arrays.stream(dilation).anyMatch(v -> v != 1)) {
      throw c.error(
          "strides "
              + dims(strides)
              + " and dilation_rate "
              + dims(dilation)
              + " cannot both be > 1 (Keras does not support it)");
    }
    return strides;
  }

  private static String dims(int[] values) {
    StringJoiner j = new StringJoiner("x");
    for (int v : values) {
      j.add(Integer.toString(v));
    }
    return j.toString();
  }

  /** {@return Keras' {@code Conv1D}, {@code Conv2D} or {@code Conv3D}} */
  static KerasLayerDescriptor conv(int rank) {
    return KerasLayerDescriptor.of(
        "Conv" + rank + "D",
        (c, in) ->
            Conv.of(rank, c.positiveInt("filters"), ConfigKeys.kernelSize(c, rank))
                .strides(strides(c, rank))
                .padding(ConfigKeys.padding(c))
                .dilationRate(ConfigKeys.dilationRate(c, rank))
                .groups(c.positiveInt("groups", 1))
                .activation(ConfigKeys.activationOrLinear(c))
                .useBias(ConfigKeys.useBias(c))
                .name(ConfigKeys.name(c)),
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "dilation_rate",
        "groups",
        "activation",
        "use_bias");
  }

  /**
   * {@return Keras' {@code Conv1DTranspose}, {@code Conv2DTranspose} or {@code Conv3DTranspose}};
   * they take no groups, so a file that gives some is refused
   */
  static KerasLayerDescriptor convTranspose(int rank) {
    return KerasLayerDescriptor.of(
        "Conv" + rank + "DTranspose",
        (c, in) -> {
          if (c.has("groups") && c.positiveInt("groups") != 1) {
            throw c.error(
                "field 'groups' is "
                    + c.positiveInt("groups")
                    + "; NeuroJoule's transposed convolutions are not grouped");
          }
          return ConvTranspose.of(rank, c.positiveInt("filters"), ConfigKeys.kernelSize(c, rank))
              .strides(strides(c, rank))
              .padding(ConfigKeys.padding(c))
              .outputPadding(ConfigKeys.ints(c, "output_padding"))
              .dilationRate(ConfigKeys.dilationRate(c, rank))
              .activation(ConfigKeys.activationOrLinear(c))
              .useBias(ConfigKeys.useBias(c))
              .name(ConfigKeys.name(c));
        },
        "groups",
        "filters",
        "kernel_size",
        "strides",
        "padding",
        "output_padding",
        "dilation_rate",
        "activation",
        "use_bias");
  }
}
