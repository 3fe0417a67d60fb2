package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * NIR's {@code CubaLI}: a layer of current-based leaky integrators, one per unit of a timestep, as
 * {@code cubaLeakyIntegrator(n -> ...)}.
 *
 * <p>Output shape = input shape. Each constant is one value for all units or one per unit.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @CubaLeakyIntegrator(tauSyn = 0.5) NetworkLayer layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(
    value = org.neurojoule.layer.SpikingNeuron.class,
    factory = "cubaLeakyIntegrator",
    keepsShape = true)
public @interface CubaLeakyIntegrator {
  /**
   * {@return the synaptic time constant in seconds, one value or one per unit; empty (the default)
   * means 0.005}
   */
  double[] tauSyn() default {};

  /**
   * {@return the membrane time constant in seconds, one value or one per unit; empty (the default)
   * means 0.01}
   */
  double[] tauMem() default {};

  /**
   * {@return the resistance (the input's gain), one value or one per unit; empty (the default)
   * means 1}
   */
  double[] r() default {};

  /** {@return the leak voltage, one value or one per unit; empty (the default) means 0} */
  double[] vLeak() default {};

  /** {@return the input current weight, one value or one per unit; empty (the default) means 1} */
  double[] wIn() default {};

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
