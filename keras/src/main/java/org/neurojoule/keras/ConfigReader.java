package org.neurojoule.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.neurojoule.ImportException;
import org.neurojoule.keras.ModelDef.Call;
import org.neurojoule.keras.ModelDef.LayerDef;
import org.neurojoule.keras.ModelDef.Ref;

/**
 * Reads a Keras model envelope ({@code {"class_name", "config"}}) into a {@link ModelDef}: Keras 2
 * and Keras 3 dialects, Sequential (bare list or {@code {"layers": [...]}}) and Functional ({@code
 * inbound_nodes} as lists or as {@code {"args", "kwargs"}}), nested models inside.
 */
final class ConfigReader {
  /** Nested models deeper than this are refused (no unbounded recursion on user input). */
  static final int MAX_NESTING = 16;

  static final int MAX_LAYERS = 100_000;
  private static final Set<String> MODEL_CLASSES = Set.of("Sequential", "Model", "Functional");

  private final String file;
  private int layerCount;

  ConfigReader(String file) {
    this.file = file;
  }

  static boolean isModelClass(String className) {
    return MODEL_CLASSES.contains(className);
  }

  /** Keras class name without a registered package ({@code keras_spiking>Lowpass}). */
  static String bareClassName(String className) {
    int gt = className.lastIndexOf('>');
    return gt >= 0 ? className.substring(gt + 1) : className;
  }

  ModelDef read(JsonObject envelope) {
    return readModel(new Cfg(envelope, file, "the model"), 0);
  }

  private ModelDef readModel(Cfg envelope, int depth) {
    if (depth > MAX_NESTING) {
      throw envelope.error("models are nested more than " + MAX_NESTING + " deep");
    }
    String className = bareClassName(envelope.string("class_name"));
    if (!isModelClass(className)) {
      throw envelope.error(
          "field 'class_name' must be Sequential, Model or Functional, was '" + className + "'");
    }
    JsonElement config = envelope.raw("config");
    if (config == null) {
      throw envelope.error("field 'config' is missing");
    }
    if (className.equals("Sequential")) {
      return readSequential(envelope, config, depth);
    }
    Cfg cfg = envelope.object("config", envelope.where());
    return readFunctional(cfg, depth);
  }

  private ModelDef readSequential(Cfg envelope, JsonElement config, int depth) {
    JsonArray entries;
    String name = "sequential";
    Cfg cfg = null;
    if (config instanceof JsonArray a) {
      entries = a; // Keras 2.0/2.1: the config is the layer list
    } else if (config instanceof JsonObject o) {
      cfg = new Cfg(o, file, envelope.where());
      name = cfg.optString("name").orElse(name);
      entries = cfg.array("layers");
    } else {
      throw envelope.error(
          "field 'config' must be a list of layers or an object, was " + Cfg.shortText(config));
    }
    String where = "model '" + name + "'";
    List<LayerDef> layers = new ArrayList<>();
    Ref previous = null;
    for (int i = 0; i < entries.size(); i++) {
      Cfg entry = entryAt(entries, i, where);
      String className = bareClassName(entry.string("class_name"));
      Cfg layerCfg = entry.object("config", where + ", layer " + i + " (" + className + ")");
      String layerName = nestedName(entry, layerCfg, className, i);
      String layerWhere = ImportException.element("layer", layerName, className);
      layerCfg = layerCfg.at(layerWhere);
      Optional<ModelDef> nested =
          isModelClass(className)
              ? Optional.of(readModel(entry.at(layerWhere), depth + 1))
              : Optional.empty();
      if (previous == null && !className.equals("InputLayer")) {
        // Keras makes the input layer of a Sequential from the first layer's input shape.
        List<Integer> shape = sequentialInputShape(layerCfg, cfg, nested);
        LayerDef input = inputDef(layerName + "_input", shape, layerCfg);
        layers.add(input);
        previous = new Ref(input.name(), 0, 0);
      }
      List<Call> calls =
          previous == null
              ? List.of()
              : List.of(new Call(List.of(previous), List.of(Optional.empty())));
      LayerDef def = new LayerDef(layerName, className, layerCfg, calls, nested);
      count();
      layers.add(def);
      previous = new Ref(layerName, nested.isPresent() ? 1 : 0, 0);
    }
    if (layers.isEmpty()) {
      throw envelope.error("the Sequential model '" + name + "' has no layers");
    }
    Ref in = new Ref(layers.get(0).name(), 0, 0);
    return new ModelDef(name, layers, List.of(in), List.of(previous), true);
  }

