package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code Activation} layer, as {@code activation(RELU)}.
 *
 * <p>Output shape = input shape. The attribute type is the enum {@link
 * org.neurojoule.layer.Activation}, whose constants can be imported statically.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @Activation(RELU) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.ActivationLayer.class, keepsShape = true)
public @interface Activation {
  /** {@return the activation function} */
  org.neurojoule.layer.Activation value();

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
