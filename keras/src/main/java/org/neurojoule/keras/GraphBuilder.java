package org.neurojoule.keras;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neurojoule.KerasImportException;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.importing.ZeroCostLayer;
import org.neurojoule.keras.ModelDef.Call;
import org.neurojoule.keras.ModelDef.LayerDef;
import org.neurojoule.keras.ModelDef.Ref;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.layer.WeightShapes;
import org.neurojoule.shape.Shape;

/**
 * Builds a {@link Model} from a {@link ModelDef} through the public API: one {@link Layer} per
 * layer entry (applied once per call, so shared layers share weights), nested models inlined, the
 * stored weights set on each layer after checking their shapes.
 */
final class GraphBuilder {
  private final String file;
  private final Optional<StoredWeights> weights;
  private final boolean allowUnknown;
  private final InputShapes inputShapes;
  private final List<String> warnings = new ArrayList<>();
  private final Map<LayerDef, Layer> layers = new IdentityHashMap<>();
  private final Set<String> usedNames = new HashSet<>();
  private final ChannelsFirst layouts = new ChannelsFirst(n -> unique(n, ""));

  GraphBuilder(
      String file, Optional<StoredWeights> weights, boolean allowUnknown, InputShapes inputShapes) {
    this.file = file;
    this.weights = weights;
    this.allowUnknown = allowUnknown;
    this.inputShapes = inputShapes;
  }

  List<String> warnings() {
    return warnings;
  }

  Model build(ModelDef def) {
    Map<Ref, Tensor> tensors = new HashMap<>();
    List<Tensor> inputs = new ArrayList<>();
    inputShapes.checkInputs(file, def.inputs().stream().map(Ref::layer).toList());
    for (Ref in : def.inputs()) {
      LayerDef layer = find(def, in, "input_layers");
      if (!layer.className().equals("InputLayer")) {
        throw new KerasImportException(
            file + ": input_layers names " + layer.where() + ", which is not an InputLayer");
      }
      String inputName = unique(layer.name(), "");
      Shape shape = inputShapes.resolve(file, layer.name(), inputShape(layer));
      Tensor t = Model.input(shape.toArray(), i -> i.name(inputName));
      tensors.put(new Ref(layer.name(), 0, 0), t);
      inputs.add(t);
    }
    List<Tensor> outputs = new ArrayList<>(run(def, tensors, "", 0));
    for (int i = 0; i < outputs.size(); i++) {
      outputs.set(i, layouts.fileLayout(outputs.get(i), def.outputs().get(i).layer()));
    }
    try {
      return Model.of(inputs, outputs);
    } catch (IllegalArgumentException e) {
      throw new KerasImportException(file + ": " + e.getMessage(), e);
    }
  }

  /** Applies every call of {@code def}'s layers, given its input tensors; returns its outputs. */
  private List<Tensor> run(ModelDef def, Map<Ref, Tensor> tensors, String prefix, int depth) {
    Map<String, Integer> offsets = nodeOffsets(def);
    Map<LayerDef, Integer> next = new IdentityHashMap<>();
    boolean progress = true;
    int pending = Integer.MAX_VALUE;
    while (progress && pending > 0) {
      progress = false;
      pending = 0;
      for (LayerDef layer : def.layers()) {
        int done = next.getOrDefault(layer, 0);
        while (done < layer.calls().size()) {
          Call call = layer.calls().get(done);
          List<Tensor> in = resolve(call, tensors, offsets);
          if (in == null) {
            break;
          }
          List<Tensor> out = apply(layer, call, in, prefix, depth);
          int node = done + offsets.getOrDefault(layer.name(), 0);
          for (int i = 0; i < out.size(); i++) {
            tensors.put(new Ref(layer.name(), node, i), out.get(i));
          }
          done++;
          progress = true;
        }
        next.put(layer, done);
        pending += layer.calls().size() - done;
      }
    }
    if (pending > 0) {
      for (LayerDef layer : def.layers()) {
        int done = next.getOrDefault(layer, 0);
        if (done < layer.calls().size()) {
          for (Ref r : layer.calls().get(done).inputs()) {
            if (lookup(r, tensors, offsets) == null) {
              throw new KerasImportException(
                  file
                      + ": "
                      + layer.where()
                      + ": its input "
                      + r
                      + " is never produced (no such layer, call or output in model '"
                      + def.name()
                      + "')");
            }
          }
        }
      }
    }
    List<Tensor> outputs = new ArrayList<>();
    for (Ref r : def.outputs()) {
      find(def, r, "output_layers");
      Tensor t = lookup(r, tensors, offsets);
      if (t == null) {
        throw new KerasImportException(
            file
                + ": output_layers names "
                + r
                + ", which is never produced in model '"
                + def.name()
                + "'");
      }
      outputs.add(t);
    }
    return outputs;
  }

