package org.neurojoule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.InputLayer;
import org.neurojoule.layer.KerasNames;
import org.neurojoule.layer.Layers;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.shape.Shape;

/**
 * A network: the layers between some input tensors and some output tensors.
 *
 * <p>Start one with {@link #input(int...)}, chain layer methods on the returned {@link Tensor}, and
 * finish with {@code .model()}, {@code .energy()} or {@link #of(Tensor...)}. Layers are named and
 * ordered as Keras does: automatic names counted per model in creation order ({@code conv2d},
 * {@code conv2d_1}, {@code input_1}), and layers sorted deepest first (depth = longest distance to
 * an output), ties in the order a depth-first walk from the outputs first reaches them.
 */
public final class Model {
  /** Marks an undefined dimension: {@code Model.input(NONE, 28)}; a leading one is time. */
  public static final int NONE = Shape.NONE;

  private final List<Tensor> inputs;
  private final List<Tensor> outputs;
  private final List<Layer> layers;
  private final List<String> layerNames;

  /** Name, position and nodes of every layer, wrapped ones included: one look-up per question. */
  private final Map<Layer, Entry> entries;

  private final Map<String, Layer> byName;
  private final List<Tensor> executionOrder;

  /** Each node's index among its layer's applications, made on the first summary. */
  private volatile Map<Tensor, Integer> nodeIndices;

  private final boolean chain;

  /** The warnings already logged for this model, so each is logged once. */
  private final Set<String> loggedWarnings = ConcurrentHashMap.newKeySet();

  /** The forward passes prepared for firing rates, made on the first estimate with data. */
  private org.neurojoule.engine.PreparedPasses preparedPasses;

  /** Set by an importer before it hands the model out; see {@link #sharedParams()}. */
  private volatile ParamCount sharedParams = ParamCount.ZERO;

  private volatile List<String> paramNotes = List.of();

  /** Set by an importer before it hands the model out; see {@link #provenance()}. */
  private volatile Provenance provenance;

  private volatile Integration integration = Integration.EULER;

  private Model(List<Tensor> inputs, List<Tensor> outputs, Graph graph) {
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.layers = graph.layers;
    this.executionOrder = graph.executionOrder;
    this.chain = graph.chain;
    this.entries = nameLayers(graph);
    Map<String, Layer> index = new LinkedHashMap<>();
    String[] ordered = new String[layers.size()];
    for (int i = 0; i < ordered.length; i++) {
      Layer layer = layers.get(i);
      Entry entry = entries.get(layer);
      entries.put(layer, new Entry(entry.name, i, graph.nodes.get(layer)));
      ordered[i] = entry.name;
      index.put(entry.name, layer);
    }
    this.layerNames = List.of(ordered);
    this.byName = Collections.unmodifiableMap(index);
  }

  /** What the model knows of one layer; position -1 and no nodes for a wrapped layer. */
  private record Entry(String name, int position, List<Tensor> nodes) {}

  /**
   * {@return a new input tensor whose examples have these dimensions ({@link #NONE} for undefined
   * ones)}
   *
   * @param shape the dimensions of one example, without the batch
   * @throws IllegalArgumentException if a dimension is zero or negative
   */
  public static Tensor input(int... shape) {
    return input(shape, UnaryOperator.identity());
  }

  /**
   * {@return a new input tensor, configured: {@code Model.input(new int[] {28, 28}, i ->
   * i.name("x"))}}
   *
   * @param shape the dimensions of one example, without the batch
   * @param configure sets the optional arguments on the defaults
   */
  public static Tensor input(int[] shape, UnaryOperator<InputLayer> configure) {
    Objects.requireNonNull(shape, "shape == null");
    Objects.requireNonNull(configure, "configure == null");
    InputLayer spec = configure.apply(InputLayer.of(Shape.of(shape)));
    return Tensor.input(new Layer(spec, Optional.empty()), spec.shape());
  }

  /**
   * {@return the model from every input the {@code outputs} depend on to the {@code outputs}}
   *
   * @param outputs the output tensors
   */
  public static Model of(Tensor... outputs) {
    Objects.requireNonNull(outputs, "outputs == null");
    Graph graph = Graph.walk(List.of(outputs));
    return new Model(graph.inputs, List.of(outputs), graph);
  }

