package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * NIR's {@code LI}: a layer of leaky integrators, {@code tau dv/dt = (vLeak - v) + r I}, one per
 * unit of a timestep, as {@code leakyIntegrator(n -> ...)}.
 *
 * <p>Output shape = input shape. Each constant is one value for all units or one per unit.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @LeakyIntegrator(tau = 0.5) NetworkLayer layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(
    value = org.neurojoule.layer.SpikingNeuron.class,
    factory = "leakyIntegrator",
    keepsShape = true)
public @interface LeakyIntegrator {
  /**
   * {@return the membrane time constant in seconds, one value for all units or one per unit; empty
   * (the default) means 0.01}
   */
  double[] tau() default {};

  /**
   * {@return the resistance (the input's gain), one value or one per unit; empty (the default)
   * means 1}
   */
  double[] r() default {};

  /** {@return the leak voltage, one value or one per unit; empty (the default) means 0} */
  double[] vLeak() default {};

  /**
   * {@return whether the output feeds back into the input through a units x units recurrent kernel
   * (stored as weights)}
   */
  boolean recurrent() default false;

  /** {@return whether that recurrent feedback adds a bias; implies {@code recurrent}} */
  boolean recurrentBias() default false;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
