package org.neurojoule.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neurojoule.Activation;
import org.neurojoule.KerasImportException;
import org.neurojoule.Padding;
import org.neurojoule.layer.ActivationLayer;
import org.neurojoule.layer.Add;
import org.neurojoule.layer.BatchNormalization;
import org.neurojoule.layer.Concatenate;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.ConvTranspose;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.DepthwiseConv2D;
import org.neurojoule.layer.Dropout;
import org.neurojoule.layer.Embedding;
import org.neurojoule.layer.Flatten;
import org.neurojoule.layer.GlobalPooling;
import org.neurojoule.layer.Filter;
import org.neurojoule.layer.LayerNormalization;
import org.neurojoule.layer.Normalization;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LayerType;
import org.neurojoule.layer.LeakyReLU;
import org.neurojoule.layer.PReLU;
import org.neurojoule.layer.PoolKind;
import org.neurojoule.layer.Pooling;
import org.neurojoule.layer.ReLU;
import org.neurojoule.layer.Reshape;
import org.neurojoule.layer.SeparableConv2D;
import org.neurojoule.layer.SpikingActivation;
import org.neurojoule.layer.TimeDistributed;
import org.neurojoule.shape.Shape;

/**
 * Keras layer classes to NeuroJoule specs: one small method per class, reading the config's keys
 * (Keras 2 and Keras 3 spellings). A class without a method here has no NeuroJoule equivalent.
 */
final class LayerMapping {
  /** Maps one layer config; {@code input} is the (first) input shape, without the batch. */
  @FunctionalInterface
  interface Mapper {
    LayerSpec map(Cfg c, Shape input);
  }

