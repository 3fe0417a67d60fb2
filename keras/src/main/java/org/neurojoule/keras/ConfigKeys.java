package org.neurojoule.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/**
 * Config keys that many Keras layer classes share ({@code activation}, {@code kernel_size}, {@code
 * padding}, ...), read the way Keras writes them (Keras 2, tf.keras and Keras 3 spellings).
 */
final class ConfigKeys {
  private ConfigKeys() {}

  /** Keras' {@code name}. */
  static String name(Cfg c) {
    return c.string("name");
  }

  /** An activation by its Keras name; {@code fallback} when absent, or an error if null. */
  static Activation activation(Cfg c, String field, Activation fallback) {
    if (!c.has(field)) {
      if (fallback == null) {
        throw c.error("field '" + field + "' is missing");
      }
      return fallback;
    }
    String s = c.string(field);
    String key = s.equals("silu") ? "swish" : s;
    try {
      return Activation.fromKerasName(key);
    } catch (IllegalArgumentException e) {
      List<String> known = new ArrayList<>();
      for (Activation a : Activation.values()) {
        known.add(a.kerasName());
      }
      throw c.error(
          "field '"
              + field
              + "': unknown activation '"
              + s
              + "'; NeuroJoule knows "
              + String.join(", ", known));
    }
  }

  /** Keras' {@code activation}, linear when absent. */
  static Activation activationOrLinear(Cfg c) {
    return activation(c, "activation", Activation.LINEAR);
  }

  /** Keras' {@code use_bias}, true when absent. */
  static boolean useBias(Cfg c) {
    return c.bool("use_bias", true);
  }

  /** Keras' {@code kernel_size}: one value, or one per axis. */
  static int[] kernelSize(Cfg c, int rank) {
    return toArray(c.positiveInts("kernel_size", rank));
  }

  /** Keras' {@code strides}: one value, or one per axis; 1 when absent. */
  static int[] strides(Cfg c, int rank) {
    return toArray(c.positiveInts("strides", rank, 1));
  }

  /** Keras' {@code dilation_rate}: one value, or one per axis; 1 when absent. */
  static int[] dilationRate(Cfg c, int rank) {
    return toArray(c.positiveInts("dilation_rate", rank, 1));
  }

  /** Keras' {@code padding}: valid (when absent), same or causal. */
  static Padding padding(Cfg c) {
    String p = c.optString("padding").orElse("valid");
    switch (p) {
      case "valid":
        return Padding.VALID;
      case "same":
        return Padding.SAME;
      case "causal":
        return Padding.CAUSAL; // the spec refuses it on any layer but Conv1D
      default:
        throw c.error(
            "field 'padding' is '"
                + p
                + "'; NeuroJoule supports 'valid', 'same' and"
                + " 'causal'");
    }
  }

  /** An int, a list of ints, or absent / null (none). */
  static int[] ints(Cfg c, String field) {
    JsonElement e = c.raw(field);
    if (e == null) {
      return new int[0];
    }
    List<JsonElement> items = new ArrayList<>();
    if (e instanceof JsonArray a) {
      a.forEach(items::add);
    } else {
      items.add(e);
    }
    int[] out = new int[items.size()];
    for (int i = 0; i < out.length; i++) {
      Long v = Cfg.asLong(items.get(i));
      if (v == null || Math.abs(v) > Integer.MAX_VALUE) {
        throw c.error(
            "field '"
                + field
                + "' must be an integer or a list of integers, was "
                + Cfg.shortText(e));
      }
      out[i] = (int) (long) v;
    }
    return out;
  }

  /** An axis written as an int or, by tf.keras, as a one-element list. */
  static int axis(Cfg c, String field, int fallback) {
    JsonElement e = c.raw(field);
    if (e == null) {
      return fallback;
    }
    if (e instanceof JsonArray a && a.size() == 1) {
      e = a.get(0);
    }
    Long v = Cfg.asLong(e);
    if (v == null || Math.abs(v) > 64) {
      throw c.error("field '" + field + "' must be one axis, was " + Cfg.shortText(c.raw(field)));
    }
    return (int) (long) v;
  }

  /**
   * A Keras initializer that fills one value: a number, {@code "zeros"}, {@code "ones"}, or the
   * serialized {@code Zeros}, {@code Ones} or {@code Constant(value)}.
   */
  static double constantInitializer(Cfg c, String field, double fallback) {
    JsonElement e = c.raw(field);
    if (e == null) {
      return fallback;
    }
    if (e instanceof JsonPrimitive p && p.isNumber()) {
      return c.number(field);
    }
    String kind = null;
    if (e instanceof JsonPrimitive p && p.isString()) {
      kind = p.getAsString();
    } else if (e instanceof JsonObject o
        && o.get("class_name") instanceof JsonPrimitive p
        && p.isString()) {
      kind = ConfigReader.bareClassName(p.getAsString());
    }
    if (kind != null) {
      switch (kind.toLowerCase(Locale.ROOT)) {
        case "zeros":
          return 0;
        case "ones":
          return 1;
        case "constant":
          if (e instanceof JsonObject o && o.get("config") instanceof JsonObject config) {
            return new Cfg(config, c.file(), c.where()).number("value");
          }
          break;
        default:
          break;
      }
    }
    throw c.error(
        "field '"
            + field
            + "' must be a number or a Zeros, Ones or Constant"
            + " initializer, was "
            + Cfg.shortText(e));
  }

  static int[] toArray(List<Integer> values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
