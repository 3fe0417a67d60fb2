package org.neurojoule.keras;

import org.neurojoule.layer.LeakyReLU;
import org.neurojoule.layer.PReLU;
import org.neurojoule.layer.ReLU;

/**
 * Keras' activation layers whose configs need a hand-written mapping: ReLU (an optional {@code
 * max_value}), LeakyReLU (Keras 3's {@code negative_slope} or Keras 2's {@code alpha}) and PReLU.
 * Softmax and ELU bind by name.
 */
final class ActivationLayers {
  static final KerasLayerDescriptor RELU =
      KerasLayerDescriptor.of(
          "ReLU",
          (c, in) -> {
            ReLU r =
                ReLU.of()
                    .negativeSlope(c.number("negative_slope", 0))
                    .threshold(c.number("threshold", 0))
                    .name(ConfigKeys.name(c));
            return c.has("max_value") ? r.maxValue(c.number("max_value")) : r;
          },
          "negative_slope",
          "threshold",
          "max_value");
  static final KerasLayerDescriptor LEAKY_RELU =
      KerasLayerDescriptor.of(
          "LeakyReLU",
          (c, in) -> {
            double alpha =
                c.has("negative_slope")
                    ? c.number("negative_slope")
                    : c.number("alpha", LeakyReLU.DEFAULT_ALPHA);
            return LeakyReLU.of().alpha(alpha).name(ConfigKeys.name(c));
          },
          "negative_slope",
          "alpha");
  static final KerasLayerDescriptor PRELU =
      KerasLayerDescriptor.of(
          "PReLU",
          (c, in) ->
              PReLU.of().sharedAxes(ConfigKeys.ints(c, "shared_axes")).name(ConfigKeys.name(c)),
          "shared_axes");

  private ActivationLayers() {}
}
