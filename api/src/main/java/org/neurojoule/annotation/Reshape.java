package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code Reshape}, as {@code reshape(targetShape...)}.
 *
 * <p>The element count must stay the same.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @Reshape(targetShape = {7, 7, 16}) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(org.neurojoule.layer.Reshape.class)
public @interface Reshape {
  /** Marks the one entry of {@link #targetShape()} inferred from the element count. */
  int INFER = -1;

  /** {@return the new dimensions (without the batch); one may be {@link #INFER}} */
  int[] targetShape();

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
