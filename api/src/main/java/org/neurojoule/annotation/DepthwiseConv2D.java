package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code DepthwiseConv2D}: each input channel convolved with its own {@code depthMultiplier}
 * kernels, as {@code depthwiseConv2d(kernelSize, c -> ...)}.
 *
 * <p>Output channels = input channels {@code * depthMultiplier}; spatial sizes as for {@link
 * Conv2D}.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @DepthwiseConv2D(kernelSize = 3, depthMultiplier = 2, padding = SAME) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(org.neurojoule.layer.DepthwiseConv2D.class)
public @interface DepthwiseConv2D {
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
