package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code ZeroPadding3D}, as {@code zeroPadding3d(...)}.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @ZeroPadding3D(padding = 2) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.ZeroPadding.class, factory = "zeroPadding3d")
public @interface ZeroPadding3D {
  /** {@return the zeros added: one value, one per axis, or a (before, after) pair per axis} */
  int[] padding() default 1;

  /**
   * {@return what the added rows hold: {@code "constant"} (the value), {@code "reflect"} or {@code
   * "edge"}}
   */
  String mode() default "constant";

  /** {@return the constant of mode constant} */
  double value() default 0;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
