package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * NIR's {@code Delay}: each unit's input delayed by its time, as {@code delay(seconds...)}.
 *
 * <p>Output shape = input shape. Example: {@code @Delay(0.002) NetworkLayer layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.Delay.class, keepsShape = true)
public @interface Delay {
  /** {@return the delay in seconds ({@code >= 0}): one value for all units or one per unit} */
  double[] value();

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
