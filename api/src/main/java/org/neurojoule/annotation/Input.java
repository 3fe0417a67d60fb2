package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The input of a {@link Network}, as {@code Model.input(28, 28, 1)}: {@code @Input({28, 28, 1})
 * Object input;}.
 *
 * <p>The dimensions exclude the batch. {@link #NONE} marks an undefined dimension; a leading one is
 * time ({@code @Input({NONE, 28})}). A network may have several inputs; every layer must be
 * declared after the fields it reads.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(org.neurojoule.layer.InputLayer.class)
public @interface Input {
  /** Marks an undefined dimension, as {@code Model.NONE}; a leading one is time. */
  int NONE = -1;

  /** {@return the dimensions of one example, without the batch} */
  int[] value();
}
