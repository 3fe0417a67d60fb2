package org.neurojoule.keras;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neurojoule.KerasImportException;
import org.neurojoule.keras.ModelDef.LayerDef;

/**
 * The weight arrays an HDF5 file stores for each layer of a model, keyed by the layer's path
 * ({@code conv2d_1}, or {@code inner_model/conv2d_1} inside a nested model). Reads the legacy
 * layout ({@code layer_names} / {@code weight_names}, full-model and weights-only files) and the
 * Keras 3 layout ({@code layers/<key>/vars/0..n}).
 */
final class StoredWeights {
  /** One stored array: its dataset path and declared shape; values are read on demand. */
  record Array(String path, int[] shape, Dataset dataset) {
    long count() {
      long n = 1;
      for (int d : shape) {
        n *= d;
      }
      return n;
    }
  }

  /** Classes whose layers hold weights, also those imported as zero-cost stand-ins. */
  private static final Set<String> WEIGHTED =
      Set.of(
          "Dense",
          "Conv1D",
          "Conv2D",
          "Conv3D",
          "DepthwiseConv2D",
          "SeparableConv1D",
          "SeparableConv2D",
          "BatchNormalization",
          "LSTM",
          "GRU",
          "SimpleRNN",
          "Bidirectional",
          "Embedding",
          "PReLU",
          "Conv1DTranspose",
          "Conv2DTranspose",
          "Conv3DTranspose",
          "LayerNormalization",
          "Normalization",
          "Lowpass",
          "Alpha");

  private final Map<String, List<Array>> byPath = new HashMap<>();
  private final H5 h5;

  private StoredWeights(H5 h5) {
    this.h5 = h5;
  }

  H5 file() {
    return h5;
  }

  /** {@return the arrays stored for the layer at this path, if any} */
  Optional<List<Array>> forLayer(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  float[] values(Array a) {
    return h5.floats(a.dataset());
  }

  static boolean holdsWeights(LayerDef def) {
    if (def.nested().isPresent()) {
      return def.nested().get().layers().stream().anyMatch(StoredWeights::holdsWeights);
    }
    if (def.className().equals("TimeDistributed")
        && def.config().raw("layer") instanceof com.google.gson.JsonObject o
        && o.get("class_name") != null
        && o.get("class_name").isJsonPrimitive()) {
      return WEIGHTED.contains(ConfigReader.bareClassName(o.get("class_name").getAsString()));
    }
    return WEIGHTED.contains(def.className());
  }

  // ---- legacy layout: layer_names, weight_names

  /**
   * Reads {@code group} (the root of a weights-only file, or {@code model_weights}) for {@code
   * model}: by name when every stored layer name is a layer of the model, otherwise by position
   * among the layers with weights, as Keras' {@code load_weights} does.
   */
  static StoredWeights legacy(H5 h5, Group group, ModelDef model) {
    StoredWeights w = new StoredWeights(h5);
    List<String> names = h5.stringList(group, "layer_names");
    if (names.isEmpty() && h5.stringList(group, "weight_names").isEmpty()) {
      throw h5.error(group, "attribute 'layer_names' is missing: not a Keras weights group");
    }
    List<String> withWeights = new ArrayList<>();
    Map<String, List<Array>> stored = new HashMap<>();
    for (String name : names) {
      Node n =
          h5.child(group, name)
              .orElseThrow(
                  () ->
                      h5.error(
                          group,
                          "attribute 'layer_names' lists '"
                              + name
                              + "' but there is no such group"));
      if (!(n instanceof Group lg)) {
        throw h5.error(n, "must be a group of weights");
      }
      List<Array> arrays = new ArrayList<>();
      for (String weightName : h5.stringList(lg, "weight_names")) {
        arrays.add(array(h5, lg, weightName));
      }
      if (!arrays.isEmpty()) {
        withWeights.add(name);
        stored.put(name, arrays);
      }
    }
    List<LayerDef> weighted = model.layers().stream().filter(StoredWeights::holdsWeights).toList();
    Set<String> modelNames = new HashSet<>();
    model.layers().forEach(l -> modelNames.add(l.name()));
    boolean byName = modelNames.containsAll(withWeights);
    if (!byName && weighted.size() != withWeights.size()) {
      throw new KerasImportException(
          h5.label()
              + ": the file stores weights for "
              + withWeights.size()
              + " layers "
              + withWeights
              + ", the model has "
              + weighted.size()
              + " layers with weights "
              + weighted.stream().map(LayerDef::name).toList());
    }
    for (int i = 0; i < withWeights.size(); i++) {
      String storedName = withWeights.get(i);
      LayerDef def =
          byName
              ? model.layers().stream()
                  .filter(l -> l.name().equals(storedName))
                  .findFirst()
                  .orElseThrow()
              : weighted.get(i);
      w.put(def, "", stored.get(storedName));
    }
    return w;
  }

  /** A nested model's group holds all its layers' arrays, named after the inner layers. */
  private void put(LayerDef def, String prefix, List<Array> arrays) {
    if (def.nested().isEmpty()) {
      byPath.put(prefix + def.name(), arrays);
      return;
    }
    String inner = prefix + def.name() + "/";
    Map<String, List<Array>> perLayer = new HashMap<>();
    for (Array a : arrays) {
      String rel = a.path().substring(a.path().indexOf('/', 1) + 1);
      perLayer.computeIfAbsent(owner(def, rel), k -> new ArrayList<>()).add(a);
    }
    for (LayerDef l : def.nested().get().layers()) {
      List<Array> mine = perLayer.get(l.name());
      if (mine != null) {
        put(l, inner, mine);
      }
    }
  }

  /**
   * The inner layer a weight name such as {@code model/conv2d/kernel:0} belongs to. A layer name
   * may itself contain {@code /} (YAMNet's {@code layer1/conv} and {@code layer1/conv/bn}, stored
   * as {@code sequential_2/layer1/conv/bn/beta:0}): the owner is the longest run of consecutive
   * parts, starting at the earliest part that begins one, that names an inner layer and still
   * leaves the variable's own name after it.
   */
  private String owner(LayerDef nested, String weightName) {
    Set<String> names = new HashSet<>();
    nested.nested().get().layers().forEach(l -> names.add(l.name()));
    String[] parts = weightName.split("/");
    for (int start = 0; start < parts.length - 1; start++) {
      String match = null;
      StringBuilder candidate = new StringBuilder();
      for (int end = start; end < parts.length - 1; end++) {
        if (end > start) {
          candidate.append('/');
        }
        candidate.append(parts[end]);
        if (names.contains(candidate.toString())) {
          match = candidate.toString();
        }
      }
      if (match != null) {
        return match;
      }
    }
    throw new KerasImportException(
        h5.label()
            + ": weight '"
            + weightName
            + "' of nested model '"
            + nested.name()
            + "' names none of its layers");
  }

  private static Array array(H5 h5, Group layerGroup, String weightName) {
    Group g = layerGroup;
    String[] parts = weightName.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      String part = parts[i];
      Group parent = g;
      g =
          h5.group(g, part)
              .orElseThrow(
                  () ->
                      h5.error(
                          parent,
                          "attribute 'weight_names' lists '"
                              + weightName
                              + "' but there is no such dataset"));
    }
    Group parent = g;
    Node n =
        h5.child(g, parts[parts.length - 1])
            .orElseThrow(
                () ->
                    h5.error(
                        parent,
                        "attribute 'weight_names' lists '"
                            + weightName
                            + "' but there is no such dataset"));
    if (!(n instanceof Dataset ds)) {
      throw h5.error(n, "must be a dataset");
    }
    return new Array(ds.getPath(), h5.dims(ds), ds);
  }

