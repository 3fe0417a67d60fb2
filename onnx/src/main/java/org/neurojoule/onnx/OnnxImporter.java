package org.neurojoule.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neurojoule.Model;
import org.neurojoule.OnnxImportException;
import org.neurojoule.Provenance;
import org.neurojoule.Tensor;
import org.neurojoule.importing.ZeroCostLayer;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorShapeProto;
import org.neurojoule.onnx.proto.OnnxProto.ValueInfoProto;
import org.neurojoule.shape.ChannelAxis;
import org.neurojoule.shape.Shape;

/**
 * Turns an ONNX file into a {@link Model}: nodes sorted so that each comes after its inputs ({@link
 * GraphOrder}; a cycle is an error naming its nodes), written-out LayerNorm and GELU folded into
 * one node each ({@link Patterns}), then each node evaluated by its {@link Operator} from the
 * {@link OperatorRegistry}: folded where its inputs are constants, else mapped onto layers; a node
 * without one is an error, or with {@code allowUnknown} a zero-cost layer.
 */
final class OnnxImporter {
  private static final System.Logger LOG = System.getLogger(OnnxImporter.class.getName());

  private final Path file;
  private final String label;
  private final boolean allowUnknown;
  private final Optional<int[]> inputShape;
  private final List<String> warnings = new ArrayList<>();
  private final OperatorRegistry registry = OperatorRegistry.STANDARD;

  /** How many layers use each weight tensor (the same object through Identity nodes). */
  private final WeightUses weightUses = new WeightUses(registry);

  private final List<String> paramNotes = new ArrayList<>();

  /** The activations the file stores as integers, and the precision of the layers around them. */
  private final Quantized quantized = new Quantized();

  /**
   * Creates an importer.
   *
   * @param file the {@code .onnx} file
   * @param allowUnknown whether operators without a mapping become zero-cost layers
   * @param inputShape the shape of the only graph input (ONNX order, without the batch), if given
   */
  public OnnxImporter(Path file, boolean allowUnknown, Optional<int[]> inputShape) {
    this.file = file;
    this.label = file.toString();
    this.allowUnknown = allowUnknown;
    this.inputShape = inputShape;
  }

  /** {@return the warnings of the import (one per zero-cost stand-in)} */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * {@return the values of weight tensors that more than one layer uses, beyond their first use}
   * Each layer counts them; the file stores them once.
   */
  public ParamCount sharedParams() {
    return weightUses.shared();
  }

  /** {@return notes on the parameter count: shared tensors, BatchNorm folded on export} */
  public List<String> paramNotes() {
    return List.copyOf(paramNotes);
  }

  /**
   * {@return the model, its stored weights set}
   *
   * @throws OnnxImportException naming the file, the node and the problem
   */
  public Model load() {
    try {
      return loadGraph();
    } catch (OnnxImportException e) {
      throw e;
    } catch (RuntimeException e) {
      // A check this importer lacks: still an error naming the file, never a raw exception.
      throw new OnnxImportException(label + ": " + Failures.describe(e), e);
    }
  }