  private static String nestedName(Cfg entry, Cfg layerCfg, String className, int i) {
    if (layerCfg.has("name")) {
      return layerCfg.string("name");
    }
    if (entry.has("name")) {
      return entry.string("name");
    }
    throw layerCfg.error("field 'name' is missing");
  }

  private List<Integer> sequentialInputShape(Cfg first, Cfg model, Optional<ModelDef> nested) {
    if (first.has("batch_input_shape")) {
      return first.dims("batch_input_shape");
    }
    if (first.has("batch_shape")) {
      return first.dims("batch_shape");
    }
    if (model != null && model.has("build_input_shape")) {
      return model.dims("build_input_shape");
    }
    throw first.error(
        "the Sequential model has no input shape: expected 'batch_input_shape' on"
            + " its first layer, an InputLayer or the model's 'build_input_shape'");
  }

  private LayerDef inputDef(String name, List<Integer> batchShape, Cfg source) {
    JsonObject o = new JsonObject();
    JsonArray shape = new JsonArray();
    for (int d : batchShape) {
      if (d < 0) {
        shape.add(com.google.gson.JsonNull.INSTANCE);
      } else {
        shape.add(d);
      }
    }
    o.add("batch_input_shape", shape);
    o.addProperty("name", name);
    count();
    return new LayerDef(
        name,
        "InputLayer",
        new Cfg(o, file, "layer '" + name + "' (InputLayer, from " + source.where() + ")"),
        List.of(),
        Optional.empty());
  }

