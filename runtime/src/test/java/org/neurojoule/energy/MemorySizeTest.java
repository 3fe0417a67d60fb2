package org.neurojoule.energy;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Keras' {@code readable_memory_size}: powers of 1024, two decimals. */
class MemorySizeTest {
  @Test
  void matchesKerasUnits() {
    assertThat(MemorySize.keras(0)).isEqualTo("0.00 Byte");
    assertThat(MemorySize.keras(1023)).isEqualTo("1023.00 Byte");
    assertThat(MemorySize.keras(1024)).isEqualTo("1.00 KB");
    // Keras' MNIST example: "Total params: 1290 (5.04 KB)".
    assertThat(MemorySize.keras(1290 * 4)).isEqualTo("5.04 KB");
    assertThat(MemorySize.keras(3L << 30)).isEqualTo("3.00 GB");
    assertThat(MemorySize.keras(Long.MAX_VALUE)).isEqualTo("8.00 PB");
  }

  @Test
  void negativeIsAnError() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> MemorySize.keras(-1)))
        .hasMessageThat()
        .isEqualTo("a size must be >= 0 bytes, was -1");
  }
}
