package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' preprocessing {@code Normalization}, as {@code normalization(n -> ...)}: {@code (x - mean)
 * / max(sqrt(variance), 1e-7)} with the mean and variance set as its weights.
 *
 * <p>Output shape = input shape.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @Normalization Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.Normalization.class, keepsShape = true)
public @interface Normalization {
  /**
   * {@return the Keras axes that keep their own mean and variance: -1 (the default) is the last;
   * none for a single mean and variance}
   */
  int[] axis() default -1;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