  /** A nested model's first call is node 1 (node 0 is its own), unless the file uses 0. */
  private static Map<String, Integer> nodeOffsets(ModelDef def) {
    Map<String, Integer> offsets = new HashMap<>();
    Set<String> usesZero = new HashSet<>();
    for (LayerDef l : def.layers()) {
      for (Call c : l.calls()) {
        c.inputs().stream().filter(r -> r.node() == 0).forEach(r -> usesZero.add(r.layer()));
      }
    }
    def.outputs().stream().filter(r -> r.node() == 0).forEach(r -> usesZero.add(r.layer()));
    for (LayerDef l : def.layers()) {
      if (l.nested().isPresent() && !usesZero.contains(l.name())) {
        offsets.put(l.name(), 1);
      }
    }
    return offsets;
  }

  private static Tensor lookup(Ref r, Map<Ref, Tensor> tensors, Map<String, Integer> offsets) {
    return tensors.get(r);
  }

  private static List<Tensor> resolve(
      Call call, Map<Ref, Tensor> tensors, Map<String, Integer> offsets) {
    List<Tensor> in = new ArrayList<>();
    for (Ref r : call.inputs()) {
      Tensor t = lookup(r, tensors, offsets);
      if (t == null) {
        return null;
      }
      in.add(t);
    }
    return in;
  }

  private LayerDef find(ModelDef def, Ref r, String field) {
    return def.layers().stream()
        .filter(l -> l.name().equals(r.layer()))
        .findFirst()
        .orElseThrow(
            () ->
                new KerasImportException(
                    file
                        + ": "
                        + field
                        + " names layer '"
                        + r.layer()
                        + "', which model '"
                        + def.name()
                        + "' does not have"));
  }

  private List<Tensor> apply(LayerDef def, Call call, List<Tensor> in, String prefix, int depth) {
    if (def.nested().isPresent()) {
      return inline(def, in, prefix, depth);
    }
    if (def.className().equals("InputLayer")) {
      throw new KerasImportException(file + ": " + def.where() + " is called on other layers");
    }
    ChannelsFirst.Plan plan;
    try {
      plan = layouts.plan(def, in);
    } catch (IllegalArgumentException e) {
      throw new KerasImportException(file + ": " + def.where() + ": " + e.getMessage(), e);
    }
    Layer layer = layers.get(def);
    if (layer == null) {
      layer = Layer.of(spec(def, plan.config(), plan.inputs(), prefix));
      layers.put(def, layer);
    }
    Tensor out;
    try {
      out = layer.apply(plan.inputs().toArray(new Tensor[0]));
    } catch (IllegalArgumentException e) {
      throw new KerasImportException(file + ": " + def.where() + ": " + e.getMessage(), e);
    }
    layouts.record(plan, out);
    if (layer.weights().isEmpty() && WeightShapes.hasWeights(layer.spec())) {
      setWeights(def, layer, plan.inputs(), prefix);
    }
    return List.of(out);
  }

  private List<Tensor> inline(LayerDef def, List<Tensor> in, String prefix, int depth) {
    ModelDef inner = def.nested().get();
    if (inner.inputs().size() != in.size()) {
      throw new KerasImportException(
          file
              + ": "
              + def.where()
              + " takes "
              + inner.inputs().size()
              + " inputs, is called on "
              + in.size());
    }
    Map<Ref, Tensor> tensors = new HashMap<>();
    for (int i = 0; i < in.size(); i++) {
      Ref r = inner.inputs().get(i);
      tensors.put(new Ref(r.layer(), 0, 0), in.get(i));
    }
    return run(inner, tensors, prefix + def.name() + "/", depth + 1);
  }

