package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.neurojoule.layer.LayerSpec;

/**
 * Marks a layer annotation and names the spec it declares: {@code @LayerOf(Dense.class)} on
 * {@code @interface Dense}. The processor builds the spec from the annotation's attributes by name,
 * through {@link org.neurojoule.layer.SpecBinder}: the attributes named like the factory's
 * parameters go to the factory, every other attribute the source sets to the spec's method of the
 * same name. An attribute called {@code value} stands for the factory's first parameter.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface LayerOf {
  /** {@return the spec the annotation declares} */
  Class<? extends LayerSpec> value();

  /** {@return the name of the spec's static factory, {@code of} unless said otherwise} */
  String factory() default "of";

  /**
   * {@return whether the layer's output has its input's shape whatever its attributes, so that the
   * layers after one with a bad value can still be checked}
   */
  boolean keepsShape() default false;
}
