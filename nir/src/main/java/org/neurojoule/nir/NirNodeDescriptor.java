package org.neurojoule.nir;

import java.util.List;

/**
 * How one NIR node type becomes NeuroJoule layers: the type, the parameters its mapping reads and
 * the mapping. {@link NirNodeRegistry} lists them all.
 *
 * @param type the NIR node type, such as {@code Conv2d}
 * @param parameters the parameters the mapping reads
 * @param mapping the node, given its input, to its output
 */
record NirNodeDescriptor(String type, List<String> parameters, Mapping mapping) {
  /** Maps one node, fed by its (summed) input. */
  @FunctionalInterface
  interface Mapping {
    NirImporter.Out map(NodeInput node);
  }

  NirNodeDescriptor {
    parameters = List.copyOf(parameters);
  }

  /** {@return a node type whose mapping reads {@code parameters}} */
  static NirNodeDescriptor of(String type, Mapping mapping, String... parameters) {
    return new NirNodeDescriptor(type, List.of(parameters), mapping);
  }

  /**
   * {@return the node's output}
   *
   * @param at the node; the mapping may read only {@link #parameters} (checked when assertions are
   *     on)
   * @param in its input
   * @param from the name of the node its (first) input comes from, for messages
   * @param recurrent its folded recurrent Affine/Linear node, or null
   */
  NirImporter.Out map(NodeContext at, NirImporter.Out in, String from, NodeContext recurrent) {
    return mapping.map(new NodeInput(at.reading(parameters), in, from, recurrent));
  }
}
