package org.neurojoule.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LayerType;
import org.neurojoule.layer.SpecBinder;
import org.neurojoule.shape.Shape;

/**
 * How one Keras layer class becomes a NeuroJoule spec: the class name, the config keys it reads
 * (besides {@code name}) and the mapping, after Keras' own {@code get_config}/{@code from_config}.
 * A layer whose config keys are its spec's attributes binds by name ({@link #bound}, {@link
 * #boundAs}); a layer whose config needs more (defaults that differ, aliases, refusals) has a small
 * hand-written mapping ({@link #of}). {@link KerasLayerRegistry} lists them all.
 *
 * @param className the Keras class name, such as {@code Conv2D}
 * @param configKeys the config keys the mapping reads, besides {@code name}
 * @param mapping the config to the spec
 */
record KerasLayerDescriptor(String className, List<String> configKeys, Mapping mapping) {
  /** Maps one layer config; {@code input} is the (first) input shape, without the batch. */
  @FunctionalInterface
  interface Mapping {
    LayerSpec map(Cfg config, Shape input);
  }

  KerasLayerDescriptor {
    configKeys = List.copyOf(configKeys);
  }

  /** {@return a layer class with a hand-written mapping that reads {@code configKeys}} */
  static KerasLayerDescriptor of(String className, Mapping mapping, String... configKeys) {
    return new KerasLayerDescriptor(className, List.of(configKeys), mapping);
  }

  /** {@return a layer class whose config keys bind to the spec of its own annotation} */
  static KerasLayerDescriptor bound(String className, String... configKeys) {
    return boundAs(className, className, configKeys);
  }

  /**
   * {@return a layer class whose config keys are attributes of the spec of annotation {@code
   * annotation} ({@link LayerType}): they bind by name through {@link SpecBinder}, snake_case
   * turned to camelCase, nested lists of sizes such as ZeroPadding2D's {@code [[1, 1], [2, 2]]}
   * flattened to {@code 1, 1, 2, 2}}
   */
  static KerasLayerDescriptor boundAs(String className, String annotation, String... configKeys) {
    List<String> keys = List.of(configKeys);
    return new KerasLayerDescriptor(
        className,
        keys,
        (c, in) -> {
          LayerType type =
              LayerType.named(annotation).orElseThrow(() -> c.error("no NeuroJoule equivalent"));
          Map<String, Object> attributes = new LinkedHashMap<>();
          for (String key : keys) {
            if (c.has(key)) {
              attributes.put(camelCase(key), plain(c, key, c.raw(key)));
            }
          }
          attributes.put("name", ConfigKeys.name(c));
          return type.bind(attributes);
        });
  }

  /**
   * {@return the spec of this layer}
   *
   * @param config the layer's config; the mapping may read only {@link #configKeys} and {@code
   *     name} (checked when assertions are on)
   * @param input the (first) input shape, without the batch
   */
  LayerSpec map(Cfg config, Shape input) {
    return mapping.map(config.reading(configKeys), input);
  }

  private static String camelCase(String snake) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char ch : snake.toCharArray()) {
      if (ch == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(ch) : ch);
        upper = false;
      }
    }
    return out.toString();
  }

  /** A JSON value as the binder takes it: a number, a string, a boolean or a flat list. */
  private static Object plain(Cfg c, String field, JsonElement e) {
    if (e instanceof JsonPrimitive p) {
      return p.isNumber()
          ? (Object) p.getAsNumber()
          : p.isBoolean() ? p.getAsBoolean() : p.getAsString();
    }
    if (e instanceof JsonArray a) {
      List<Object> flat = new ArrayList<>();
      for (JsonElement item : a) {
        Object value = plain(c, field, item);
        if (value instanceof List<?> inner) {
          flat.addAll(inner);
        } else {
          flat.add(value);
        }
      }
      return flat;
    }
    throw c.error("field '" + field + "' must be a number, a string or a list, got " + e);
  }
}
