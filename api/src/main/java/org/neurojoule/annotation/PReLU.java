package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code PReLU}, as {@code prelu(p -> ...)}: a leaky ReLU whose slope is learned per
 * element, shared along {@code sharedAxes}.
 *
 * <p>Output shape = input shape.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @PReLU(sharedAxes = {1, 2}) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.PReLU.class, keepsShape = true)
public @interface PReLU {
  /** {@return the Keras axes (1 = first after the batch) sharing one slope; none by default} */
  int[] sharedAxes() default {};

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