  private static final Map<String, Mapper> MAPPERS = Map.ofEntries(
      Map.entry("Dense", LayerMapping::dense),
      Map.entry("Conv1D", (c, in) -> conv(c, 1)),
      Map.entry("Conv2D", (c, in) -> conv(c, 2)),
      Map.entry("Conv3D", (c, in) -> conv(c, 3)),
      Map.entry("DepthwiseConv2D", LayerMapping::depthwiseConv2d),
      Map.entry("SeparableConv2D", LayerMapping::separableConv2d),
      Map.entry("BatchNormalization", LayerMapping::batchNormalization),
      Map.entry("Activation", LayerMapping::activationLayer),
      Map.entry("ReLU", LayerMapping::relu),
      Map.entry("LeakyReLU", LayerMapping::leakyRelu),
      Map.entry("MaxPooling1D", (c, in) -> pooling(c, PoolKind.MAX, 1)),
      Map.entry("MaxPooling2D", (c, in) -> pooling(c, PoolKind.MAX, 2)),
      Map.entry("MaxPooling3D", (c, in) -> pooling(c, PoolKind.MAX, 3)),
      Map.entry("AveragePooling1D", (c, in) -> pooling(c, PoolKind.AVERAGE, 1)),
      Map.entry("AveragePooling2D", (c, in) -> pooling(c, PoolKind.AVERAGE, 2)),
      Map.entry("AveragePooling3D", (c, in) -> pooling(c, PoolKind.AVERAGE, 3)),
      Map.entry("GlobalMaxPooling1D", (c, in) -> globalPooling(c, PoolKind.MAX, 1)),
      Map.entry("GlobalMaxPooling2D", (c, in) -> globalPooling(c, PoolKind.MAX, 2)),
      Map.entry("GlobalMaxPooling3D", (c, in) -> globalPooling(c, PoolKind.MAX, 3)),
      Map.entry("GlobalAveragePooling1D", (c, in) -> globalPooling(c, PoolKind.AVERAGE, 1)),
      Map.entry("GlobalAveragePooling2D", (c, in) -> globalPooling(c, PoolKind.AVERAGE, 2)),
      Map.entry("GlobalAveragePooling3D", (c, in) -> globalPooling(c, PoolKind.AVERAGE, 3)),
      Map.entry("Flatten", LayerMapping::flatten),
      Map.entry("Reshape", LayerMapping::reshape),
      Map.entry("Dropout", LayerMapping::dropout),
      Map.entry("SpatialDropout1D", LayerMapping::dropout),
      Map.entry("SpatialDropout2D", LayerMapping::dropout),
      Map.entry("SpatialDropout3D", LayerMapping::dropout),
      Map.entry("Add", (c, in) -> Add.of().name(name(c))),
      Map.entry("Concatenate", LayerMapping::concatenate),
      Map.entry("ZeroPadding1D", bound("ZeroPadding1D", "padding")),
      Map.entry("ZeroPadding2D", bound("ZeroPadding2D", "padding")),
      Map.entry("ZeroPadding3D", bound("ZeroPadding3D", "padding")),
      Map.entry("Cropping1D", bound("Cropping1D", "cropping")),
      Map.entry("Cropping2D", bound("Cropping2D", "cropping")),
      Map.entry("Cropping3D", bound("Cropping3D", "cropping")),
      Map.entry("UpSampling1D", bound("UpSampling1D", "size")),
      Map.entry("UpSampling2D", bound("UpSampling2D", "size", "interpolation")),
      Map.entry("UpSampling3D", bound("UpSampling3D", "size")),
      // recurrent layers
      Map.entry("SimpleRNN", RecurrentMapping::simpleRnn),
      Map.entry("LSTM", RecurrentMapping::lstm),
      Map.entry("GRU", RecurrentMapping::gru),
      Map.entry("Bidirectional", RecurrentMapping::bidirectional),
      // weighted layers: PReLU, Embedding, LayerNormalization, Conv1D/2D/3DTranspose
      Map.entry("PReLU", LayerMapping::prelu),
      Map.entry("Embedding", LayerMapping::embedding),
      Map.entry("LayerNormalization", LayerMapping::layerNormalization),
      Map.entry("Conv1DTranspose", (c, in) -> convTranspose(c, 1)),
      Map.entry("Conv2DTranspose", (c, in) -> convTranspose(c, 2)),
      Map.entry("Conv3DTranspose", (c, in) -> convTranspose(c, 3)),
      Map.entry("TimeDistributed", LayerMapping::timeDistributed),
      Map.entry("SpikingActivation", LayerMapping::spikingActivation),
      // ---- weightless layers: merges, Softmax, ELU, Permute, RepeatVector, Rescaling ----
      Map.entry("Multiply", bound("Multiply")),
      Map.entry("Subtract", bound("Subtract")),
      Map.entry("Average", bound("Average")),
      Map.entry("Maximum", bound("Maximum")),
      Map.entry("Minimum", bound("Minimum")),
      Map.entry("Softmax", bound("Softmax", "axis")),
      Map.entry("ELU", bound("ELU", "alpha")),
      Map.entry("Permute", bound("Permute", "dims")),
      Map.entry("RepeatVector", bound("RepeatVector", "n")),
      Map.entry("Rescaling", bound("Rescaling", "scale", "offset")),
      // ---- preprocessing Normalization ----
      Map.entry("Normalization", LayerMapping::normalization),
      // ---- KerasSpiking filters: Lowpass, Alpha ----
      Map.entry("Lowpass", (c, in) -> filter(c, Filter.lowpass(tauInitializer(c)))),
      Map.entry("Alpha", (c, in) -> filter(c, Filter.alpha(tauInitializer(c)))));

  private LayerMapping() {}

  /** {@return whether the class maps, looking inside a TimeDistributed wrapper} */
  static boolean supports(String className, Cfg config) {
    if (className.equals("TimeDistributed")) {
      Optional<String> inner = wrappedClass(config);
      return inner.isPresent() && !inner.get().equals("TimeDistributed")
          && MAPPERS.containsKey(inner.get());
    }
    return MAPPERS.containsKey(className);
  }

  /** {@return the class as listed in errors: {@code TimeDistributed(LSTM)} for wrappers} */
  static String describeClass(String className, Cfg config) {
    return className.equals("TimeDistributed")
        ? className + "(" + wrappedClass(config).orElse("?") + ")"
        : className;
  }

