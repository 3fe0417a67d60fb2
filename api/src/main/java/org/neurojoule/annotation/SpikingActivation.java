package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * KerasSpiking's {@code SpikingActivation}, as {@code spikingActivation(RELU, s -> ...)}.
 *
 * <p>Its input's first axis is time: declare the input with a leading {@link Input#NONE}.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @SpikingActivation(RELU) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.SpikingActivation.class, keepsShape = true)
public @interface SpikingActivation {
  /** {@return the activation turned into spikes} */
  org.neurojoule.layer.Activation value();

  /** {@return the simulation timestep in seconds} */
  double dt() default 0.001;

  /** {@return the seed of the initial voltages: empty (the default) for random, or one value} */
  long[] seed() default {};

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