  private ModelDef readFunctional(Cfg cfg, int depth) {
    String name = cfg.optString("name").orElse("model");
    String where = "model '" + name + "'";
    JsonArray entries = cfg.array("layers");
    List<LayerDef> layers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Cfg entry = entryAt(entries, i, where);
      String className = bareClassName(entry.string("class_name"));
      String layerName =
          entry.has("name")
              ? entry.string("name")
              : entry.object("config", where + ", layer " + i).string("name");
      String lw = ImportException.element("layer", layerName, className);
      if (!names.add(layerName)) {
        throw entry.at(lw).error("a second layer has this name in " + where);
      }
      Cfg layerCfg = entry.object("config", lw);
      Optional<ModelDef> nested =
          isModelClass(className)
              ? Optional.of(readModel(entry.at(lw), depth + 1))
              : Optional.empty();
      List<Call> calls = readCalls(entry.at(lw));
      count();
      layers.add(new LayerDef(layerName, className, layerCfg, calls, nested));
    }
    List<Ref> inputs = refList(cfg, "input_layers");
    List<Ref> outputs = refList(cfg, "output_layers");
    return new ModelDef(name, layers, inputs, outputs, false);
  }

  private void count() {
    if (++layerCount > MAX_LAYERS) {
      throw new org.neurojoule.KerasImportException(file + ": more than " + MAX_LAYERS + " layers");
    }
  }

  private Cfg entryAt(JsonArray entries, int i, String where) {
    JsonElement e = entries.get(i);
    if (!(e instanceof JsonObject o)) {
      throw new org.neurojoule.KerasImportException(
          file
              + ": "
              + where
              + ": layer "
              + i
              + " must be an object with 'class_name' and 'config', was "
              + Cfg.shortText(e));
    }
    return new Cfg(o, file, where + ", layer " + i);
  }

  /** {@code inbound_nodes}: Keras 2 lists of references, or Keras 3 {@code {args, kwargs}}. */
  private List<Call> readCalls(Cfg entry) {
    if (!entry.has("inbound_nodes")) {
      return List.of();
    }
    List<Call> calls = new ArrayList<>();
    for (JsonElement node : entry.array("inbound_nodes")) {
      List<Ref> refs = new ArrayList<>();
      List<Optional<List<Integer>>> shapes = new ArrayList<>();
      if (node instanceof JsonObject o) {
        collectTensors(entry, o.get("args"), refs, shapes, 0);
        if (refs.isEmpty() && o.get("kwargs") instanceof JsonObject kw) {
          collectTensors(entry, kw.get("inputs"), refs, shapes, 0);
        }
      } else if (node instanceof JsonArray a) {
        for (JsonElement r : a) {
          refs.add(ref(entry, r, "inbound_nodes"));
          shapes.add(Optional.empty());
        }
      } else {
        throw entry.error("field 'inbound_nodes' must list calls, was " + Cfg.shortText(node));
      }
      if (refs.isEmpty()) {
        throw entry.error("a call in 'inbound_nodes' has no input tensors");
      }
      calls.add(new Call(List.copyOf(refs), List.copyOf(shapes)));
    }
    return calls;
  }

  /** Keras 3 tensors inside a call's args, in order (lists nest only a few levels). */
  private void collectTensors(
      Cfg entry, JsonElement e, List<Ref> refs, List<Optional<List<Integer>>> shapes, int depth) {
    if (e == null || depth > 8) {
      return;
    }
    if (e instanceof JsonArray a) {
      for (JsonElement x : a) {
        collectTensors(entry, x, refs, shapes, depth + 1);
      }
    } else if (e instanceof JsonObject o
        && o.get("class_name") instanceof JsonPrimitive p
        && p.isString()
        && p.getAsString().equals("__keras_tensor__")) {
      Cfg tensor = new Cfg(o, file, entry.where()).object("config", entry.where());
      refs.add(ref(entry, tensor.array("keras_history"), "keras_history"));
      shapes.add(tensor.has("shape") ? Optional.of(tensor.dims("shape")) : Optional.empty());
    }
  }

  private List<Ref> refList(Cfg cfg, String field) {
    JsonElement e = cfg.raw(field);
    if (e == null) {
      throw cfg.error("field '" + field + "' is missing");
    }
    List<Ref> out = new ArrayList<>();
    if (e instanceof JsonArray a && !a.isEmpty() && a.get(0) instanceof JsonPrimitive) {
      out.add(ref(cfg, a, field)); // Keras 3: a single bare triple
    } else if (e instanceof JsonArray a) {
      for (JsonElement r : a) {
        out.add(ref(cfg, r, field));
      }
    } else if (e instanceof JsonObject o) {
      for (var entry : o.entrySet()) {
        out.add(ref(cfg, entry.getValue(), field));
      }
    } else {
      throw cfg.error("field '" + field + "' must list tensor references, was " + Cfg.shortText(e));
    }
    if (out.isEmpty()) {
      throw cfg.error("field '" + field + "' is empty");
    }
    return out;
  }

  private Ref ref(Cfg where, JsonElement e, String field) {
    if (e instanceof JsonArray a
        && a.size() >= 3
        && a.size() <= 4
        && a.get(0) instanceof JsonPrimitive p
        && p.isString()) {
      Long node = Cfg.asLong(a.get(1));
      Long tensor = Cfg.asLong(a.get(2));
      if (node != null
          && tensor != null
          && node >= 0
          && tensor >= 0
          && node < Integer.MAX_VALUE
          && tensor < Integer.MAX_VALUE) {
        return new Ref(p.getAsString(), (int) (long) node, (int) (long) tensor);
      }
    }
    throw where.error(
        "field '"
            + field
            + "' must hold [layer_name, node_index, tensor_index],"
            + " was "
            + Cfg.shortText(e));
  }
}
