package org.neurojoule.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A class that declares a network, one layer per annotated field, for the NeuroJoule annotation
 * processor to check and turn into a typed model class while javac compiles it.
 *
 * <pre>{@code
 * @Network
 * final class Mnist {
 *   @Input({28, 28, 1}) Object input_1;
 *   @Conv2D(filters = 2, kernelSize = 7) Object conv2d;
 *   @ReLU Object re_lu;
 *   @Flatten Object flatten;
 *   @Dense(units = 10) Object dense;
 * }
 * }</pre>
 *
 * <p>The rules the processor enforces, each a compile-time error on the offending field:
 *
 * <ul>
 *   <li>Each field carries at most one layer annotation (plus, optionally, {@link
 *       TimeDistributed}); fields apply in declaration order and the field name is the layer name.
 *       The field's type does not matter ({@code Object} or {@link NetworkLayer}).
 *   <li>There is at least one {@link Input}. A layer reads the field declared just before it, or
 *       the earlier fields its {@code from} attribute names.
 *   <li>Every layer fits its input: the same shape rules, with the same messages, as the fluent
 *       builder at run time.
 * </ul>
 *
 * <p>All the errors of a class are reported in one compilation: a layer whose input is unknown
 * because an earlier layer failed is not checked against it, but its own values are. A message's
 * {@code layer N} is the field's position among the class's layer fields, the first being 0;
 * otherwise the text is the runtime's. (The fluent builder, which has no fields, numbers a layer by
 * the layers upstream of it, a {@link TimeDistributed} counting the one it wraps too: the same
 * number in a plain chain.)
 *
 * <p>The generated class, next to this one and named {@code <ClassName>Model} unless {@link
 * #name()} says otherwise (for {@code Mnist}, {@code MnistModel}), holds per layer the constants
 * {@code <FIELD>_PARAMS}, {@code <FIELD>_CONNECTIONS}, {@code <FIELD>_NEURONS} and {@code
 * <FIELD>_SHAPE}, the network's totals, an accessor per layer returning its spec, {@code model()}
 * and {@code energy()}.
 *
 * <p>This annotation does nothing by itself: the generated class exists only if javac runs the
 * processor, {@code org.neurojoule:neurojoule-processor}, which Maven needs listed under the
 * compiler plugin's {@code <annotationProcessorPaths>}. Without it, the class with {@code @Network}
 * compiles and the first use of the generated class fails with {@code cannot find symbol
 * MnistModel}. The generated class uses the runtime ({@code org.neurojoule.Model}, {@code Layer},
 * {@code Tensor}, {@code ModelEnergy}), so {@code org.neurojoule:neurojoule-runtime} must be a
 * compile dependency too; without it the processor reports {@code [NnRuntimeMissing]} on this class
 * and generates nothing.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Network {
  /**
   * {@return the simple name of the generated class; empty (the default) means the class name +
   * "Model"}
   */
  String name() default "";
}
