package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code AveragePooling2D}, as {@code averagePooling2d(poolSize, p -> ...)}.
 *
 * <p>Output per spatial axis: {@code valid}: {@code floor((n - p) / s) + 1}, {@code same}: {@code
 * ceil(n / s)}.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @AveragePooling2D(poolSize = 3, strides = 2) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.Pooling.class, factory = "averagePooling2d")
public @interface AveragePooling2D {
  /** {@return the window size: one value for every axis, or one per axis} */
  int[] poolSize() default 2;

  /**
   * {@return the step between windows: one value, or one per axis; empty (the default) means the
   * pool size, as Keras' {@code None}}
   */
  int[] strides() default {};

  /** {@return how borders are treated} */
  org.neurojoule.layer.Padding padding() default org.neurojoule.layer.Padding.VALID;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
