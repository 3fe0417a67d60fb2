package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code GRU} (gates update, reset, candidate), as {@code gru(units, r -> ...)}.
 *
 * <p>Input {@code (time, features)}; see {@link org.neurojoule.layer.Recurrent} for what it counts.
 * Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @GRU(units = 64, resetAfter = false) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.Recurrent.class, factory = "gru")
public @interface GRU {
  /** {@return the size of the state and the output} */
  int units();

  /** {@return the activation of the state} */
  org.neurojoule.layer.Activation activation() default org.neurojoule.layer.Activation.TANH;

  /** {@return the activation of the gates} */
  org.neurojoule.layer.Activation recurrentActivation() default
      org.neurojoule.layer.Activation.SIGMOID;

  /** {@return whether the layer adds biases} */
  boolean useBias() default true;

  /** {@return whether the output holds every step's state (else only the last)} */
  boolean returnSequences() default false;

  /** {@return whether the input is read from its last step to its first} */
  boolean goBackwards() default false;

  /**
   * {@return whether the reset gate applies after the recurrent product (tf.keras 2 and Keras 3's
   * default, with separate input and recurrent biases) or before it (Keras 2's)}
   */
  boolean resetAfter() default true;

  /**
   * {@return whether a second, recurrent bias is stored beside the input bias (PyTorch's {@code
   * bias_hh}; it adds to the input bias)}
   */
  boolean recurrentBias() default false;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
