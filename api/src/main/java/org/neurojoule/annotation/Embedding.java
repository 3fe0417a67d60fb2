package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code Embedding}, as {@code embedding(inputDim, outputDim, e -> ...)}: a lookup table
 * from integer ids to vectors.
 *
 * <p>Output shape = input shape plus an axis of {@code outputDim}.
 *
 * <p>Put it on a field of a {@link Network} class; the field name is the layer name. Example:
 * {@code @Embedding(inputDim = 1000, outputDim = 64) Object layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(org.neurojoule.layer.Embedding.class)
public @interface Embedding {
  /** {@return the number of ids: the ids are 0 to inputDim - 1} */
  int inputDim();

  /** {@return the length of each embedding vector} */
  int outputDim();

  /** {@return whether id 0 is padding, masked downstream (counts are unchanged)} */
  boolean maskZero() default false;

  /** {@return the length the input sequences must have; 0 (the default) for any} */
  int inputLength() default 0;

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
