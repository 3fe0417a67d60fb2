package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code BatchNormalization} over the last axis, as {@code batchNormalization(b -> ...)}.
 *
 * <p>Output shape = input shape.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @BatchNormalization Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.BatchNormalization.class, keepsShape = true)
public @interface BatchNormalization {
  /** {@return the moving-average momentum} */
  double momentum() default 0.99;

  /** {@return the variance epsilon} */
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
