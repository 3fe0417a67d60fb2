package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * KerasSpiking's {@code Alpha}, as {@code alpha(tau, f -> ...)}: an alpha filter of each unit over
 * time, {@code 1 / (tau s + 1)^2}.
 *
 * <p>Its input's first axis is time: declare the input with a leading {@link Input#NONE}. Output
 * shape = input shape (without the time axis unless {@code returnSequences}).
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @Alpha(0.01) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.Filter.class, factory = "alpha")
public @interface Alpha {
  /** {@return the initial time constant in seconds (KerasSpiking's {@code tau_initializer})} */
  double value();

  /** {@return the simulation timestep in seconds} */
  double dt() default 0.001;

  /** {@return the initial filter state (KerasSpiking's {@code level_initializer})} */
  double levelInitializer() default 0;

  /** {@return whether Keras trains the filter, which makes its weights trainable} */
  boolean applyDuringTraining() default true;

  /** {@return whether the output is every step's value (the default), or only the last one's} */
  boolean returnSequences() default true;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
