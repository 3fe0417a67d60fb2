package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code SeparableConv2D}: a depthwise convolution, then a 1x1 convolution to {@code
 * filters} channels, as {@code separableConv2d(filters, kernelSize, c -> ...)}.
 *
 * <p>Spatial sizes as for {@link Conv2D}.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @SeparableConv2D(filters = 32, kernelSize = 3) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(org.neurojoule.layer.SeparableConv2D.class)
public @interface SeparableConv2D {
  /** {@return the number of output channels (Keras' {@code filters})} */
  int filters();

  /** {@return the window size: one value for every axis, or one per axis} */
  int[] kernelSize();

  /** {@return output channels per input channel} */
  int depthMultiplier() default 1;

  /** {@return the step between windows: one value, or one per axis} */
  int[] strides() default 1;

  /** {@return how borders are treated} */
  org.neurojoule.layer.Padding padding() default org.neurojoule.layer.Padding.VALID;

  /** {@return the spacing of kernel elements: one value, or one per axis} */
  int[] dilationRate() default 1;

  /** {@return the activation applied to the output} */
  org.neurojoule.layer.Activation activation() default org.neurojoule.layer.Activation.LINEAR;

  /** {@return whether the layer adds a bias} */
  boolean useBias() default true;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
