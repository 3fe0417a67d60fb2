package org.neurojoule.onnx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neurojoule.OnnxImportException;

/** The nodes of a graph in an order where each comes after the nodes its inputs come from. */
final class GraphOrder {
  private GraphOrder() {}

  /**
   * {@return the nodes sorted by Kahn's algorithm}
   *
   * @param known the values that exist before any node (graph inputs, initializers)
   * @throws OnnxImportException for an input that nothing gives, or a cycle, naming its nodes
   */
  static List<NodeAt> sorted(String label, List<NodeAt> nodes, Set<String> known) {
    Map<String, NodeAt> producer = new HashMap<>();
    for (NodeAt at : nodes) {
      for (String o : at.node.getOutputList()) {
        if (!o.isEmpty()) {
          producer.put(o, at);
        }
      }
    }
    Map<NodeAt, Integer> waiting = new LinkedHashMap<>();
    Map<String, List<NodeAt>> consumers = new HashMap<>();
    ArrayDeque<NodeAt> ready = new ArrayDeque<>();
    for (NodeAt at : nodes) {
      int n = 0;
      for (String i : new HashSet<>(at.inputs())) {
        if (i.isEmpty() || known.contains(i)) {
          continue;
        }
        if (!producer.containsKey(i)) {
          throw at.error(
              "input '"
                  + i
                  + "' is neither a graph input, an initializer nor the"
                  + " output of a node");
        }
        n++;
        consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(at);
      }
      waiting.put(at, n);
      if (n == 0) {
        ready.add(at);
      }
    }
    List<NodeAt> out = new ArrayList<>();
    while (!ready.isEmpty()) {
      NodeAt at = ready.poll();
      out.add(at);
      for (String o : at.node.getOutputList()) {
        for (NodeAt c : consumers.getOrDefault(o, List.of())) {
          if (waiting.merge(c, -1, Integer::sum) == 0) {
            ready.add(c);
          }
        }
      }
    }
    if (out.size() < nodes.size()) {
      List<String> stuck = new ArrayList<>();
      for (NodeAt at : nodes) {
        if (!out.contains(at)) {
          stuck.add("'" + at.name + "' (" + at.op() + ")");
        }
      }
      throw new OnnxImportException(
          label + ": the graph has a cycle through nodes " + String.join(", ", stuck));
    }
    return out;
  }
}
