package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code Rescaling}, as {@code rescaling(scale)}: {@code x * scale + offset}.
 *
 * <p>Output shape = input shape.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @Rescaling(scale = 1.0 / 255) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.Rescaling.class, keepsShape = true)
public @interface Rescaling {
  /** {@return the factor} */
  double scale();

  /** {@return the shift added after scaling (default 0)} */
  double offset() default 0;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
