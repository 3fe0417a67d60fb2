package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code Concatenate}, as {@code Tensor.concatenate(a, b)}.
 *
 * <p>Name the inputs with {@link #from()}; they must agree on every axis but {@link #axis()}.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @Concatenate(from = {"a", "b"}) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(org.neurojoule.layer.Concatenate.class)
public @interface Concatenate {
  /** {@return the axis in Keras' numbering (the batch is 0); -1, the default, is the last} */
  int axis() default -1;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
