package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Exact zeros: {@code -0.0} is zero, NaN and the smallest subnormal are not. */
class ZerosTest {
  @Test
  void countsExactZerosOnly() {
    float[] v = {0f, -0.0f, Float.NaN, Float.MIN_VALUE, -Float.MIN_VALUE, 1f, 0f};
    assertThat(Zeros.of(v, 0, v.length)).isEqualTo(3);
    assertThat(Zeros.of(v, 2, 4)).isEqualTo(0);
  }

  @Test
  void parallelCountAgreesOverManyBlocks() {
    float[] v = new float[100_003];
    for (int i = 0; i < v.length; i++) {
      v[i] = i % 3 == 0 ? (i % 2 == 0 ? 0f : -0.0f) : i;
    }
    assertThat(Zeros.parallel(v, v.length)).isEqualTo(33_335);
    assertThat(Zeros.parallel(v, 10)).isEqualTo(4);
  }
}