  /**
   * {@return the model from {@code inputs} to {@code outputs}}
   *
   * @param inputs the input tensors
   * @param outputs the output tensors
   * @throws IllegalArgumentException if an output depends on an input not listed
   */
  public static Model of(List<Tensor> inputs, List<Tensor> outputs) {
    Objects.requireNonNull(inputs, "inputs == null");
    Objects.requireNonNull(outputs, "outputs == null");
    Graph graph = Graph.walk(outputs);
    for (Tensor needed : graph.inputs) {
      if (inputs.stream().noneMatch(t -> t == needed)) {
        throw new IllegalArgumentException(
            "the outputs depend on input "
                + needed.shape()
                + " which is not among the model's inputs");
      }
    }
    for (Tensor given : inputs) {
      Objects.requireNonNull(given, "an input == null");
      if (!given.layer().spec().isInput()) {
        throw new IllegalArgumentException(
            "model inputs must be input tensors (Model.input(...)), not " + given);
      }
    }
    return new Model(inputs, outputs, graph);
  }

  /** {@return the model's input tensors} */
  public List<Tensor> inputs() {
    return inputs;
  }

  /** {@return the model's output tensors} */
  public List<Tensor> outputs() {
    return outputs;
  }

  /** {@return the layers in Keras' order (the order of summary rows)} */
  public List<Layer> layers() {
    return layers;
  }

  /** {@return the layer names in Keras' order} */
  public List<String> layerNames() {
    return layerNames;
  }

  /**
   * {@return the layer named {@code name}}
   *
   * @param name the layer name
   * @throws IllegalArgumentException if there is none, listing the names there are
   */
  public Layer layer(String name) {
    Objects.requireNonNull(name, "name == null");
    Layer layer = byName.get(name);
    if (layer == null) {
      throw new IllegalArgumentException(
          "no layer named '" + name + "'; the layers are " + byName.keySet());
    }
    return layer;
  }

  /**
   * {@return the name of {@code layer} in this model (its given name, or its Keras auto name)}
   *
   * @param layer a layer of this model
   */
  public String nameOf(Layer layer) {
    Entry entry = entries.get(Objects.requireNonNull(layer, "layer == null"));
    if (entry == null) {
      throw new IllegalArgumentException("layer " + layer + " is not part of this model");
    }
    return entry.name;
  }

  /**
   * {@return the position of {@code layer} among {@link #layers()}, or -1 if it is not in this
   * model}
   *
   * @param layer a layer of this model
   */
  public int indexOf(Layer layer) {
    Entry entry = entries.get(layer);
    return entry == null ? -1 : entry.position;
  }

  /**
   * {@return the applications of {@code layer} in this model: one output tensor per application}
   *
   * @param layer a layer of this model
   */
  public List<Tensor> applications(Layer layer) {
    Entry entry = entries.get(layer);
    return entry == null ? List.of() : entry.nodes;
  }

  /** The index of {@code node} among its layer's {@link #applications}, as Keras' node index. */
  int nodeIndex(Tensor node) {
    Map<Tensor, Integer> indices = nodeIndices;
    if (indices == null) {
      indices = new IdentityHashMap<>();
      for (Entry entry : entries.values()) {
        for (int i = 0; i < entry.nodes.size(); i++) {
          indices.put(entry.nodes.get(i), i);
        }
      }
      nodeIndices = indices;
    }
    return indices.getOrDefault(node, -1);
  }

  /**
   * {@return every layer application, each after the ones it depends on: the order to compute them}
   */
  public List<Tensor> executionOrder() {
    return executionOrder;
  }

  /**
   * {@return the parameter count of {@code layer} (reused layers count once, as weights are
   * shared)}
   *
   * @param layer a layer of this model
   */
  public ParamCount params(Layer layer) {
    Entry entry = entries.get(Objects.requireNonNull(layer, "layer == null"));
    if (entry == null || entry.nodes.isEmpty()) {
      throw new IllegalArgumentException("layer " + layer + " is not part of this model");
    }
    Tensor first = entry.nodes.get(0);
    return Layers.params(entry.position, entry.name, layer.spec(), shapesOf(first.inputs()));
  }

