package org.neurojoule.nir;

import java.util.Locale;
import java.util.function.Supplier;
import org.neurojoule.Tensor;
import org.neurojoule.layer.NeuronKind;
import org.neurojoule.layer.SpikingNeuron;

/**
 * NIR's neurons (I, IF, LI, LIF, CubaLI, CubaLIF) as a {@link SpikingNeuron} of one {@link
 * NeuronKind}: each constant of the kind is the NIR parameter of the same name in snake case, one
 * value or one per unit; a folded recurrent Affine/Linear node becomes its recurrent weights.
 */
final class NeuronNodes {
  private NeuronNodes() {}

  /** {@return the NIR node type of {@code kind} ({@link NeuronKind#nirType}) as that neuron} */
  static NirNodeDescriptor neuron(NeuronKind kind) {
    return NirNodeDescriptor.of(
        kind.nirType(),
        n -> neuron(n, kind),
        kind.constants().stream().map(NeuronNodes::nirName).toArray(String[]::new));
  }

  private static NirImporter.Out neuron(NodeInput n, NeuronKind kind) {
    NodeContext at = n.at();
    SpikingNeuron spec = SpikingNeuron.of(kind);
    for (String c : kind.constants()) {
      String key = nirName(c);
      boolean optional = c.equals("vReset") || c.equals("wIn");
      if (optional && at.optional(key).isEmpty()) {
        continue;
      }
      double[] values = n.perUnit(key, at.numbers(key));
      spec = at.guard(withConstant(spec, c, values));
    }
    float[][] weights = null;
    if (n.recurrent() != null) {
      weights = new RecurrentWeights(n.recurrent(), n.in(), at.name()).values();
      spec = spec.recurrentBias(weights.length == 2).recurrent(true);
    }
    SpikingNeuron finalSpec = spec.name(at.name());
    Tensor t = at.guard(() -> n.in().tensor().apply(finalSpec));
    if (weights != null) {
      float[][] w = weights;
      at.guard(
          () -> {
            t.layer().setWeights(w);
            return null;
          });
    }
    return n.same(t);
  }

  private static Supplier<SpikingNeuron> withConstant(
      SpikingNeuron spec, String c, double[] values) {
    return () -> spec.with(c, values);
  }

  /** {@code v_threshold} for NeuroJoule's {@code vThreshold}. */
  static String nirName(String camel) {
    return camel.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }
}
