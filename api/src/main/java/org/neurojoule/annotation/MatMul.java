package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The matrix product of two activations, as {@code Tensor.matMul(a, b)}: {@code (..., M, K)} times
 * {@code (..., K, N)}, batched over the leading axes, as attention multiplies queries by keys.
 *
 * <p>Name the inputs with {@link #from()}.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @MatMul(from = {"queries", "keys"}) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(org.neurojoule.layer.MatMul.class)
public @interface MatMul {
  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