  private static Optional<String> wrappedClass(Cfg config) {
    if (config.raw("layer") instanceof JsonObject o && o.get("class_name") instanceof JsonPrimitive p
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
    Mapper m = MAPPERS.get(className);
    if (m == null) {
      throw config.error("no NeuroJoule equivalent");
    }
    if (config.has("data_format")
        && config.string("data_format").equals("channels_first")) {
      throw config.error("data_format 'channels_first' is not supported; NeuroJoule's layers are"
          + " channels_last (re-save the model with channels_last layers)");
    }
    try {
      return m.map(config, input);
    } catch (KerasImportException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw config.error(e.getMessage());
    }
  }

  private static String name(Cfg c) {
    return c.string("name");
  }

  private static LayerSpec dense(Cfg c, Shape in) {
    return Dense.of(c.positiveInt("units"))
        .activation(activationOrLinear(c))
        .useBias(useBias(c))
        .name(name(c));
  }

  private static LayerSpec conv(Cfg c, int rank) {
    return Conv.of(rank, c.positiveInt("filters"), kernelSize(c, rank))
        .strides(strides(c, rank))
        .padding(padding(c))
        .dilationRate(dilationRate(c, rank))
        .groups(c.positiveInt("groups", 1))
        .activation(activationOrLinear(c))
        .useBias(useBias(c))
        .name(name(c));
  }

  private static LayerSpec depthwiseConv2d(Cfg c, Shape in) {
    return DepthwiseConv2D.of(kernelSize(c, 2))
        .depthMultiplier(c.positiveInt("depth_multiplier", 1))
        .strides(strides(c, 2))
        .padding(padding(c))
        .dilationRate(dilationRate(c, 2))
        .activation(activationOrLinear(c))
        .useBias(useBias(c))
        .name(name(c));
  }

  private static LayerSpec separableConv2d(Cfg c, Shape in) {
    return SeparableConv2D.of(c.positiveInt("filters"), kernelSize(c, 2))
        .depthMultiplier(c.positiveInt("depth_multiplier", 1))
        .strides(strides(c, 2))
        .padding(padding(c))
        .dilationRate(dilationRate(c, 2))
        .activation(activationOrLinear(c))
        .useBias(useBias(c))
        .name(name(c));
  }

  private static LayerSpec batchNormalization(Cfg c, Shape in) {
    int axis = axis(c, "axis", -1);
    if (axis != -1 && axis != in.rank()) {
      throw c.error("field 'axis' is " + axis + ": NeuroJoule normalizes the last axis only"
          + " (input " + in.toKerasString() + ")");
    }
    return BatchNormalization.of()
        .momentum(c.number("momentum", 0.99))
        .epsilon(c.number("epsilon", BatchNormalization.DEFAULT_EPSILON))
        .center(c.bool("center", true))
        .scale(c.bool("scale", true))
        .name(name(c));
  }

  private static LayerSpec activationLayer(Cfg c, Shape in) {
    return ActivationLayer.of(activation(c, "activation", null)).name(name(c));
  }

  private static LayerSpec relu(Cfg c, Shape in) {
    ReLU r = ReLU.of()
        .negativeSlope(c.number("negative_slope", 0))
        .threshold(c.number("threshold", 0))
        .name(name(c));
    return c.has("max_value") ? r.maxValue(c.number("max_value")) : r;
  }

  private static LayerSpec leakyRelu(Cfg c, Shape in) {
    double alpha = c.has("negative_slope")
        ? c.number("negative_slope")
        : c.number("alpha", LeakyReLU.DEFAULT_ALPHA);
    return LeakyReLU.of().alpha(alpha).name(name(c));
  }

  private static LayerSpec pooling(Cfg c, PoolKind kind, int rank) {
    int[] pool = toArray(c.positiveInts("pool_size", rank, 2));
    int[] strides = c.has("strides") ? toArray(c.positiveInts("strides", rank)) : pool;
    return Pooling.of(kind, rank, pool).strides(strides).padding(padding(c)).name(name(c));
  }

  private static LayerSpec globalPooling(Cfg c, PoolKind kind, int rank) {
    return GlobalPooling.of(kind, rank).keepdims(c.bool("keepdims", false)).name(name(c));
  }

  private static LayerSpec flatten(Cfg c, Shape in) {
    return Flatten.of().name(name(c));
  }

  private static LayerSpec reshape(Cfg c, Shape in) {
    JsonArray target = c.array("target_shape");
    int[] dims = new int[target.size()];
    for (int i = 0; i < dims.length; i++) {
      Long v = Cfg.asLong(target.get(i));
      if (v == null || v < -1 || v == 0 || v > Integer.MAX_VALUE) {
        throw c.error("field 'target_shape' must list positive sizes or -1, was "
            + Cfg.shortText(target));
      }
      dims[i] = (int) (long) v;
    }
    return Reshape.of(dims).name(name(c));
  }

  /**
   * A layer whose Keras config fields are its spec's attributes: they bind to the spec through its
   * annotation ({@link LayerType}), snake_case turned to camelCase, nested lists of sizes such as
   * ZeroPadding2D's {@code [[1, 1], [2, 2]]} flattened to {@code 1, 1, 2, 2}.
   */
  private static Mapper bound(String className, String... fields) {
    return (c, in) -> {
      LayerType type = LayerType.named(className).orElseThrow(
          () -> c.error("no NeuroJoule equivalent"));
      Map<String, Object> attributes = new LinkedHashMap<>();
      for (String field : fields) {
        if (c.has(field)) {
          attributes.put(camelCase(field), plain(c, field, c.raw(field)));
        }
      }
      attributes.put("name", name(c));
      return type.bind(attributes);
    };
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
      return p.isNumber() ? (Object) p.getAsNumber() : p.isBoolean() ? p.getAsBoolean()
          : p.getAsString();
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

  private static LayerSpec dropout(Cfg c, Shape in) {
    return Dropout.of(c.number("rate")).name(name(c));
  }

  private static LayerSpec concatenate(Cfg c, Shape in) {
    return Concatenate.of().axis(c.integer("axis", -1)).name(name(c));
  }

  private static LayerSpec timeDistributed(Cfg c, Shape in) {
    Cfg wrapped = c.object("layer", c.where());
    String inner = ConfigReader.bareClassName(wrapped.string("class_name"));
    Cfg innerCfg = wrapped.object("config", c.where() + ", wrapped " + inner);
    if (in.rank() < 2) {
      throw c.error("TimeDistributed needs an input with a time axis, the input is "
          + in.toKerasString());
    }
    LayerSpec step = spec(inner, innerCfg, in.dropFirst(1));
    return TimeDistributed.of(step).name(name(c));
  }

  private static LayerSpec spikingActivation(Cfg c, Shape in) {
    SpikingActivation s = SpikingActivation.of(activation(c, "activation", null))
        .dt(c.number("dt", SpikingActivation.DEFAULT_DT))
        .name(name(c));
    if (c.has("seed")) {
      Long seed = Cfg.asLong(c.raw("seed"));
      if (seed == null) {
        throw c.error("field 'seed' must be an integer, was " + Cfg.shortText(c.raw("seed")));
      }
      s = s.seed(seed);
    }
    return s;
  }

  // ---- weighted layers: PReLU, Embedding, LayerNormalization, Conv1D/2D/3DTranspose

  private static LayerSpec prelu(Cfg c, Shape in) {
    return PReLU.of().sharedAxes(ints(c, "shared_axes")).name(name(c));
  }

  /** Keras 2 and tf.keras write {@code input_length} (an int, or null); Keras 3 drops it. */
  private static LayerSpec embedding(Cfg c, Shape in) {
    Embedding e = Embedding.of(c.positiveInt("input_dim"), c.positiveInt("output_dim"))
        .maskZero(c.bool("mask_zero", false))
        .name(name(c));
    return c.has("input_length") && !(c.raw("input_length") instanceof JsonArray)
        ? e.inputLength(c.positiveInt("input_length")) : e;
  }

  private static LayerSpec layerNormalization(Cfg c, Shape in) {
    if (c.bool("rms_scaling", false)) {
      throw c.error("field 'rms_scaling' is true; NeuroJoule's LayerNormalization subtracts the"
          + " mean (rms_scaling false)");
    }
    int[] axis = c.has("axis") ? ints(c, "axis") : new int[] {-1};
    return LayerNormalization.of().axis(axis)
        .epsilon(c.number("epsilon", LayerNormalization.DEFAULT_EPSILON))
        .center(c.bool("center", true))
        .scale(c.bool("scale", true))
        .name(name(c));
  }

  // ---- preprocessing Normalization

  /**
   * Keras writes {@code axis} as an int or a list, null for a single mean; a {@code mean} and
   * {@code variance} given in the config (constants, not weights) and Keras 3's {@code invert}
   * are refused.
   */
  private static LayerSpec normalization(Cfg c, Shape in) {
    for (String constant : List.of("mean", "variance")) {
      if (c.has(constant)) {
        throw c.error("field '" + constant + "' is set; NeuroJoule's Normalization takes the mean"
            + " and variance as weights (adapted), not as constants in the config");
      }
    }
    if (c.bool("invert", false)) {
      throw c.error("field 'invert' is true; NeuroJoule's Normalization only normalizes");
    }
    int[] axis = c.isNull("axis") ? new int[0] : c.has("axis") ? ints(c, "axis") : new int[] {-1};
    return Normalization.of().axis(axis).name(name(c));
  }

  // ---- KerasSpiking filters: Lowpass, Alpha

  /** Constraints only act in training; return_state, stateful and time_major are refused. */
  private static LayerSpec filter(Cfg c, Filter f) {
    Map<String, String> refused = Map.of("return_state", "returns its output only",
        "stateful", "restarts from its initial level on each input",
        "time_major", "reads (batch, time, ...)");
    for (String field : List.of("return_state", "stateful", "time_major")) {
      if (c.bool(field, false)) {
        throw c.error("field '" + field + "' is true; NeuroJoule's " + f.type() + " "
            + refused.get(field));
      }
    }
    return f.dt(c.number("dt", Filter.DEFAULT_DT))
        .levelInitializer(constantInitializer(c, "level_initializer", 0))
        .applyDuringTraining(c.bool("apply_during_training", true))
        .returnSequences(c.bool("return_sequences", true))
        .name(name(c));
  }

  private static double tauInitializer(Cfg c) {
    if (!c.has("tau_initializer")) {
      throw c.error("field 'tau_initializer' is missing");
    }
    return constantInitializer(c, "tau_initializer", Double.NaN);
  }

  /**
   * A Keras initializer that fills one value: a number, {@code "zeros"}, {@code "ones"}, or the
   * serialized {@code Zeros}, {@code Ones} or {@code Constant(value)}.
   */
  private static double constantInitializer(Cfg c, String field, double fallback) {
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
    } else if (e instanceof JsonObject o && o.get("class_name") instanceof JsonPrimitive p
        && p.isString()) {
      kind = ConfigReader.bareClassName(p.getAsString());
    }
    if (kind != null) {
      switch (kind.toLowerCase(java.util.Locale.ROOT)) {
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
    throw c.error("field '" + field + "' must be a number or a Zeros, Ones or Constant"
        + " initializer, was " + Cfg.shortText(e));
  }

  private static LayerSpec convTranspose(Cfg c, int rank) {
    groupsMustBeOne(c);
    return ConvTranspose.of(rank, c.positiveInt("filters"), kernelSize(c, rank))
        .strides(strides(c, rank))
        .padding(padding(c))
        .outputPadding(ints(c, "output_padding"))
        .dilationRate(dilationRate(c, rank))
        .activation(activationOrLinear(c))
        .useBias(useBias(c))
        .name(name(c));
  }

  /** An int, a list of ints, or absent / null (none). */
  private static int[] ints(Cfg c, String field) {
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
        throw c.error("field '" + field + "' must be an integer or a list of integers, was "
            + Cfg.shortText(e));
      }
      out[i] = (int) (long) v;
    }
    return out;
  }

  // ---- shared config keys

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
      throw c.error("field '" + field + "': unknown activation '" + s + "'; NeuroJoule knows "
          + String.join(", ", known));
    }
  }

  /** Keras' {@code kernel_size}: one value, or one per axis. */
  private static int[] kernelSize(Cfg c, int rank) {
    return toArray(c.positiveInts("kernel_size", rank));
  }

  /** Keras' {@code strides}: one value, or one per axis; 1 when absent. */
  private static int[] strides(Cfg c, int rank) {
    return toArray(c.positiveInts("strides", rank, 1));
  }

  /** Keras' {@code dilation_rate}: one value, or one per axis; 1 when absent. */
  private static int[] dilationRate(Cfg c, int rank) {
    return toArray(c.positiveInts("dilation_rate", rank, 1));
  }

  /** Keras' {@code activation}, linear when absent. */
  private static Activation activationOrLinear(Cfg c) {
    return activation(c, "activation", Activation.LINEAR);
  }

  /** Keras' {@code use_bias}, true when absent. */
  static boolean useBias(Cfg c) {
    return c.bool("use_bias", true);
  }

  private static Padding padding(Cfg c) {
    String p = c.optString("padding").orElse("valid");
    switch (p) {
      case "valid":
        return Padding.VALID;
      case "same":
        return Padding.SAME;
      case "causal":
        return Padding.CAUSAL;   // the spec refuses it on any layer but Conv1D
      default:
        throw c.error("field 'padding' is '" + p + "'; NeuroJoule supports 'valid', 'same' and"
            + " 'causal'");
    }
  }

  /** Keras' transposed convolutions take no groups; a file that gives some is refused. */
  private static void groupsMustBeOne(Cfg c) {
    if (c.has("groups") && c.positiveInt("groups") != 1) {
      throw c.error("field 'groups' is " + c.positiveInt("groups")
          + "; NeuroJoule's transposed convolutions are not grouped");
    }
  }

  /** An axis written as an int or, by tf.keras, as a one-element list. */
  private static int axis(Cfg c, String field, int fallback) {
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

  private static int[] toArray(List<Integer> values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
