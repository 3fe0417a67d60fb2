package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code Conv1DTranspose}: a 1-dimensional transposed convolution, as {@code
 * conv1dTranspose(filters, kernelSize, c -> ...)}.
 *
 * <p>Output per spatial axis, without {@code outputPadding}: {@code valid}: {@code n * s + max(k -
 * s, 0)}, {@code same}: {@code n * s}; channels = {@code filters}.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @Conv1DTranspose(filters = 16, kernelSize = 3, strides = 2, padding = SAME) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.ConvTranspose.class, factory = "conv1dTranspose")
public @interface Conv1DTranspose {
  /** {@return the number of output channels (Keras' {@code filters})} */
  int filters();

  /** {@return the window size: one value for every axis, or one per axis} */
  int[] kernelSize();

  /** {@return the up-sampling step: one value, or one per axis} */
  int[] strides() default 1;

  /** {@return how borders are treated} */
  org.neurojoule.layer.Padding padding() default org.neurojoule.layer.Padding.VALID;

  /** {@return the extra output length: one value, one per axis, or none (the default)} */
  int[] outputPadding() default {};

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