  private LayerSpec spec(LayerDef def, Cfg config, List<Tensor> in, String prefix) {
    Shape first = in.get(0).shape();
    String name = unique(def.name(), prefix);
    if (KerasLayerRegistry.supports(def.className(), def.config())) {
      Cfg cfg = name.equals(def.name()) ? config : config.withName(name);
      return KerasLayerRegistry.spec(def.className(), cfg, first);
    }
    // Only reached with allowUnknown: the importer has listed unsupported layers otherwise. Its
    // output shape is unknown to the layer algebra, so it is taken to keep its first input's
    // shape, and the warning says which shape was used.
    Shape out = first;
    ParamCount params = ParamCount.ZERO;
    Optional<List<StoredWeights.Array>> stored =
        weights.flatMap(w -> w.forLayer(prefix + def.name()));
    if (stored.isPresent()) {
      params =
          ParamCount.trainable(stored.get().stream().mapToLong(StoredWeights.Array::count).sum());
    }
    warnings.add(
        file
            + ": "
            + def.where()
            + " has no NeuroJoule equivalent; imported as a"
            + " zero-cost layer with output shape "
            + out.toKerasString());
    String type = KerasLayerRegistry.describeClass(def.className(), def.config());
    return new ZeroCostLayer(type, Optional.of(name), out, params, "zero-cost " + type);
  }

  private String unique(String name, String prefix) {
    String n = usedNames.contains(name) ? prefix + name : name;
    if (!usedNames.add(n)) {
      throw new KerasImportException(file + ": two layers are named '" + n + "'");
    }
    return n;
  }

  private void setWeights(LayerDef def, Layer layer, List<Tensor> in, String prefix) {
    if (weights.isEmpty()) {
      return;
    }
    StoredWeights w = weights.get();
    List<StoredWeights.Array> stored = w.forLayer(prefix + def.name()).orElse(null);
    if (stored == null) {
      throw new KerasImportException(w.file().label() + ": no weights stored for " + def.where());
    }
    List<WeightShapes.Weight> expected;
    try {
      List<Shape> shapes = new ArrayList<>();
      in.forEach(t -> shapes.add(t.shape()));
      expected = WeightShapes.of(layer.spec(), shapes);
    } catch (IllegalArgumentException e) {
      throw new KerasImportException(file + ": " + def.where() + ": " + e.getMessage(), e);
    }
    if (expected.size() != stored.size()) {
      throw new KerasImportException(
          w.file().label()
              + ": "
              + def.where()
              + " takes "
              + expected.size()
              + " weight arrays "
              + expected
              + ", the file stores "
              + stored.size()
              + " "
              + stored.stream()
                  .map(a -> "'" + a.path() + "' " + H5.WeightShapesText.of(a.shape()))
                  .toList());
    }
    float[][] values = new float[stored.size()][];
    for (int i = 0; i < values.length; i++) {
      StoredWeights.Array a = stored.get(i);
      int[] want = expected.get(i).shape();
      if (!java.util.Arrays.equals(want, a.shape())) {
        throw new KerasImportException(
            w.file().label()
                + ": "
                + def.where()
                + ": dataset '"
                + a.path()
                + "' has shape "
                + H5.WeightShapesText.of(a.shape())
                + ", the layer's "
                + expected.get(i).name()
                + " needs "
                + H5.WeightShapesText.of(want));
      }
      values[i] = w.values(a);
    }
    try {
      layer.setWeights(values);
    } catch (IllegalArgumentException e) {
      throw new KerasImportException(
          w.file().label() + ": " + def.where() + ": " + e.getMessage(), e);
    }
  }

  /** An InputLayer's shape without the batch. */
  private Shape inputShape(LayerDef def) {
    Cfg c = def.config();
    List<Integer> dims;
    if (c.has("batch_input_shape")) {
      dims = c.dims("batch_input_shape");
    } else if (c.has("batch_shape")) {
      dims = c.dims("batch_shape");
    } else {
      throw c.error("field 'batch_input_shape' (or 'batch_shape') is missing");
    }
    if (dims.size() < 2) {
      throw c.error("the input shape " + dims + " has no dimension besides the batch");
    }
    int[] d = new int[dims.size() - 1];
    for (int i = 0; i < d.length; i++) {
      d[i] = dims.get(i + 1);
    }
    return Shape.of(d);
  }
}
