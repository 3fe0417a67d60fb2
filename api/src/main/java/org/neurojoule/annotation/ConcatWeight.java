package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stored tensor put before the input along one axis (a vision transformer's class token), as
 * {@code apply(ConcatWeight.of(axis, shape))}; its values start at zero.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @ConcatWeight(axis = 0, shape = {1, 768}) Object classToken;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(org.neurojoule.layer.ConcatWeight.class)
public @interface ConcatWeight {
  /** {@return the axis joined along, 0-based without the batch} */
  int axis();

  /** {@return the stored tensor's dimensions: the input's, but for that axis} */
  int[] shape();

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
