package org.neurojoule.nir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neurojoule.NirImportException;

/**
 * A NIR graph with its nested NIRGraphs inlined (their nodes named {@code outer.inner}, their Input
 * and Output nodes bypassed), checked for dangling edges, with recurrent Affine/Linear loops on a
 * neuron folded into it, and put in an order where every node follows its inputs.
 */
final class FlatGraph {
  static final Set<String> NEURONS = Set.of("I", "IF", "LI", "LIF", "CubaLI", "CubaLIF");
  private static final Set<String> LINEAR = Set.of("Affine", "Linear");

  final String label;
  final Map<String, NirGraph.Node> nodes = new LinkedHashMap<>();
  final List<NirGraph.Edge> edges = new ArrayList<>();

  /** Folded recurrences: the neuron's name to its recurrent Affine/Linear node's name. */
  final Map<String, String> recurrent = new LinkedHashMap<>();

  /** A nested graph's Input and Output nodes, bypassed once every edge is in. */
  private final List<String> passThrough = new ArrayList<>();

  private FlatGraph(String label) {
    this.label = label;
  }

  static FlatGraph of(String label, NirGraph graph) {
    FlatGraph flat = new FlatGraph(label);
    flat.inline(graph, "");
    for (String node : flat.passThrough) {
      flat.bypass(node);
      flat.nodes.remove(node);
    }
    flat.fold();
    return flat;
  }

  /** The sources of the edges into {@code node}, in edge order. */
  List<String> inputsOf(String node) {
    List<String> in = new ArrayList<>();
    for (NirGraph.Edge e : edges) {
      if (e.target().equals(node)) {
        in.add(e.source());
      }
    }
    return in;
  }

  private List<String> outputsOf(String node) {
    List<String> out = new ArrayList<>();
    for (NirGraph.Edge e : edges) {
      if (e.source().equals(node)) {
        out.add(e.target());
      }
    }
    return out;
  }

  private void inline(NirGraph graph, String prefix) {
    List<NirGraph.Edge> local = resolve(graph, prefix);
    Map<String, String[]> ends = new HashMap<>();
    for (Map.Entry<String, NirGraph.Node> e : graph.nodes().entrySet()) {
      String name = prefix + e.getKey();
      NirGraph.Node node = e.getValue();
      if (node.graph().isPresent()) {
        NirGraph inner = node.graph().get();
        ends.put(
            name,
            new String[] {
              name + "." + only(inner, "Input", name), name + "." + only(inner, "Output", name)
            });
        inline(inner, name + ".");
      } else {
        nodes.put(name, node);
      }
    }
    for (NirGraph.Edge e : local) {
      String source = ends.containsKey(e.source()) ? ends.get(e.source())[1] : e.source();
      String target = ends.containsKey(e.target()) ? ends.get(e.target())[0] : e.target();
      edges.add(new NirGraph.Edge(source, target));
    }
    if (!prefix.isEmpty()) {
      for (Map.Entry<String, NirGraph.Node> e : graph.nodes().entrySet()) {
        String type = e.getValue().type();
        if (type.equals("Input") || type.equals("Output")) {
          passThrough.add(prefix + e.getKey());
        }
      }
    }
  }

  /** The graph's edges with full names; a name the graph lacks is an error. */
  private List<NirGraph.Edge> resolve(NirGraph graph, String prefix) {
    Set<String> named = new HashSet<>();
    graph
        .edges()
        .forEach(
            e -> {
              named.add(e.source());
              named.add(e.target());
            });
    List<String> unnamed = new ArrayList<>(graph.nodes().keySet());
    unnamed.removeAll(named);
    List<NirGraph.Edge> out = new ArrayList<>();
    for (NirGraph.Edge e : graph.edges()) {
      out.add(
          new NirGraph.Edge(
              prefix + known(graph, e, e.source(), unnamed, prefix),
              prefix + known(graph, e, e.target(), unnamed, prefix)));
    }
    return out;
  }

