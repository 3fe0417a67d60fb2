package org.neurojoule;

/**
 * What a spiking neuron's membrane does after a spike in the spiking simulation ({@link
 * EnergyOptions#simulate(double)}).
 */
public enum Reset {
  /**
   * To the node's {@code v_reset}, as the NIR specification, Norse and snnTorch's NIR import do.
   */
  TO_V_RESET,
  /** By subtracting {@code v_threshold}, as Sinabs' IAF and snnTorch's default Leaky do. */
  SUBTRACT
}
