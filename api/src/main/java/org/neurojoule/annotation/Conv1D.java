package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code Conv1D}: a 1-dimensional convolution, as {@code conv1d(filters, kernelSize, c ->
 * ...)}.
 *
 * <p>Output per spatial axis: {@code valid}: {@code floor((n - ((k - 1) * d + 1)) / s) + 1}, {@code
 * same}: {@code ceil(n / s)}; channels = {@code filters}.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @Conv1D(filters = 64, kernelSize = 3, padding = SAME, activation = RELU) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.Conv.class, factory = "conv1d")
public @interface Conv1D {
  /** {@return the number of output channels (Keras' {@code filters})} */
  int filters();

  /** {@return the window size: one value for every axis, or one per axis} */
  int[] kernelSize();

  /** {@return the step between windows: one value, or one per axis} */
  int[] strides() default 1;

  /** {@return how borders are treated; {@code CAUSAL} pads the time axis before only} */
  org.neurojoule.layer.Padding padding() default org.neurojoule.layer.Padding.VALID;

  /** {@return the spacing of kernel elements: one value, or one per axis} */
  int[] dilationRate() default 1;

  /**
   * {@return the number of channel groups: 1, an ordinary convolution; the input channels,
   * depthwise (the input channels and the filters must both be multiples of it)}
   */
  int groups() default 1;

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