  private String known(
      NirGraph graph, NirGraph.Edge edge, String name, List<String> unnamed, String prefix) {
    if (graph.nodes().containsKey(name)) {
      return name;
    }
    // The NIR paper's nested Braille graph names its neuron 'lif1' but its edges 'lif': inside a
    // nested graph, a lone unknown name means the one node that no edge names.
    if (!prefix.isEmpty() && unnamed.size() == 1) {
      return unnamed.get(0);
    }
    String where =
        prefix.isEmpty()
            ? ""
            : " of node '" + prefix.substring(0, prefix.length() - 1) + "' (NIRGraph)";
    throw new NirImportException(
        label
            + ": edge ('"
            + edge.source()
            + "', '"
            + edge.target()
            + "')"
            + where
            + " names node '"
            + name
            + "', which the graph does not have; its nodes: "
            + String.join(", ", graph.nodes().keySet()));
  }

  private String only(NirGraph inner, String type, String name) {
    List<String> found =
        inner.nodes().entrySet().stream()
            .filter(e -> e.getValue().type().equals(type))
            .map(Map.Entry::getKey)
            .toList();
    if (found.size() != 1) {
      throw new NirImportException(
          label
              + ": node '"
              + name
              + "' (NIRGraph): a nested graph"
              + " needs exactly one "
              + type
              + " node, has "
              + found.size()
              + (found.isEmpty() ? "" : " (" + String.join(", ", found) + ")"));
    }
    return found.get(0);
  }

  /** Removes a pass-through node, joining each of its inputs to each of its outputs. */
  private void bypass(String node) {
    List<String> in = inputsOf(node);
    List<String> out = outputsOf(node);
    edges.removeIf(e -> e.source().equals(node) || e.target().equals(node));
    for (String a : in) {
      for (String b : out) {
        edges.add(new NirGraph.Edge(a, b));
      }
    }
  }

  /** Folds each neuron -> Affine/Linear -> same neuron loop into the neuron. */
  private void fold() {
    for (Map.Entry<String, NirGraph.Node> n : List.copyOf(nodes.entrySet())) {
      if (!NEURONS.contains(n.getValue().type())) {
        continue;
      }
      String neuron = n.getKey();
      for (String l : outputsOf(neuron)) {
        NirGraph.Node linear = nodes.get(l);
        if (linear != null
            && LINEAR.contains(linear.type())
            && !recurrent.containsKey(neuron)
            && outputsOf(l).equals(List.of(neuron))
            && inputsOf(l).equals(List.of(neuron))) {
          recurrent.put(neuron, l);
          edges.removeIf(e -> e.source().equals(l) || e.target().equals(l));
        }
      }
    }
    recurrent.values().forEach(nodes::remove);
  }

  /** The nodes, each after its inputs; a cycle left is an error naming its nodes. */
  List<String> order() {
    Map<String, Integer> pending = new LinkedHashMap<>();
    nodes.keySet().forEach(n -> pending.put(n, 0));
    edges.forEach(e -> pending.merge(e.target(), 1, Integer::sum));
    Deque<String> ready = new ArrayDeque<>();
    pending.forEach(
        (n, k) -> {
          if (k == 0) {
            ready.add(n);
          }
        });
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String n = ready.poll();
      order.add(n);
      for (String m : outputsOf(n)) {
        if (pending.merge(m, -1, Integer::sum) == 0) {
          ready.add(m);
        }
      }
    }
    if (order.size() < nodes.size()) {
      throw new NirImportException(
          label
              + ": the graph has a cycle "
              + cycle(pending, order)
              + "; NeuroJoule folds only a recurrent Affine or Linear node from a neuron back to"
              + " that neuron");
    }
    return order;
  }

  /** One cycle among the nodes left: walking back along inputs must repeat a node. */
  private String cycle(Map<String, Integer> pending, List<String> done) {
    Set<String> left = new LinkedHashSet<>(pending.keySet());
    done.forEach(left::remove);
    List<String> walk = new ArrayList<>();
    String n = left.iterator().next();
    while (!walk.contains(n)) {
      walk.add(n);
      n = inputsOf(n).stream().filter(left::contains).findFirst().orElseThrow();
    }
    List<String> loop = new ArrayList<>(walk.subList(walk.indexOf(n), walk.size()));
    java.util.Collections.reverse(loop);
    loop.add(loop.get(0));
    return "'" + String.join("' -> '", loop) + "'";
  }
}
