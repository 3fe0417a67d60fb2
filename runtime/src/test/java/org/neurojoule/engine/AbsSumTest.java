package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-pass Σ|x| and zero count against the two passes it replaces. */
class AbsSumTest {
  @Test
  void withZerosGivesTheSameSumBitForBitAndTheSameZeros() {
    SplittableRandom r = new SplittableRandom(7);
    float[] v = new float[1031];
    for (int i = 0; i < v.length; i++) {
      int kind = r.nextInt(5);
      v[i] = kind == 0 ? 0f : kind == 1 ? -0.0f : (float) (r.nextDouble() * 2 - 1) * 1e30f;
    }
    v[3] = Float.MAX_VALUE;
    v[4] = -Float.MAX_VALUE;
    v[5] = Float.MIN_VALUE;
    for (int[] range : new int[][] {{0, 1031}, {1, 1030}, {5, 3}, {7, 0}, {2, 17}}) {
      double[] sums = {0.5, 2};
      AbsSum.withZeros(v, range[0], range[1], sums, 0, 1);
      assertThat(Double.doubleToLongBits(sums[0]))
          .isEqualTo(Double.doubleToLongBits(0.5 + AbsSum.of(v, range[0], range[1])));
      assertThat(sums[1]).isEqualTo(2.0 + Zeros.of(v, range[0], range[1]));
    }
  }

  @Test
  void countsNeitherNanNorSubnormalsAsZeros() {
    float[] v = {Float.NaN, Float.MIN_VALUE, 0f, -0.0f, 3f};
    double[] sums = new double[2];
    AbsSum.withZeros(v, 1, 4, sums, 0, 1);
    assertThat(sums[1]).isEqualTo(2.0);
    assertThat(sums[0]).isEqualTo(3.0 + Float.MIN_VALUE);
  }
}
