package org.neurojoule.keras;

import java.util.List;
import org.neurojoule.layer.BatchNormalization;
import org.neurojoule.layer.LayerNormalization;
import org.neurojoule.layer.Normalization;

/**
 * Keras' BatchNormalization, LayerNormalization and the preprocessing Normalization: their {@code
 * axis} has several spellings, and some settings NeuroJoule cannot compute are refused.
 */
final class NormalizationLayers {
  static final KerasLayerDescriptor BATCH_NORMALIZATION =
      KerasLayerDescriptor.of(
          "BatchNormalization",
          (c, in) -> {
            int axis = ConfigKeys.axis(c, "axis", -1);
            if (axis != -1 && axis != in.rank()) {
              throw c.error(
                  "field 'axis' is "
                      + axis
                      + ": NeuroJoule normalizes the last axis only"
                      + " (input "
                      + in.toKerasString()
                      + ")");
            }
            return BatchNormalization.of()
                .momentum(c.number("momentum", 0.99))
                .epsilon(c.number("epsilon", BatchNormalization.DEFAULT_EPSILON))
                .center(c.bool("center", true))
                .scale(c.bool("scale", true))
                .name(ConfigKeys.name(c));
          },
          "axis",
          "momentum",
          "epsilon",
          "center",
          "scale");

  static final KerasLayerDescriptor LAYER_NORMALIZATION =
      KerasLayerDescriptor.of(
          "LayerNormalization",
          (c, in) -> {
            if (c.bool("rms_scaling", false)) {
              throw c.error(
                  "field 'rms_scaling' is true; NeuroJoule's LayerNormalization subtracts"
                      + " the mean (rms_scaling false)");
            }
            int[] axis = c.has("axis") ? ConfigKeys.ints(c, "axis") : new int[] {-1};
            return LayerNormalization.of()
                .axis(axis)
                .epsilon(c.number("epsilon", LayerNormalization.DEFAULT_EPSILON))
                .center(c.bool("center", true))
                .scale(c.bool("scale", true))
                .name(ConfigKeys.name(c));
          },
          "rms_scaling",
          "axis",
          "epsilon",
          "center",
          "scale");

  /**
   * Keras writes {@code axis} as an int or a list, null for a single mean; a {@code mean} and
   * {@code variance} given in the config (constants, not weights) and Keras 3's {@code invert} are
   * refused.
   */
  static final KerasLayerDescriptor NORMALIZATION =
      KerasLayerDescriptor.of(
          "Normalization",
          (c, in) -> {
            for (String constant : List.of("mean", "variance")) {
              if (c.has(constant)) {
                throw c.error(
                    "field '"
                        + constant
                        + "' is set; NeuroJoule's Normalization takes the"
                        + " mean and variance as weights (adapted), not as constants in the config");
              }
            }
            if (c.bool("invert", false)) {
              throw c.error("field 'invert' is true; NeuroJoule's Normalization only normalizes");
            }
            int[] axis =
                c.isNull("axis")
                    ? new int[0]
                    : c.has("axis") ? ConfigKeys.ints(c, "axis") : new int[] {-1};
            return Normalization.of().axis(axis).name(ConfigKeys.name(c));
          },
          "mean",
          "variance",
          "invert",
          "axis");

  private NormalizationLayers() {}
}
