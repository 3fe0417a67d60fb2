package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code Bidirectional} around a recurrent layer, as {@code bidirectional(lstm(units), b ->
 * ...)}: the layer runs forwards and a copy of it backwards, and their outputs merge.
 *
 * <p>The wrapped layer is named by its Keras class and configured by this annotation's attributes;
 * see {@link org.neurojoule.layer.Bidirectional}. Put it on a field of a {@link Network} class; the
 * field name is the layer name. Example: {@code @Bidirectional(layer = "LSTM", units = 16,
 * mergeMode = "sum") Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.Bidirectional.class, factory = "recurrent")
public @interface Bidirectional {
  /**
   * {@return the Keras class of the wrapped layer: {@code SimpleRNN}, {@code LSTM} or {@code GRU}}
   */
  String layer();

  /** {@return the size of the wrapped layer's state} */
  int units();

  /** {@return how the directions merge: {@code concat}, {@code sum}, {@code mul} or {@code ave}} */
  String mergeMode() default "concat";

  /** {@return the wrapped layer's activation} */
  org.neurojoule.layer.Activation activation() default org.neurojoule.layer.Activation.TANH;

  /** {@return the wrapped layer's gate activation (not used by SimpleRNN)} */
  org.neurojoule.layer.Activation recurrentActivation() default
      org.neurojoule.layer.Activation.SIGMOID;

  /** {@return whether the layer adds biases} */
  boolean useBias() default true;

  /** {@return whether the output holds every step's state (else only the last)} */
  boolean returnSequences() default false;

  /** {@return whether the input is read from its last step to its first} */
  boolean goBackwards() default false;

  /** {@return for a wrapped GRU, whether the reset gate applies after the recurrent product} */
  boolean resetAfter() default true;

  /** {@return whether the wrapped layer stores a second, recurrent bias (PyTorch's bias_hh)} */
  boolean recurrentBias() default false;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
