package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code LayerNormalization}, as {@code layerNormalization(n -> ...)}.
 *
 * <p>Output shape = input shape.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @LayerNormalization(epsilon = 1e-6) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.LayerNormalization.class, keepsShape = true)
public @interface LayerNormalization {
  /** {@return the Keras axes normalized over: -1 (the default) is the last} */
  int[] axis() default -1;

  /** {@return the value added to the variance} */
  double epsilon() default 1e-3;

  /** {@return whether a beta offset is learned} */
  boolean center() default true;

  /** {@return whether a gamma factor is learned} */
  boolean scale() default true;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
