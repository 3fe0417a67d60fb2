package org.neurojoule.engine;

import org.neurojoule.layer.LayerSpec;

/**
 * The forward-pass kernel of one spec type. Each kernel file registers its implementation with
 * {@code @AutoService(Kernel.class)}; the engine finds it by the spec's class when it prepares a
 * pass, so adding a layer type adds a kernel file and touches no dispatch.
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
   * The op for one layer application; called once per pass, so it may check and copy weights.
   *
   * @param spec the layer's spec
   * @param layer the layer's weights and inputs, as the pass sees them
   * @return the op
   */
  Op op(S spec, KernelInput layer);
}