  // ---- Keras 3 layout: layers/<snake_case key>/vars/<i>

  static StoredWeights keras3(H5 h5, ModelDef model) {
    StoredWeights w = new StoredWeights(h5);
    Group layers =
        h5.group(h5.root(), "layers")
            .orElseThrow(
                () ->
                    h5.error(h5.root(), "there is no group 'layers': not a Keras 3 weights file"));
    w.readKeras3(layers, model, "", 0);
    return w;
  }

  private void readKeras3(Group layers, ModelDef model, String prefix, int depth) {
    Map<String, Integer> counters = new HashMap<>();
    boolean sequential = model.sequential();
    for (LayerDef def : model.layers()) {
      if (def.className().equals("InputLayer") && sequential) {
        continue;
      }
      String stem = kerasThreeSnakeCase(def.className());
      int n = counters.merge(stem, 1, Integer::sum) - 1;
      String key = n == 0 ? stem : stem + "_" + n;
      Optional<Group> g = h5.group(layers, key);
      if (g.isEmpty()) {
        continue;
      }
      if (def.nested().isPresent() && depth < ConfigReader.MAX_NESTING) {
        h5.group(g.get(), "layers")
            .ifPresent(
                inner ->
                    readKeras3(inner, def.nested().get(), prefix + def.name() + "/", depth + 1));
        continue;
      }
      List<Array> arrays = new ArrayList<>();
      collectVars(g.get(), arrays, 0);
      if (!arrays.isEmpty()) {
        byPath.put(prefix + def.name(), arrays);
      }
    }
  }

  /** {@code vars/0, 1, ...} in index order, then owned sub-objects' (an RNN's cell). */
  private void collectVars(Group g, List<Array> out, int depth) {
    Optional<Group> vars = h5.group(g, "vars");
    if (vars.isPresent()) {
      for (int i = 0; ; i++) {
        Optional<Node> n = h5.child(vars.get(), Integer.toString(i));
        if (n.isEmpty()) {
          break;
        }
        if (!(n.get() instanceof Dataset ds)) {
          throw h5.error(n.get(), "must be a dataset");
        }
        out.add(new Array(ds.getPath(), h5.dims(ds), ds));
      }
    }
    if (depth < 4) {
      List<String> children = h5.childNames(g);
      // A Bidirectional's arrays are its forward layer's, then its backward layer's.
      children.sort(java.util.Comparator.comparing(name -> name.equals("backward_layer")));
      for (String child : children) {
        if (!child.equals("vars") && h5.child(g, child).orElse(null) instanceof Group sub) {
          collectVars(sub, out, depth + 1);
        }
      }
    }
  }

  /** Keras 3's {@code naming.to_snake_case}. */
  static String kerasThreeSnakeCase(String name) {
    String s = name.replaceAll("\\W+", "");
    s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
    s = s.replaceAll("([a-z])([A-Z])", "$1_$2");
    return s.toLowerCase(java.util.Locale.ROOT);
  }
}
