package org.neurojoule.engine;

import org.neurojoule.layer.LayerSpec;

/**
 * The kernel of one spec type, for the firing-rate pass and the spiking simulation alike. Each
 * kernel file registers its implementation with {@code @AutoService(Kernel.class)}; the engine
 * finds it by the spec's class ({@link Kernels}) when it prepares a pass or a simulation, so adding
 * a layer type adds a kernel file and touches no dispatch.
 *
 * <p>Public only because {@link java.util.ServiceLoader} needs it; implementations live in this
 * package, since {@link Op} does.
 *
 * @param <S> the spec type
 */
public interface Kernel<S extends LayerSpec> {
  /** {@return the spec class this kernel runs} */
  Class<S> spec();

  /**
   * The op for one layer application in the firing-rate pass; called once per pass, so it may check
   * and copy weights.
   *
   * @param spec the layer's spec
   * @param layer the layer's weights and inputs, as the pass sees them
   * @return the op, or null if the layer cannot run in the firing-rate pass
   */
  Op op(S spec, KernelInput layer);

  /**
   * The op for one layer application in the spiking simulation, run once per timestep on a
   * mini-batch of sequences. A layer with state across timesteps (a neuron, a delay) returns a
   * {@link StepOp}; the default is the firing-rate pass's stateless op.
   *
   * @param spec the layer's spec
   * @param layer the layer's weights and inputs, with the simulation's {@link
   *     KernelInput#timestep()}
   * @return the op, or null if the layer cannot run in the spiking simulation
   */
  default Op stepOp(S spec, KernelInput layer) {
    return op(spec, layer);
  }
}
