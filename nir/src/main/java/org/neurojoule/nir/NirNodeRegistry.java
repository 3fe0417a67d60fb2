package org.neurojoule.nir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.neurojoule.layer.NeuronKind;

/**
 * The NIR node types NeuroJoule imports, one line each: a node is found here by its type and mapped
 * through its {@link NirNodeDescriptor}. Input, Output and nested graphs (NIRGraph) shape the graph
 * itself and map to no layer. Adding a node type is one descriptor and one line here.
 */
final class NirNodeRegistry {
  /** The node types that make up the graph rather than a layer. */
  private static final Set<String> STRUCTURAL = Set.of("Input", "Output", "NIRGraph");

  private static final Map<String, NirNodeDescriptor> BY_TYPE =
      index(
          List.of(
              LinearNodes.AFFINE,
              LinearNodes.LINEAR,
              LinearNodes.SCALE,
              ConvolutionNodes.conv(1),
              ConvolutionNodes.conv(2),
              ConvolutionNodes.SUM_POOL_2D,
              ConvolutionNodes.AVG_POOL_2D,
              UnitwiseNodes.FLATTEN,
              UnitwiseNodes.DELAY,
              UnitwiseNodes.THRESHOLD,
              NeuronNodes.neuron(NeuronKind.INTEGRATOR),
              NeuronNodes.neuron(NeuronKind.INTEGRATE_AND_FIRE),
              NeuronNodes.neuron(NeuronKind.LEAKY_INTEGRATOR),
              NeuronNodes.neuron(NeuronKind.LIF),
              NeuronNodes.neuron(NeuronKind.CUBA_LEAKY_INTEGRATOR),
              NeuronNodes.neuron(NeuronKind.CUBA_LIF)));

  private NirNodeRegistry() {}

  private static Map<String, NirNodeDescriptor> index(List<NirNodeDescriptor> nodes) {
    Map<String, NirNodeDescriptor> byType = new LinkedHashMap<>();
    for (NirNodeDescriptor d : nodes) {
      if (byType.put(d.type(), d) != null || STRUCTURAL.contains(d.type())) {
        throw new IllegalStateException("NIR node type " + d.type() + " is listed twice");
      }
    }
    return Map.copyOf(byType);
  }

  /** {@return whether NeuroJoule knows this node type, structural or mapped} */
  static boolean knows(String type) {
    return STRUCTURAL.contains(type) || BY_TYPE.containsKey(type);
  }

  /** {@return every known node type, sorted, for messages} */
  static List<String> known() {
    Set<String> all = new TreeSet<>(STRUCTURAL);
    all.addAll(BY_TYPE.keySet());
    return new ArrayList<>(all);
  }

  /** {@return the descriptor of a node type that maps to layers, or empty} */
  static Optional<NirNodeDescriptor> descriptor(String type) {
    return Optional.ofNullable(BY_TYPE.get(type));
  }
}
