package org.neurojoule.layer;

import java.util.Locale;
import java.util.regex.Pattern;

/** Keras' naming rule for layers, kept here so the builder and the processor share it. */
public final class KerasNames {
  private static final Pattern WORD = Pattern.compile("(.)([A-Z][a-z0-9]+)");
  private static final Pattern CAMEL = Pattern.compile("([a-z])([A-Z])");

  private KerasNames() {}

  /**
   * Keras' {@code to_snake_case}: {@code Conv2D} to {@code conv2d}, {@code ReLU} to {@code re_lu},
   * {@code BatchNormalization} to {@code batch_normalization}.
   *
   * @param type a Keras class name, such as {@code Conv2D}
   * @return the snake-case name
   */
  public static String snakeCase(String type) {
    String intermediate = WORD.matcher(type).replaceAll("$1_$2");
    return CAMEL.matcher(intermediate).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
  }

  /**
   * {@return the automatic name of the {@code n}-th layer (from 0) with this prefix: {@code
   * conv2d}, {@code conv2d_1}, ...; input layers count from one ({@code input_1})}
   *
   * @param prefix the stem of the name, such as {@code conv2d}
   * @param n how many layers with this prefix came before
   */
  public static String autoName(String prefix, int n) {
    if (prefix.equals(InputLayer.NAME_PREFIX)) {
      return prefix + "_" + (n + 1);
    }
    return n == 0 ? prefix : prefix + "_" + n;
  }
}
