package org.neurojoule.layer;

import java.util.List;

/**
 * The neuron models of the NIR specification, each with the constants it takes (NIR's names in
 * camel case) and whether it emits spikes.
 */
public enum NeuronKind {
  /** NIR's {@code I}: {@code dv/dt = r I}. */
  INTEGRATOR("I", "integrator", false, "r"),
  /** NIR's {@code IF}: an integrator that spikes when {@code v > vThreshold}, then resets. */
  INTEGRATE_AND_FIRE("IF", "integrateAndFire", true, "r", "vThreshold", "vReset"),
  /** NIR's {@code LI}: {@code tau dv/dt = (vLeak - v) + r I}. */
  LEAKY_INTEGRATOR("LI", "leakyIntegrator", false, "tau", "r", "vLeak"),
  /** NIR's {@code LIF}: a leaky integrator that spikes when {@code v > vThreshold}. */
  LIF("LIF", "lif", true, "tau", "r", "vLeak", "vThreshold", "vReset"),
  /** NIR's {@code CubaLI}: a synaptic current {@code tauSyn dI/dt = -I + wIn S} feeding an LI. */
  CUBA_LEAKY_INTEGRATOR(
      "CubaLI", "cubaLeakyIntegrator", false, "tauSyn", "tauMem", "r", "vLeak", "wIn"),
  /** NIR's {@code CubaLIF}: a synaptic current feeding an LIF. */
  CUBA_LIF(
      "CubaLIF", "cubaLif", true, "tauSyn", "tauMem", "r", "vLeak", "vThreshold", "vReset", "wIn"),
  /** NIR's {@code Threshold}: the stateless Heaviside step, 1 where {@code x > threshold}. */
  THRESHOLD("Threshold", "threshold", true, "threshold");

  private final String nirType;
  private final String methodName;
  private final boolean emitsSpikes;
  private final List<String> constants;

  NeuronKind(String nirType, String methodName, boolean emitsSpikes, String... constants) {
    this.nirType = nirType;
    this.methodName = methodName;
    this.emitsSpikes = emitsSpikes;
    this.constants = List.of(constants);
  }

  /** {@return NIR's type name, also the layer type shown in summaries: {@code LIF}} */
  public String nirType() {
    return nirType;
  }

  /** {@return the fluent method's name: {@code lif}} */
  public String methodName() {
    return methodName;
  }

  /** {@return whether the neuron's output is spikes} */
  public boolean emitsSpikes() {
    return emitsSpikes;
  }

  /** {@return the constants this model takes, NIR's names in camel case, in NIR's order} */
  public List<String> constants() {
    return constants;
  }
}
