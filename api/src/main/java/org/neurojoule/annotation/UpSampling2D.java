package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code UpSampling2D}, as {@code upSampling2d(...)}.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @UpSampling2D(size = 2) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.UpSampling.class, factory = "upSampling2d")
public @interface UpSampling2D {
  /** {@return the repeat count: one for every axis, or one per axis} */
  int[] size() default 2;

  /** {@return the interpolation; only {@code nearest} (the default) is supported} */
  String interpolation() default "nearest";

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