  /**
   * {@return the parameter count of the whole model}
   *
   * @throws IllegalArgumentException naming the layer where the count passes {@code 2^63-1}
   */
  public ParamCount params() {
    ParamCount total = ParamCount.ZERO;
    for (Layer layer : layers) {
      try {
        total = total.plus(params(layer));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "the model's parameter count overflows at layer '"
                + nameOf(layer)
                + "' ("
                + layer.type()
                + "): "
                + e.getMessage(),
            e);
      }
    }
    return lessShared(total);
  }

  /** {@code total} with the shared values counted once. */
  ParamCount lessShared(ParamCount total) {
    ParamCount s = sharedParams;
    return new ParamCount(
        total.trainable() - s.trainable(), total.nonTrainable() - s.nonTrainable());
  }

  /**
   * {@return the weight values that more than one layer counts, beyond their first use} An ONNX
   * file can feed one stored tensor to several layers (PyTorch's exporter shares identical bias
   * tensors through Identity nodes): each layer's {@link #params(Layer)} counts it, as Keras would,
   * and {@link #params()} counts it once, so that the total is the file's stored values. Zero for a
   * model built in Java.
   */
  public ParamCount sharedParams() {
    return sharedParams;
  }

  /**
   * {@return what an importer noted about the parameter count (shared tensors, BatchNorm folded on
   * export), printed under energy summaries; empty for a model built in Java}
   */
  public List<String> paramNotes() {
    return paramNotes;
  }

  /**
   * Records the values an imported file shares between layers, and the importer's notes on the
   * parameter count, before the importer hands the model out. For importers ({@code
   * neurojoule-onnx}); a model built in Java shares nothing.
   *
   * @param shared the values counted by more than one layer
   * @param notes what the summary's notes should say about the count
   */
  public void countShared(ParamCount shared, List<String> notes) {
    sharedParams = Objects.requireNonNull(shared, "shared == null");
    paramNotes = List.copyOf(notes);
  }

  /**
   * {@return where the model was imported from: the file, whether it stored the weights, and how to
   * give an input shape; empty for a model built in Java}
   */
  public Optional<Provenance> provenance() {
    return Optional.ofNullable(provenance);
  }

  /**
   * Records where the model came from, before the importer hands it out (or when a caller such as
   * the command line renames the way to give an input shape). For importers.
   *
   * @param provenance the file, whether it stored the weights, and how to give an input shape
   * @return this model
   */
  public Model recordProvenance(Provenance provenance) {
    this.provenance = Objects.requireNonNull(provenance, "provenance == null");
    return this;
  }

  /**
   * {@return how the spiking simulation steps this model's leaky neurons: {@link Integration#EULER}
   * unless the importer was told otherwise}
   */
  public Integration integration() {
    return integration;
  }

  /**
   * Sets how the spiking simulation steps this model's leaky neurons. For importers ({@code
   * NirModels.Options.integration}), before they hand the model out.
   *
   * @param integration forward Euler or the exact solution
   * @return this model
   */
  public Model recordIntegration(Integration integration) {
    this.integration = Objects.requireNonNull(integration, "integration == null");
    return this;
  }

  /**
   * {@return the note on made-up weights if the model was imported from a file without weights and
   * has weights to make up}
   */
  Optional<String> madeUpWeightsNote() {
    Provenance p = provenance;
    if (p == null || p.weightsRead() || params().total() == 0) {
      return Optional.empty();
    }
    return Optional.of(p.madeUpWeightsNote());
  }

  /**
   * Gives every layer with weights Keras' default initial values: {@code glorot_uniform} kernels,
   * zero biases, batch normalization gamma ones, beta zeros, moving mean zeros, moving variance
   * ones. The same seed gives the same weights.
   *
   * @param seed the seed of the random initial values
   * @return this model
   */
  public Model initializeWeights(long seed) {
    org.neurojoule.engine.WeightInit.initialize(this, seed);
    return this;
  }

  /**
   * {@return the energy estimate of this model without example data, counting {@link
   * Accounting#COMPLETE}}
   */
  public ModelEnergy energy() {
    return energy(UnaryOperator.identity());
  }

  /**
   * {@return the energy estimate, configured: {@code e ->
   * e.exampleData(data).accounting(KERAS_SPIKING)}}
   *
   * @param configure sets the optional arguments on the defaults
   */
  public ModelEnergy energy(UnaryOperator<EnergyOptions> configure) {
    Objects.requireNonNull(configure, "configure == null");
    return new ModelEnergy(this, configure.apply(EnergyOptions.DEFAULTS));
  }

  /**
   * {@return the outputs of a forward pass of this model on {@code data}: one array per model
   * output, in the order of {@link #outputs()}, each of shape {@code (batch, output shape...)} with
   * the data's time length where the model leaves it undefined} Runs the engine that computes the
   * firing rates, in the same mini-batches, with the layers' weights (defaults for layers that have
   * none set, as the rates use); use it to check an import against the outputs of the framework
   * that exported the model.
   *
   * @param data the inputs, batch first; with one dimension fewer than the model input, a trailing
   *     1 is added (as for firing rates)
   * @throws IllegalArgumentException naming the data and the model input if the data does not fit,
   *     or naming the layer if running it fails
   */
  public List<ExampleData> predict(ExampleData data) {
    Objects.requireNonNull(data, "data == null");
    return org.neurojoule.engine.Predictions.of(this, data);
  }

  /** Prints Keras' {@code model.summary()} table to standard output. */
  public void summary() {
    System.out.print(summaryString());
  }

  /**
   * Keras' {@code model.summary()} table: layers, output shapes, parameter counts, totals.
   *
   * @return the table, lines ending in a newline
   */
  public String summaryString() {
    return KerasSummary.of(this);
  }

  /**
   * {@return whether the model is one chain of layers without reuse: what Keras calls
   * sequential-like (one node per depth, each with at most one input, no shared layer)}
   */
  public boolean isChain() {
    return chain;
  }

  /** The output shape as Keras prints it: a list for inputs, {@code multiple} for mixed reuse. */
  String printedShape(Layer layer) {
    List<Tensor> applied = applications(layer);
    Shape first = applied.get(0).shape();
    if (applied.stream().anyMatch(n -> !n.shape().equals(first))) {
      return "multiple";
    }
    return layer.spec().isInput() ? "[" + first.toKerasString() + "]" : first.toKerasString();
  }

  /** Whether {@code warning} is new for this model (and so to be logged); records it. */
  boolean firstTimeWarned(String warning) {
    return loggedWarnings.add(warning);
  }

  static List<Shape> shapesOf(List<Tensor> tensors) {
    if (tensors.size() == 1) {
      return List.of(tensors.get(0).shape()); // the common case, without a stream
    }
    return tensors.stream().map(Tensor::shape).toList();
  }

  /** The layers and their descriptions in order: {@code input 28x28x1 -> conv2d(2, 7x7) -> ...}. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (Layer layer : layers) {
      parts.add(layer.spec().describe());
    }
    return String.join(" -> ", parts);
  }

  private static Map<Layer, Entry> nameLayers(Graph graph) {
    // Every layer object takes a name, wrapped ones too (Keras names a TimeDistributed's inner
    // layer), in creation order, so that the counts match a fresh Keras session.
    List<Layer> all = new ArrayList<>();
    for (Layer layer : graph.layers) {
      all.add(layer);
      layer.wrapped().ifPresent(all::add);
    }
    all.sort(Comparator.comparingLong(Layer::creationOrder));
    Set<String> given = new java.util.HashSet<>();
    for (Layer layer : all) {
      layer
          .givenName()
          .ifPresent(
              n -> {
                if (!given.add(n)) {
                  throw new IllegalArgumentException(
                      "two layers are named '" + n + "'; layer names must be unique in a model");
                }
              });
    }
    Map<String, Integer> counters = new HashMap<>();
    Map<Layer, Entry> names = new IdentityHashMap<>(all.size() * 4 / 3 + 1);
    for (Layer layer : all) {
      String name = layer.givenName().orElse(null);
      if (name == null) {
        String prefix = layer.namePrefix();
        do {
          int n = counters.merge(prefix, 1, Integer::sum) - 1;
          name = KerasNames.autoName(prefix, n);
        } while (given.contains(name));
      }
      names.put(layer, new Entry(name, -1, List.of()));
      layer.namedInModel(name);
    }
    return names;
  }

  /** The graph behind some outputs: Keras' network map (depths, order, nodes). */
  private static final class Graph {
    final List<Tensor> inputs = new ArrayList<>();
    final List<Layer> layers;
    final Map<Layer, List<Tensor>> nodes = new IdentityHashMap<>();
    final List<Tensor> executionOrder;
    final boolean chain;

    private Graph(List<Tensor> outputs) {
      // Keras' _build_map: a depth-first walk from the outputs, inputs in order. A layer's index
      // is taken when the walk first reaches it; nodes are listed when finished (post-order).
      Map<Layer, Integer> firstReached = new IdentityHashMap<>();
      List<Layer> reached = new ArrayList<>();
      Map<Tensor, Boolean> finished = new IdentityHashMap<>();
      List<Tensor> postOrder = new ArrayList<>();
      for (Tensor out : outputs) {
        visit(
            Objects.requireNonNull(out, "output == null"),
            firstReached,
            reached,
            finished,
            postOrder);
      }
      // Keras' depth propagation, from the outputs backwards; a reused layer's nodes are at
      // least as deep as the layer's deepest node seen so far.
      Map<Tensor, Integer> nodeDepth = new IdentityHashMap<>();
      Map<Layer, Integer> layerDepth = new IdentityHashMap<>();
      for (int i = postOrder.size() - 1; i >= 0; i--) {
        Tensor node = postOrder.get(i);
        int depth =
            Math.max(nodeDepth.getOrDefault(node, 0), layerDepth.getOrDefault(node.layer(), 0));
        layerDepth.put(node.layer(), depth);
        nodeDepth.put(node, depth);
        for (Tensor parent : node.inputs()) {
          nodeDepth.merge(parent, depth + 1, Math::max);
        }
      }
      this.layers = deepestFirst(reached, layerDepth);
      for (Tensor node : postOrder) {
        nodes.computeIfAbsent(node.layer(), l -> new ArrayList<>()).add(node);
      }
      nodes.replaceAll((l, list) -> List.copyOf(list));
      this.executionOrder = List.copyOf(postOrder);
      this.chain =
          layers.size() == postOrder.size()
              && distinctDepths(nodeDepth, postOrder.size())
              && postOrder.stream().allMatch(n -> n.inputs().size() <= 1);
      // Inputs in the order the walk reached their layers (an input layer's nodes in post-order).
      for (Layer layer : reached) {
        if (layer.spec().isInput()) {
          inputs.addAll(nodes.get(layer));
        }
      }
    }

    /**
     * Keras' order: deepest first, ties in the order the walk reached them. A bucket per depth
     * (depths are below the node count) keeps it linear; {@code reached} is in reach order.
     */
    private static List<Layer> deepestFirst(List<Layer> reached, Map<Layer, Integer> depth) {
      int deepest = 0;
      int[] depths = new int[reached.size()];
      for (int i = 0; i < depths.length; i++) {
        depths[i] = depth.get(reached.get(i));
        deepest = Math.max(deepest, depths[i]);
      }
      int[] start = new int[deepest + 2]; // start[k]: first slot of depth deepest - k
      for (int d : depths) {
        start[deepest - d + 1]++;
      }
      for (int k = 1; k < start.length; k++) {
        start[k] += start[k - 1];
      }
      Layer[] ordered = new Layer[depths.length];
      for (int i = 0; i < depths.length; i++) {
        ordered[start[deepest - depths[i]]++] = reached.get(i);
      }
      return List.of(ordered);
    }

    /** Whether every node has a depth of its own (depths lie in 0..nodes). */
    private static boolean distinctDepths(Map<Tensor, Integer> nodeDepth, int nodes) {
      java.util.BitSet seen = new java.util.BitSet(nodes + 1);
      for (int depth : nodeDepth.values()) {
        if (depth > nodes || seen.get(depth)) {
          return false;
        }
        seen.set(depth);
      }
      return true;
    }

    private static void reach(Layer layer, Map<Layer, Integer> firstReached, List<Layer> reached) {
      if (firstReached.putIfAbsent(layer, reached.size()) == null) {
        reached.add(layer);
      }
    }

    static Graph walk(List<Tensor> outputs) {
      if (outputs.isEmpty()) {
        throw new IllegalArgumentException("a model needs at least one output tensor");
      }
      return new Graph(outputs);
    }

    /**
     * Keras' depth-first walk, with an explicit stack so that no depth of graph can overflow the
     * thread's stack: a node's layer is reached before its inputs are walked, in order, and the
     * node is finished (listed) after them.
     */
    private static void visit(
        Tensor root,
        Map<Layer, Integer> firstReached,
        List<Layer> reached,
        Map<Tensor, Boolean> finished,
        List<Tensor> postOrder) {
      if (finished.containsKey(root)) {
        return;
      }
      Deque<Tensor> nodes = new ArrayDeque<>();
      Deque<Integer> nextInput = new ArrayDeque<>();
      reach(root.layer(), firstReached, reached);
      nodes.push(root);
      nextInput.push(0);
      while (!nodes.isEmpty()) {
        Tensor node = nodes.peek();
        int i = nextInput.pop();
        if (i < node.inputs().size()) {
          nextInput.push(i + 1);
          Tensor in = node.inputs().get(i);
          if (!finished.containsKey(in)) {
            reach(in.layer(), firstReached, reached);
            nodes.push(in);
            nextInput.push(0);
          }
        } else {
          nodes.pop();
          finished.put(node, Boolean.TRUE);
          postOrder.add(node);
        }
      }
    }
  }

  /** {@return this model's prepared forward passes, reused between estimates with example data} */
  synchronized org.neurojoule.engine.PreparedPasses preparedPasses() {
    if (preparedPasses == null) {
      preparedPasses = new org.neurojoule.engine.PreparedPasses();
    }
    return preparedPasses;
  }

  /** {@return a number that changes whenever weights are set on any layer of this model} */
  long weightsVersion() {
    long v = 0;
    for (Layer layer : layers) {
      v = Math.max(v, layer.weightsVersion());
    }
    return v;
  }
}
