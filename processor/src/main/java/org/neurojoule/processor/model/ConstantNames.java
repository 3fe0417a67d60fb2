package org.neurojoule.processor.model;

import java.util.Locale;
import java.util.Set;

/** The names the generated class gives its members. */
public final class ConstantNames {
  /** Member names of the generated class that fields cannot take as accessor names. */
  public static final Set<String> RESERVED_METHODS =
      Set.of(
          "model",
          "energy",
          "hashCode",
          "toString",
          "getClass",
          "notify",
          "notifyAll",
          "wait",
          "clone",
          "finalize",
          "equals");

  /** The prefix of the network totals, {@code TOTAL_PARAMS}. */
  public static final String TOTAL = "TOTAL";

  private ConstantNames() {}

  /**
   * The prefix of a layer's constants: the field name in UPPER_SNAKE_CASE, {@code conv2d} to {@code
   * CONV2D}, {@code re_lu_1} to {@code RE_LU_1}, {@code firstConv} to {@code FIRST_CONV}.
   */
  public static String prefix(String fieldName) {
    String s =
        fieldName.replaceAll("([a-z])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2");
    return s.toUpperCase(Locale.ROOT);
  }
}
