package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * NIR's {@code Threshold}: 1 where the input exceeds the threshold, else 0 (spikes), as {@code
 * threshold(values...)}.
 *
 * <p>Output shape = input shape. Example: {@code @Threshold(0.5) NetworkLayer layer;}
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@LayerOf(value = org.neurojoule.layer.SpikingNeuron.class, factory = "threshold", keepsShape = true)
public @interface Threshold {
  /** {@return the threshold: one value for all units or one per unit} */
  double[] value();

  /**
   * {@return the earlier fields this layer takes its input from; empty (the default) means the
   * field declared just before}
   */
  String[] from() default {};
}
