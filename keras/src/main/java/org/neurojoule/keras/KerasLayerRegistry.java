package org.neurojoule.keras;

import static org.neurojoule.keras.KerasLayerDescriptor.bound;
import static org.neurojoule.keras.KerasLayerDescriptor.boundAs;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neurojoule.KerasImportException;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.PoolKind;
import org.neurojoule.shape.Shape;

/**
 * The Keras layer classes NeuroJoule imports, one line each, as Keras' {@code layers} module lists
 * them: a class found here by its {@code class_name} maps through its {@link KerasLayerDescriptor}.
 * A class not listed has no NeuroJoule equivalent. Adding a layer class is one line here, plus a
 * descriptor when its config does not bind to the spec by name.
 */
final class KerasLayerRegistry {
  private static final Map<String, KerasLayerDescriptor> BY_CLASS =
      index(
          List.of(
              // core
              CoreLayers.DENSE,
              CoreLayers.ACTIVATION,
              CoreLayers.EMBEDDING,
              // convolutional
              ConvolutionalLayers.conv(1),
              ConvolutionalLayers.conv(2),
              ConvolutionalLayers.conv(3),
              ConvolutionalLayers.DEPTHWISE_CONV_2D,
              ConvolutionalLayers.SEPARABLE_CONV_2D,
              ConvolutionalLayers.convTranspose(1),
              ConvolutionalLayers.convTranspose(2),
              ConvolutionalLayers.convTranspose(3),
              // pooling
              PoolingLayers.pooling(PoolKind.MAX, 1),
              PoolingLayers.pooling(PoolKind.MAX, 2),
              PoolingLayers.pooling(PoolKind.MAX, 3),
              PoolingLayers.pooling(PoolKind.AVERAGE, 1),
              PoolingLayers.pooling(PoolKind.AVERAGE, 2),
              PoolingLayers.pooling(PoolKind.AVERAGE, 3),
              bound("GlobalMaxPooling1D", "keepdims"),
              bound("GlobalMaxPooling2D", "keepdims"),
              bound("GlobalMaxPooling3D", "keepdims"),
              bound("GlobalAveragePooling1D", "keepdims"),
              bound("GlobalAveragePooling2D", "keepdims"),
              bound("GlobalAveragePooling3D", "keepdims"),
              // normalization
              NormalizationLayers.BATCH_NORMALIZATION,
              NormalizationLayers.LAYER_NORMALIZATION,
              // activations
              ActivationLayers.RELU,
              ActivationLayers.LEAKY_RELU,
              ActivationLayers.PRELU,
              bound("Softmax", "axis"),
              bound("ELU", "alpha"),
              // reshaping
              bound("Flatten"),
              ReshapingLayers.RESHAPE,
              bound("Permute", "dims"),
              bound("RepeatVector", "n"),
              bound("ZeroPadding1D", "padding"),
              bound("ZeroPadding2D", "padding"),
              bound("ZeroPadding3D", "padding"),
              bound("Cropping1D", "cropping"),
              bound("Cropping2D", "cropping"),
              bound("Cropping3D", "cropping"),
              bound("UpSampling1D", "size"),
              bound("UpSampling2D", "size", "interpolation"),
              bound("UpSampling3D", "size"),
              // regularization: identities at inference
              bound("Dropout", "rate"),
              boundAs("SpatialDropout1D", "Dropout", "rate"),
              boundAs("SpatialDropout2D", "Dropout", "rate"),
              boundAs("SpatialDropout3D", "Dropout", "rate"),
              // merging
              bound("Add"),
              bound("Multiply"),
              bound("Subtract"),
              bound("Average"),
              bound("Maximum"),
              bound("Minimum"),
              bound("Concatenate", "axis"),
              // recurrent and wrappers
              RecurrentLayers.SIMPLE_RNN,
              RecurrentLayers.LSTM,
              RecurrentLayers.GRU,
              RecurrentLayers.BIDIRECTIONAL,
              RecurrentLayers.TIME_DISTRIBUTED,
              // preprocessing
              NormalizationLayers.NORMALIZATION,
              bound("Rescaling", "scale", "offset"),
              // KerasSpiking
              SpikingLayers.SPIKING_ACTIVATION,
              SpikingLayers.LOWPASS,
              SpikingLayers.ALPHA));

  private KerasLayerRegistry() {}

  private static Map<String, KerasLayerDescriptor> index(List<KerasLayerDescriptor> layers) {
    Map<String, KerasLayerDescriptor> byClass = new LinkedHashMap<>();
    for (KerasLayerDescriptor d : layers) {
      if (byClass.put(d.className(), d) != null) {
        throw new IllegalStateException("Keras class " + d.className() + " is listed twice");
      }
    }
    return Map.copyOf(byClass);
  }

  /** {@return the descriptor of a Keras class, or empty if it has no NeuroJoule equivalent} */
  static Optional<KerasLayerDescriptor> descriptor(String className) {
    return Optional.ofNullable(BY_CLASS.get(className));
  }

  /** {@return every registered layer class} */
  static List<KerasLayerDescriptor> all() {
    return List.copyOf(BY_CLASS.values());
  }

  /** {@return whether the class maps, looking inside a TimeDistributed wrapper} */
  static boolean supports(String className, Cfg config) {
    if (className.equals("TimeDistributed")) {
      Optional<String> inner = wrappedClass(config);
      return inner.isPresent()
          && !inner.get().equals("TimeDistributed")
          && BY_CLASS.containsKey(inner.get());
    }
    return BY_CLASS.containsKey(className);
  }

  /** {@return the class as listed in errors: {@code TimeDistributed(LSTM)} for wrappers} */
  static String describeClass(String className, Cfg config) {
    return className.equals("TimeDistributed")
        ? className + "(" + wrappedClass(config).orElse("?") + ")"
        : className;
  }

  private static Optional<String> wrappedClass(Cfg config) {
    if (config.raw("layer") instanceof JsonObject o
        && o.get("class_name") instanceof JsonPrimitive p
        && p.isString()) {
      return Optional.of(ConfigReader.bareClassName(p.getAsString()));
    }
    return Optional.empty();
  }

  /**
   * {@return the spec of a supported layer}
   *
   * @throws KerasImportException naming the layer and the field if its config does not fit
   */
  static LayerSpec spec(String className, Cfg config, Shape input) {
    KerasLayerDescriptor layer = BY_CLASS.get(className);
    if (layer == null) {
      throw config.error("no NeuroJoule equivalent");
    }
    if (config.has("data_format") && config.string("data_format").equals("channels_first")) {
      // The graph builder restates a layer's channels_first for channels-last tensors; a layer
      // inside a wrapper (TimeDistributed, Bidirectional) reaches here with it still set.
      throw config.error(
          "data_format 'channels_first' inside a wrapper is not supported; NeuroJoule's layers"
              + " are channels_last (re-save the model with channels_last layers)");
    }
    try {
      return layer.map(config, input);
    } catch (KerasImportException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw config.error(e.getMessage());
    }
  }
}
