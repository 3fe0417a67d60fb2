package org.neurojoule.keras;

import com.google.gson.JsonArray;
import org.neurojoule.layer.Reshape;

/**
 * Keras' Reshape, whose {@code target_shape} may hold -1. Flatten, Permute, RepeatVector and the
 * padding, cropping and upsampling layers bind by name.
 */
final class ReshapingLayers {
  static final KerasLayerDescriptor RESHAPE =
      KerasLayerDescriptor.of(
          "Reshape",
          (c, in) -> {
            JsonArray target = c.array("target_shape");
            int[] dims = new int[target.size()];
            for (int i = 0; i < dims.length; i++) {
              Long v = Cfg.asLong(target.get(i));
              if (v == null || v < -1 || v == 0 || v > Integer.MAX_VALUE) {
                throw c.error(
                    "field 'target_shape' must list positive sizes or -1, was "
                        + Cfg.shortText(target));
              }
              dims[i] = (int) (long) v;
            }
            return Reshape.of(dims).name(ConfigKeys.name(c));
          },
          "target_shape");

  private ReshapingLayers() {}
}
