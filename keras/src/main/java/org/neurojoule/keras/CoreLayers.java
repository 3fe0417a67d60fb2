package org.neurojoule.keras;

import com.google.gson.JsonArray;
import org.neurojoule.layer.ActivationLayer;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.Embedding;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.shape.Shape;

/** Keras' core layers whose configs need a hand-written mapping: Dense, Activation, Embedding. */
final class CoreLayers {
  static final KerasLayerDescriptor DENSE =
      KerasLayerDescriptor.of("Dense", CoreLayers::dense, "units", "activation", "use_bias");
  static final KerasLayerDescriptor ACTIVATION =
      KerasLayerDescriptor.of("Activation", CoreLayers::activation, "activation");

  /** Keras 2 and tf.keras write {@code input_length} (an int, or null); Keras 3 drops it. */
  static final KerasLayerDescriptor EMBEDDING =
      KerasLayerDescriptor.of(
          "Embedding",
          CoreLayers::embedding,
          "input_dim",
          "output_dim",
          "mask_zero",
          "input_length");

  private CoreLayers() {}

  private static LayerSpec dense(Cfg c, Shape in) {
    return Dense.of(c.positiveInt("units"))
        .activation(ConfigKeys.activationOrLinear(c))
        .useBias(ConfigKeys.useBias(c))
        .name(ConfigKeys.name(c));
  }

  private static LayerSpec activation(Cfg c, Shape in) {
    return ActivationLayer.of(ConfigKeys.activation(c, "activation", null))
        .name(ConfigKeys.name(c));
  }

  private static LayerSpec embedding(Cfg c, Shape in) {
    Embedding e =
        Embedding.of(c.positiveInt("input_dim"), c.positiveInt("output_dim"))
            .maskZero(c.bool("mask_zero", false))
            .name(ConfigKeys.name(c));
    return c.has("input_length") && !(c.raw("input_length") instanceof JsonArray)
        ? e.inputLength(c.positiveInt("input_length"))
        : e;
  }
}
