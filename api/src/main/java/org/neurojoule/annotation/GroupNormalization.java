package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code GroupNormalization}, as {@code groupNormalization(groups, g -> ...)}.
 *
 * <p>Output shape = input shape; the channels must divide by {@code groups}.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @GroupNormalization(groups = 4, epsilon = 1e-5) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.GroupNormalization.class, keepsShape = true)
public @interface GroupNormalization {
  /** {@return the number of channel groups: Keras' default is 32} */
  int groups() default 32;

  /** {@return the Keras axis of the channels: -1 (the default) is the last} */
  int axis() default -1;

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
