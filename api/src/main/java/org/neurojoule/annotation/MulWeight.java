package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The input multiplied by a stored tensor, broadcast over its leading axes (a layer scale), as
 * {@code apply(MulWeight.of(shape))}; its values start at one.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @MulWeight(shape = {768}) Object layerScale;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(org.neurojoule.layer.MulWeight.class)
public @interface MulWeight {
  /** {@return the stored tensor's dimensions, aligned to the input's last axes} */
  int[] shape();

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