  private Model loadGraph() {
    ModelProto m = OnnxReader.read(file, label);
    GraphProto g = m.getGraph();
    Path folder = file.toAbsolutePath().getParent();
    TensorData data = new TensorData(label, folder == null ? Path.of(".") : folder);
    int opset = opset(m);
    Map<String, Object> values = new HashMap<>();
    for (TensorProto t : g.getInitializerList()) {
      values.put(t.getName(), data.read(t, "initializer '" + t.getName() + "'"));
    }
    List<NodeAt> nodes = named(g, opset);
    Set<String> weights = weightUses.weightNames(nodes);
    boolean weightsAsInputs =
        g.getInputList().stream()
            .anyMatch(in -> weights.contains(in.getName()) && !values.containsKey(in.getName()));
    Set<String> operands = weightUses.storedOperands(nodes);
    List<Tensor> inputs = new ArrayList<>();
    for (ValueInfoProto in : g.getInputList()) {
      if (values.containsKey(in.getName())) {
        continue;
      }
      long[] dims = declaredDims(in, data);
      // A weight by its use, or by its rank (a data input has a batch and more); in a file that
      // declares its weights as inputs, also a later input that is only added or joined to
      // activations (ViT's position embedding and class token).
      if (weights.contains(in.getName())
          || dims.length < 2
          || weightsAsInputs && !inputs.isEmpty() && operands.contains(in.getName())) {
        values.put(in.getName(), declaredWeight(in, dims, data));
      } else {
        Act a = input(in, dims);
        inputs.add(a.tensor());
        values.put(in.getName(), a);
      }
    }
    Patterns patterns = new Patterns(label, nodes, values, data);
    nodes = patterns.fold(nodes);
    List<NodeAt> order = GraphOrder.sorted(label, nodes, values.keySet());
    checkKnown(order, values, patterns);
    for (NodeAt at : order) {
      List<Object> ins = new ArrayList<>();
      for (String i : at.inputs()) {
        ins.add(i.isEmpty() ? null : values.get(i));
      }
      List<?> outs = Failures.atNode(at, () -> evaluate(new Call(at, ins, opset, data, quantized)));
      if (outs == null && !allowUnknown) {
        throw at.error(
            at.op()
                + " folds on constants only; on an activation it is not supported"
                + " yet (import it as a zero-cost layer with allowUnknown)");
      } else if (outs == null) {
        outs = List.of(zeroCost(at, ins, g));
      }
      if (outs.size() > at.node.getOutputCount()) {
        throw at.error(
            "gives " + outs.size() + " outputs, but the node names " + at.node.getOutputCount());
      }
      for (int i = 0; i < outs.size(); i++) {
        values.put(at.node.getOutput(i), outs.get(i));
      }
    }
    List<Tensor> outputs = new ArrayList<>();
    for (ValueInfoProto out : g.getOutputList()) {
      Object v = values.get(out.getName());
      if (v instanceof Seq s) {
        v = Sequences.output(label, out.getName(), s);
      }
      if (!(v instanceof Act a)) {
        throw new OnnxImportException(
            label
                + ": graph output '"
                + out.getName()
                + "' is "
                + (v == null
                    ? "not computed by any node"
                    : "a constant, not computed from an input"));
      }
      outputs.add(a.tensor());
    }
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new OnnxImportException(
          label
              + ": the graph needs an input and an output, has "
              + inputs.size()
              + " inputs and "
              + outputs.size()
              + " outputs");
    }
    noteCounts(order);
    warnings.forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
    try {
      // Weights declared as graph inputs get initial values: rates on them are made up.
      return Model.of(inputs, outputs)
          .recordProvenance(Provenance.imported(label, !weightsAsInputs));
    } catch (IllegalArgumentException e) {
      throw new OnnxImportException(label + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@return the node's values, one per output, or null where no operator takes it} The order of
   * {@link Operator}'s aspects: one that claims its nodes, a sequence input, a fold, a mapping.
   */
  private List<?> evaluate(Call call) {
    Operator op = registry.find(call.at.op()).orElse(null);
    if (op != null && op.claims()) {
      return op.map(call);
    }
    if (Sequences.hasSequence(call.ins)) {
      if (op == null) {
        throw Sequences.unsupported(call);
      }
      return Collections.singletonList(op.mapSequence(call));
    }
    if (op != null && op.folds(call.ins)) {
      return Collections.singletonList(op.fold(call));
    }
    if (op != null && op.mapped() && call.ins.get(0) != null) {
      weightUses.count(op, call.ins);
      List<?> outs = op.map(call);
      quantized.record(op, call, outs);
      return outs;
    }
    return null;
  }

  /**
   * The notes on the count: shared tensors; and, when the file has no BatchNormalization node but a
   * convolution with a bias feeds an activation (what PyTorch's export leaves of conv, BN, ReLU),
   * that a module with BatchNorm had it folded.
   */
  private void noteCounts(List<NodeAt> order) {
    ParamCount shared = sharedParams();
    if (shared.total() > 0) {
      paramNotes.add(
          "Param # counts "
              + shared.total()
              + " weight values once that the file"
              + " shares between layers (Identity nodes); each layer's row counts them.");
    }
    Set<String> biased = new HashSet<>();
    boolean batchNorm = false;
    for (NodeAt at : order) {
      batchNorm |= at.op().equals("BatchNormalization");
      if (at.op().equals("Conv") && at.inputs().size() > 2 && !at.inputs().get(2).isEmpty()) {
        biased.add(at.node.getOutput(0));
      }
    }
    boolean convThenActivation =
        order.stream()
            .anyMatch(
                at ->
                    Set.of("Relu", "Clip").contains(at.op())
                        && biased.contains(at.inputs().get(0)));
    if (!batchNorm && convThenActivation) {
      paramNotes.add(
          "The file has no BatchNormalization node and its convolutions have biases"
              + " before activations: if the PyTorch module had BatchNorm layers, the export folded"
              + " them into the convolutions, so this count is smaller than the module's.");
    }
  }

  private static int opset(ModelProto m) {
    for (OperatorSetIdProto o : m.getOpsetImportList()) {
      if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
        return (int) o.getVersion();
      }
    }
    return 13;
  }

  /**
   * Each node with its name, or its operator and position where the file gives none; a node of a
   * known operator checked against its arity before anything reads its inputs.
   */
  private List<NodeAt> named(GraphProto g, int opset) {
    List<NodeAt> out = new ArrayList<>();
    // Extra layers of a node (a Split's parts, pads) get names that no node or input has.
    Set<String> taken = new HashSet<>();
    g.getInputList().forEach(in -> taken.add(in.getName()));
    for (int i = 0; i < g.getNodeCount(); i++) {
      taken.add(nodeName(g.getNode(i), i));
    }
    for (int i = 0; i < g.getNodeCount(); i++) {
      NodeProto n = g.getNode(i);
      String name = nodeName(n, i);
      if (n.getOutputCount() == 0 || n.getOutput(0).isEmpty()) {
        throw new OnnxImportException(
            label + ": node '" + name + "' (" + n.getOpType() + ") has no output");
      }
      NodeAt at = new NodeAt(label, n, name, taken);
      if (n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx")) {
        registry.find(n.getOpType()).ifPresent(op -> op.checkArity(at, opset));
      }
      out.add(at);
    }
    return out;
  }

  private static String nodeName(NodeProto n, int i) {
    return n.getName().isBlank() ? n.getOpType() + "_" + i : n.getName();
  }

  private long[] declaredDims(ValueInfoProto in, TensorData data) {
    if (!in.getType().hasTensorType()) {
      throw new OnnxImportException(
          label + ": graph input '" + in.getName() + "' is not a" + " tensor");
    }
    TensorShapeProto s = in.getType().getTensorType().getShape();
    long[] dims = new long[s.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      TensorShapeProto.Dimension d = s.getDim(i);
      dims[i] = d.hasDimValue() ? d.getDimValue() : -1;
    }
    return dims;
  }

  /**
   * A weight that the file declares by its shape only: its dims checked as a stored tensor's are
   * (no symbolic size, at most {@link TensorData#MAX_VALUES} values).
   */
  private static Const declaredWeight(ValueInfoProto in, long[] dims, TensorData data) {
    String what = "graph input '" + in.getName() + "' (a weight declared by its shape only)";
    for (long d : dims) {
      if (d < 0) {
        throw new OnnxImportException(
            data.label()
                + ": "
                + what
                + " has a symbolic or undefined dimension in "
                + Const.text(dims)
                + "; a weight needs fixed sizes");
      }
    }
    return new Const(data.dims(dims, what), null);
  }

  private Act input(ValueInfoProto in, long[] dims) {
    String what = label + ": graph input '" + in.getName() + "'";
    if (dims.length < 2) {
      throw new OnnxImportException(
          what
              + " has dims "
              + Const.text(dims)
              + "; it needs a batch"
              + " and at least one more dimension");
    }
    int[] shape = new int[dims.length - 1];
    int[] given = inputShape.orElse(null);
    if (given != null && given.length != shape.length) {
      throw new OnnxImportException(
          what
              + " has "
              + shape.length
              + " dimensions besides the"
              + " batch, but the input shape given has "
              + given.length);
    }
    for (int i = 0; i < shape.length; i++) {
      long d = dims[i + 1];
      if (given != null && d > 0 && d != given[i]) {
        throw new OnnxImportException(
            what
                + " has dimension "
                + d
                + " at axis "
                + (i + 1)
                + ", but the input shape given says "
                + given[i]);
      }
      if (given != null) {
        d = given[i];
      }
      if (d < 1 || d > Integer.MAX_VALUE) {
        throw new OnnxImportException(
            what
                + " has a symbolic or undefined dimension at axis "
                + (i + 1)
                + " of "
                + Const.text(dims)
                + " (-1: symbolic); give the input shape"
                + " (OnnxModels.Options.inputShape, the CLI's --input-shape)");
      }
      shape[i] = (int) d;
    }
    long units = 1;
    for (int d : shape) {
      units *= d;
    }
    if (units > TensorData.MAX_VALUES) {
      throw new OnnxImportException(
          what
              + " has dims "
              + Const.text(dims)
              + ", more than "
              + TensorData.MAX_VALUES
              + " values per example");
    }
    Tensor t;
    try {
      t = Model.input(ChannelAxis.channelsLast(shape), i -> i.name(in.getName()));
    } catch (IllegalArgumentException e) {
      throw new OnnxImportException(what + ": " + e.getMessage(), e);
    }
    // A quantized input (uint8 pixels before a DequantizeLinear) takes dequantized values; int32
    // and int64 inputs are indices (token ids).
    org.neurojoule.Dtype stored = TensorData.dtype(in.getType().getTensorType().getElemType());
    if (stored != null && stored.isInteger() && stored.bytes() <= 2) {
      quantized.mark(t, stored);
    }
    return Act.of(t, shape);
  }

  /** One error listing every operator without a mapping and its nodes, unless allowed. */
  private void checkKnown(List<NodeAt> order, Map<String, Object> values, Patterns patterns) {
    Map<String, List<String>> unknown = new LinkedHashMap<>();
    for (NodeAt at : order) {
      String domain = at.node.getDomain();
      boolean standard = domain.isEmpty() || domain.equals("ai.onnx");
      if (!standard || !registry.knows(at.op())) {
        unknown.computeIfAbsent(at.op(), k -> new ArrayList<>()).add(at.name);
      }
    }
    if (unknown.isEmpty() || allowUnknown) {
      return;
    }
    List<String> parts = new ArrayList<>();
    unknown.forEach(
        (op, names) ->
            parts.add(
                op
                    + " ("
                    + names.size()
                    + (names.size() == 1 ? " node: '" : " nodes: '")
                    + String.join("', '", names.subList(0, Math.min(3, names.size())))
                    + (names.size() > 3 ? "', ..." : "'")
                    + ")"));
    String why =
        patterns.brokenNodes().stream()
            .findFirst()
            .map(n -> " (" + patterns.broken(n) + ")")
            .orElse("");
    throw new OnnxImportException(
        label
            + ": "
            + unknown.size()
            + " operator type"
            + (unknown.size() == 1 ? " has" : "s have")
            + " no NeuroJoule mapping: "
            + String.join(", ", parts)
            + why
            + "; import them as zero-cost layers with allowUnknown"
            + " (the CLI's --allow-unknown)");
  }

  /** An unmapped operator as a zero-cost layer; its shape from value_info, else its input's. */
  private Act zeroCost(NodeAt at, List<Object> ins, GraphProto g) {
    List<Tensor> acts = new ArrayList<>();
    long stored = 0;
    Act first = null;
    for (Object v : ins) {
      if (v instanceof Act a) {
        acts.add(a.tensor());
        first = first == null ? a : first;
      } else if (v instanceof Const c) {
        stored += c.count();
      }
    }
    if (first == null) {
      throw at.error("has no activation input; it cannot be imported as a zero-cost layer");
    }
    int[] onnx = first.onnx();
    String shapeFrom = "its first input's";
    for (ValueInfoProto vi : g.getValueInfoList()) {
      if (vi.getName().equals(at.node.getOutput(0)) && vi.getType().hasTensorType()) {
        List<TensorShapeProto.Dimension> dims =
            vi.getType().getTensorType().getShape().getDimList();
        if (dims.size() > 1
            && dims.stream()
                .skip(1)
                .allMatch(
                    d ->
                        d.hasDimValue()
                            && d.getDimValue() > 0
                            && d.getDimValue() <= Integer.MAX_VALUE)) {
          onnx = dims.stream().skip(1).mapToInt(d -> (int) d.getDimValue()).toArray();
          shapeFrom = "the file's";
        }
      }
    }
    Shape out = Shape.of(ChannelAxis.channelsLast(onnx));
    warnings.add(
        label
            + ": node '"
            + at.name
            + "' ("
            + at.op()
            + ") has no NeuroJoule mapping;"
            + " imported as a zero-cost layer with "
            + shapeFrom
            + " shape "
            + Const.text(onnx));
    ZeroCostLayer z =
        new ZeroCostLayer(
            at.op(),
            Optional.of(at.name),
            out,
            ParamCount.trainable(stored),
            "zero-cost ONNX " + at.op());
    Tensor t = at.guard(() -> org.neurojoule.Layer.of(z).apply(acts.toArray(new Tensor[0])));
    return new Act(t, onnx, onnx.length == 1 ? first.order() : null);
  }
}
