package org.neurojoule.engine;

/**
 * An op of the spiking simulation that keeps state from one timestep to the next (a neuron's
 * voltage, a delay's past inputs): each {@link #run} is the next step of the sequences it was last
 * {@linkplain #startSequences started} on.
 */
abstract class StepOp extends Op {
  /** Starts {@code n} new sequences: the state returns to its initial values, time to step 0. */
  abstract void startSequences(int n);

  /**
   * Whether the op counts the synaptic events of its connections itself ({@link #takeEvents}), as a
   * recurrent neuron does from its own spikes, rather than the simulation counting its input's
   * nonzero values times their fan-out.
   */
  boolean countsOwnEvents() {
    return false;
  }

  /** {@return the synaptic events counted since the last call; 0 unless it counts its own} */
  double takeEvents() {
    return 0;
  }

  /**
   * {@return the last step's nonzero outputs when every output is 0 or 1 (so also their Σ|x|),
   * counted while stepping; -1 when the simulation must count them}
   */
  long binaryNonzero() {
    return -1;
  }

  /** {@return the state listeners hear after each step (a neuron's voltages), or null} */
  double[] state() {
    return null;
  }
}
