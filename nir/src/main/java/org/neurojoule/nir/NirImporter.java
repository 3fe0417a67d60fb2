package org.neurojoule.nir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neurojoule.Model;
import org.neurojoule.NirImportException;
import org.neurojoule.Tensor;
import org.neurojoule.shape.ChannelAxis;

/**
 * Turns a {@link NirGraph} into a {@link Model} through the public API, one layer per node, named
 * as the node. Shapes become channels last: a NIR tensor {@code (C, H, W)} is NeuroJoule's {@code
 * (H, W, C)}. Each tensor keeps the NIR index of each of its units, so that weights and per-neuron
 * constants read after a channels-first tensor (and after its Flatten, which in PyTorch runs
 * C-major) are permuted to compute what the original computes.
 */
final class NirImporter {
  private final String label;

  /**
   * Creates an importer whose errors start with {@code label}.
   *
   * @param label the file's name in messages
   */
  public NirImporter(String label) {
    this.label = label;
  }

  /** A node's output: the tensor, its NIR shape, and the NIR unit index of each unit. */
  record Out(Tensor tensor, int[] nirShape, Layout.Order order) {
    int units() {
      return Math.toIntExact(Layout.count(nirShape));
    }
  }

  /**
   * {@return the model of {@code graph}, its stored weights set}
   *
   * @param graph the graph as read
   * @throws NirImportException naming the file, the node and the problem
   */
  public Model toModel(NirGraph graph) {
    checkTypes(graph, "");
    FlatGraph flat = FlatGraph.of(label, graph);
    Map<String, Out> outs = new HashMap<>();
    List<Tensor> inputs = new ArrayList<>();
    List<Tensor> outputs = new ArrayList<>();
    for (String name : flat.order()) {
      NirGraph.Node node = flat.nodes.get(name);
      NodeContext at = new NodeContext(label, name, node);
      List<String> from = flat.inputsOf(name);
      if (node.type().equals("Input")) {
        if (!from.isEmpty()) {
          throw at.error("an Input takes no edges in, but '" + from.get(0) + "' feeds it");
        }
        int[] shape = at.dims("shape");
        if (!(Layout.countOrMax(shape) <= NirReader.MAX_VALUES)) {
          throw at.error(
              "shape " + Layout.text(shape) + " has more than " + NirReader.MAX_VALUES + " units");
        }
        Tensor t = at.guard(() -> Model.input(ChannelAxis.channelsLast(shape), i -> i.name(name)));
        outs.put(name, new Out(t, shape, Layout.order(shape)));
        inputs.add(t);
        continue;
      }
      if (from.isEmpty()) {
        throw at.error("no edge feeds it");
      }
      Out in = sum(at, from.stream().map(outs::get).toList(), from);
      if (node.type().equals("Output")) {
        at.checkOutput(in, from.get(0));
        outputs.add(in.tensor());
        continue;
      }
      String loop = flat.recurrent.get(name);
      NodeContext recurrent =
          loop == null ? null : new NodeContext(label, loop, graphNode(graph, loop));
      NirNodeDescriptor descriptor =
          NirNodeRegistry.descriptor(node.type())
              .orElseThrow(() -> at.error("a " + node.type() + " node maps to no layer here"));
      outs.put(name, descriptor.map(at, in, from.get(0), recurrent));
    }
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new NirImportException(
          label
              + ": the graph needs an Input and an Output node, has "
              + inputs.size()
              + " Input and "
              + outputs.size()
              + " Output");
    }
    try {
      return Model.of(inputs, outputs);
    } catch (IllegalArgumentException e) {
      throw new NirImportException(label + ": " + e.getMessage(), e);
    }
  }

  /** The node of a (possibly nested) full name, for a folded recurrent node. */
  private static NirGraph.Node graphNode(NirGraph graph, String fullName) {
    NirGraph.Node n = graph.nodes().get(fullName);
    if (n != null) {
      return n;
    }
    for (Map.Entry<String, NirGraph.Node> e : graph.nodes().entrySet()) {
      if (e.getValue().graph().isPresent() && fullName.startsWith(e.getKey() + ".")) {
        return graphNode(e.getValue().graph().get(), fullName.substring(e.getKey().length() + 1));
      }
    }
    throw new IllegalStateException("no node " + fullName);
  }

  private void checkTypes(NirGraph graph, String prefix) {
    for (Map.Entry<String, NirGraph.Node> e : graph.nodes().entrySet()) {
      String type = e.getValue().type();
      if (!NirNodeRegistry.knows(type)) {
        throw new NirImportException(
            label
                + ": node '"
                + prefix
                + e.getKey()
                + "' has type '"
                + type
                + "', which is not a NIR primitive; known: "
                + String.join(", ", NirNodeRegistry.known()));
      }
      if (e.getValue().graph().isPresent()) {
        checkTypes(e.getValue().graph().get(), prefix + e.getKey() + ".");
      }
    }
  }

  /** Several edges into one node add up, as in NIR. */
  private Out sum(NodeContext at, List<Out> ins, List<String> from) {
    if (ins.get(0) == null) {
      throw at.error("'" + from.get(0) + "' is an Output and feeds no node");
    }
    if (ins.size() == 1) {
      return ins.get(0);
    }
    Out first = ins.get(0);
    for (int i = 1; i < ins.size(); i++) {
      if (ins.get(i) == null) {
        throw at.error("'" + from.get(i) + "' is an Output and feeds no node");
      }
      if (!Arrays.equals(ins.get(i).nirShape(), first.nirShape())) {
        throw at.error(
            "its inputs add up and must have one shape, but '"
                + from.get(0)
                + "' gives "
                + Layout.text(first.nirShape())
                + " and '"
                + from.get(i)
                + "' gives "
                + Layout.text(ins.get(i).nirShape()));
      }
      if (!java.util.Objects.equals(ins.get(i).order(), first.order())) {
        throw at.error(
            "its inputs add up, but '"
                + from.get(0)
                + "' and '"
                + from.get(i)
                + "' order their units differently (one is a flattened channels-first tensor); not"
                + " supported yet");
      }
    }
    Tensor t =
        at.guard(
            () ->
                Tensor.add(
                    ins.stream().map(Out::tensor).toList(), a -> a.name(at.name() + "_sum")));
    return new Out(t, first.nirShape(), first.order());
  }
}
