package org.neurojoule.energy;

import org.neurojoule.summary.KerasSummaryPrinter;

/**
 * Storage sizes as Keras prints them after its parameter counts ({@code Total params: 1290 (5.04
 * KB)}): {@code readable_memory_size} in {@code keras/utils/layer_utils.py} (Keras 2.15) divides by
 * 1024 until the value is below 1024 and prints it with two decimals and one of {@code Byte, KB,
 * MB, GB, TB, PB}. The rule itself is the Keras summary's ({@link
 * KerasSummaryPrinter#readableMemorySize(double)}); this adds the check on the argument.
 */
public final class MemorySize {
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
    return KerasSummaryPrinter.readableMemorySize(bytes);
  }
}
