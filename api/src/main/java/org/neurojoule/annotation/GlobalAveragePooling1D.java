package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code GlobalAveragePooling1D}, as {@code globalAveragePooling1d(g -> ...)}.
 *
 * <p>One value per channel over all spatial positions.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @GlobalAveragePooling1D Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.GlobalPooling.class, factory = "globalAveragePooling1d")
public @interface GlobalAveragePooling1D {
  /** {@return whether the pooled axes stay, with size 1} */
  boolean keepdims() default false;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
