package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stored tensor added to the input, broadcast over its leading axes (a transformer's position
 * embedding), as {@code apply(AddWeight.of(shape))}; its values start at zero.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @AddWeight(shape = {197, 768}) Object positions;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(org.neurojoule.layer.AddWeight.class)
public @interface AddWeight {
  /** {@return the stored tensor's dimensions, aligned to the input's last axes} */
  int[] shape();

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
