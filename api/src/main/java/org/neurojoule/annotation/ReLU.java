package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code ReLU} layer, as {@code relu(r -> ...)}.
 *
 * <p>Output shape = input shape.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @ReLU Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.ReLU.class, keepsShape = true)
public @interface ReLU {
  /** {@return the cap on the output; infinity (the default) means none} */
  double maxValue() default Double.POSITIVE_INFINITY;

  /** {@return the slope below the threshold} */
  double negativeSlope() default 0;

  /** {@return the threshold below which the slope applies} */
  double threshold() default 0;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
