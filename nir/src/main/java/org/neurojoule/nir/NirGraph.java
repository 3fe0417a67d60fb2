package org.neurojoule.nir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A NIR graph as stored, before it becomes a model: nodes by name, edges as (source, target) pairs.
 * The reader makes it from a file; tests make malformed ones directly.
 *
 * @param nodes the nodes by name, in the file's order
 * @param edges the edges
 */
record NirGraph(Map<String, Node> nodes, List<Edge> edges) {
  /**
   * Copies the collections, keeping the nodes' order.
   *
   * @param nodes the nodes by name
   * @param edges the edges
   */
  public NirGraph {
    nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    edges = List.copyOf(edges);
  }

  /**
   * One node: its NIR type, its parameters, and its own graph if it is a nested NIRGraph.
   *
   * @param type the NIR type: {@code Affine}, {@code LIF}, ...
   * @param params the parameters by NIR name ({@code weight}, {@code v_threshold})
   * @param graph the nested graph of a {@code NIRGraph} node
   */
  public record Node(String type, Map<String, NirArray> params, Optional<NirGraph> graph) {
    /**
     * Copies the parameters.
     *
     * @param type the NIR type
     * @param params the parameters by NIR name
     * @param graph the nested graph of a {@code NIRGraph} node
     */
    public Node {
      params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * {@return a primitive node}
     *
     * @param type the NIR type
     * @param params the parameters by NIR name
     */
    public static Node of(String type, Map<String, NirArray> params) {
      return new Node(type, params, Optional.empty());
    }
  }

  /**
   * An edge: the output of {@code source} feeds {@code target}.
   *
   * @param source the node the edge leaves
   * @param target the node it enters
   */
  public record Edge(String source, String target) {}
}
