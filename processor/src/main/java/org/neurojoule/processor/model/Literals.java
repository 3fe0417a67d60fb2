package org.neurojoule.processor.model;

import com.palantir.javapoet.CodeBlock;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/** Java source for the argument values of spec calls: numbers, enums, strings, nested code. */
public final class Literals {
  private Literals() {}

  /**
   * The arguments, comma-separated; an array ({@code int[]}, {@code double[]}, enums...) spreads
   * into varargs, each item written as {@link #literal} writes it.
   */
  static CodeBlock arguments(Object... args) {
    List<CodeBlock> parts = new ArrayList<>();
    for (Object arg : args) {
      if (arg != null && arg.getClass().isArray()) {
        for (int i = 0; i < Array.getLength(arg); i++) {
          parts.add(literal(Array.get(arg, i)));
        }
      } else {
        parts.add(literal(arg));
      }
    }
    return CodeBlock.join(parts, ", ");
  }

  /** {@code Shape.of(28, 28, 1)}, undefined dimensions as {@code Shape.NONE}. */
  public static CodeBlock shape(org.neurojoule.shape.Shape shape) {
    return CodeBlock.of("$T.of($L)", org.neurojoule.shape.Shape.class, dims(shape.toArray()));
  }

  /** Dimensions, comma-separated, undefined ones as {@code Shape.NONE}. */
  public static CodeBlock dims(int[] dims) {
    List<CodeBlock> parts = new ArrayList<>();
    for (int d : dims) {
      parts.add(
          d == org.neurojoule.shape.Shape.NONE
              ? CodeBlock.of("$T.NONE", org.neurojoule.shape.Shape.class)
              : CodeBlock.of("$L", d));
    }
    return CodeBlock.join(parts, ", ");
  }

  static CodeBlock literal(Object arg) {
    if (arg instanceof CodeBlock code) {
      return code;
    } else if (arg instanceof org.neurojoule.shape.Shape shape) {
      return shape(shape);
    } else if (arg instanceof Enum<?> e) {
      return CodeBlock.of("$T.$L", e.getDeclaringClass(), e.name());
    } else if (arg instanceof String s) {
      return CodeBlock.of("$S", s);
    } else if (arg instanceof Long l) {
      return CodeBlock.of("$LL", l);
    } else if (arg instanceof Double d) {
      return real(d);
    } else if (arg instanceof Float f) {
      return CodeBlock.of("$Lf", Float.toString(f));
    }
    return CodeBlock.of("$L", arg);
  }

  private static CodeBlock real(double d) {
    if (Double.isNaN(d)) {
      return CodeBlock.of("$T.NaN", Double.class);
    } else if (Double.isInfinite(d)) {
      return CodeBlock.of("$T.$L", Double.class, d > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY");
    }
    return CodeBlock.of("$L", Double.toString(d));
  }
}
