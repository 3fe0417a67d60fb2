package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * NIR's {@code IF}: a layer of integrate-and-fire neurons, one per unit of a timestep, as {@code
 * integrateAndFire(n -> ...)}.
 *
 * <p>Output shape = input shape. Each constant is one value for all units or one per unit.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @IntegrateAndFire(r = 0.5) NetworkLayer layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(
    value = org.neurojoule.layer.SpikingNeuron.class,
    factory = "integrateAndFire",
    keepsShape = true)
public @interface IntegrateAndFire {
  /**
   * {@return the resistance (the input's gain), one value or one per unit; empty (the default)
   * means 1}
   */
  double[] r() default {};

  /** {@return the firing threshold, one value or one per unit; empty (the default) means 1} */
  double[] vThreshold() default {};

  /** {@return the reset voltage, one value or one per unit; empty (the default) means 0} */
  double[] vReset() default {};

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
