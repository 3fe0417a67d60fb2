package org.neurojoule.processor.model;

import com.palantir.javapoet.CodeBlock;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.neurojoule.shape.ShapeException;

/**
 * A layer spec together with the Java code that builds it: each step is taken at once, on the
 * spec, and written down, on the code, so the generated model cannot build anything other than
 * what the processor checked.
 *
 * <p>A step that the spec rejects (a non-positive size, strides with dilation) throws {@link
 * SpecArgumentException} naming the attribute that caused it.
 */
public final class Recipe<T> {
  private final T value;
  private final CodeBlock code;

  private Recipe(T value, CodeBlock code) {
    this.value = value;
    this.code = code;
  }

  /**
   * Starts with a static factory call such as {@code Conv.of(2, 64, 11)}.
   *
   * @param blame the attribute an error of the factory is put on, by default
   */
  public static <T> Recipe<T> start(
      Class<?> owner, String method, Supplier<T> factory, String blame, Object... args) {
    T value = attempt(blame, factory);
    return new Recipe<>(value, CodeBlock.of("$T.$L($L)", owner, method, Literals.arguments(args)));
  }

  /** A spec built around another recipe's, as {@code TimeDistributed.of(inner)}. */
  public static <T, I> Recipe<T> wrap(
      Class<?> owner, String method, Recipe<I> inner, Function<I, T> make) {
    T value = attempt("", () -> make.apply(inner.value()));
    return new Recipe<>(value, CodeBlock.of("$T.$L($L)", owner, method, inner.code()));
  }

  /** One wither call, {@code .strides(4)}, blamed on {@code attribute}. */
  public Recipe<T> then(String attribute, String method, UnaryOperator<T> step, Object... args) {
    T next = attempt(attribute, () -> step.apply(value));
    return new Recipe<>(next, code.toBuilder().add(".$L($L)", method, Literals.arguments(args))
        .build());
  }

  /** The spec. */
  public T value() {
    return value;
  }

  /** The code that builds it. */
  public CodeBlock code() {
    return code;
  }

  private static <T> T attempt(String attribute, Supplier<T> step) {
    try {
      return Objects.requireNonNull(step.get(), "step returned null");
    } catch (ShapeException e) {
      throw new SpecArgumentException(attribute, e);
    }
  }
}
