package org.neurojoule.energy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Storage sizes as Keras prints them after its parameter counts ({@code Total params: 1290 (5.04
 * KB)}): {@code readable_memory_size} in {@code keras/utils/layer_utils.py} (Keras 2.15) divides
 * by 1024 until the value is below 1024 and prints it with two decimals and one of {@code Byte,
 * KB, MB, GB, TB, PB}.
 */
public final class MemorySize {
  private static final String[] UNITS = {"Byte", "KB", "MB", "GB", "TB", "PB"};

  private MemorySize() {}

  /**
   * {@return {@code bytes} in Keras' units: {@code 5160} is {@code 5.04 KB}}
   *
   * @param bytes a size in bytes, at least 0
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public static String keras(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size must be >= 0 bytes, was " + bytes);
    }
    double size = bytes;
    for (String unit : UNITS) {
      if (size / 1024 < 1) {
        return twoDecimals(size) + " " + unit;
      }
      size /= 1024;
    }
    // As Keras: past 1024 PB it has divided once more than it has units.
    return twoDecimals(size) + " " + UNITS[UNITS.length - 1];
  }

  /** Python's {@code "{:.2f}"}: the exact binary value rounded half to even. */
  private static String twoDecimals(double x) {
    return new BigDecimal(x).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }
}
