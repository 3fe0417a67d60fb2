package org.neurojoule.processor.model;

import com.palantir.javapoet.CodeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.neurojoule.shape.ShapeException;

/**
 * A layer spec together with the Java code that builds it: each step is taken at once, on the spec,
 * and written down, on the code, so the generated model cannot build anything other than what the
 * processor checked.
 *
 * <p>A step that the spec rejects (a non-positive size, a causal padding on a Conv2D) is recorded
 * as a {@link SpecArgumentException} naming the attribute that caused it, and skipped: the later
 * steps still run, so that every bad attribute of a layer is reported at once. A recipe with errors
 * builds nothing; if its factory failed it has no value at all.
 */
public final class Recipe<T> {
  private final T value;
  private final CodeBlock code;
  private final List<SpecArgumentException> errors;

  private Recipe(T value, CodeBlock code, List<SpecArgumentException> errors) {
    this.value = value;
    this.code = code;
    this.errors = List.copyOf(errors);
  }

  /**
   * Starts with a static factory call such as {@code Conv.of(2, 64, 11)}.
   *
   * @param blame the attribute an error of the factory is put on, by default
   */
  public static <T> Recipe<T> start(
      Class<?> owner, String method, Supplier<T> factory, String blame, Object... args) {
    CodeBlock code = CodeBlock.of("$T.$L($L)", owner, method, Literals.arguments(args));
    try {
      return new Recipe<>(attempt(blame, factory), code, List.of());
    } catch (SpecArgumentException e) {
      return new Recipe<>(null, code, List.of(e));
    }
  }

  /** A recipe whose factory call could not even be written (a value of the wrong type). */
  public static <T> Recipe<T> failed(SpecArgumentException error) {
    return new Recipe<>(null, CodeBlock.of(""), List.of(error));
  }

  /** This recipe with one more rejected value; the step it stood for is skipped. */
  public Recipe<T> rejected(SpecArgumentException error) {
    return new Recipe<>(value, code, plus(errors, error));
  }

  /** A spec built around another recipe's, as {@code TimeDistributed.of(inner)}. */
  public static <T, I> Recipe<T> wrap(
      Class<?> owner, String method, Recipe<I> inner, Function<I, T> make) {
    CodeBlock code = CodeBlock.of("$T.$L($L)", owner, method, inner.code());
    if (inner.value == null) {
      return new Recipe<>(null, code, inner.errors);
    }
    try {
      return new Recipe<>(attempt("", () -> make.apply(inner.value)), code, inner.errors);
    } catch (SpecArgumentException e) {
      return new Recipe<>(null, code, plus(inner.errors, e));
    }
  }

  /** One wither call, {@code .strides(4)}, blamed on {@code attribute}; skipped if it fails. */
  public Recipe<T> then(String attribute, String method, UnaryOperator<T> step, Object... args) {
    if (value == null) {
      return this;
    }
    CodeBlock next = code.toBuilder().add(".$L($L)", method, Literals.arguments(args)).build();
    try {
      return new Recipe<>(attempt(attribute, () -> step.apply(value)), next, errors);
    } catch (SpecArgumentException e) {
      return new Recipe<>(value, code, plus(errors, e));
    }
  }

  /** The values the spec rejected, in the order of the steps; empty if it was built. */
  public List<SpecArgumentException> errors() {
    return errors;
  }

  /** The spec. */
  public T value() {
    if (!errors.isEmpty()) {
      throw new IllegalStateException("the spec rejected a value: " + errors.get(0).getMessage());
    }
    return value;
  }

  /** The code that builds it. */
  public CodeBlock code() {
    return code;
  }

  private static List<SpecArgumentException> plus(
      List<SpecArgumentException> errors, SpecArgumentException e) {
    List<SpecArgumentException> all = new ArrayList<>(errors);
    all.add(e);
    return all;
  }

  private static <T> T attempt(String attribute, Supplier<T> step) {
    try {
      return Objects.requireNonNull(step.get(), "step returned null");
    } catch (ShapeException e) {
      throw new SpecArgumentException(attribute, e);
    }
  }
}
