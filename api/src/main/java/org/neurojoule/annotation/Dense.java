package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code Dense}: maps the last axis to {@code units}, as {@code dense(units, d -> ...)}.
 *
 * <p>Works on inputs of any rank.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @Dense(units = 1024, activation = RELU) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(org.neurojoule.layer.Dense.class)
public @interface Dense {
  /** {@return the number of output units} */
  int units();

  /** {@return the activation applied to the output} */
  org.neurojoule.layer.Activation activation() default org.neurojoule.layer.Activation.LINEAR;

  /** {@return whether the layer adds a bias} */
  boolean useBias() default true;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
