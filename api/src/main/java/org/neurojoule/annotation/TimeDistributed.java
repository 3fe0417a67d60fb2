package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keras' {@code TimeDistributed}: wraps the layer annotated on the same field, which then applies
 * on every step of its input's first axis, as {@code timeDistributed(t -> t.conv2d(2, 7))}.
 *
 * <p>Example: {@code @TimeDistributed @Conv2D(filters = 2, kernelSize = 7) Object conv;}. The field
 * must carry exactly one other layer annotation, of a single-input layer.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface TimeDistributed {}
