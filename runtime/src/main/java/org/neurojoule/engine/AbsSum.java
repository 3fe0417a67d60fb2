package org.neurojoule.engine;

/** Sums of |x| over float32 values, accumulated in double. */
final class AbsSum {
  private AbsSum() {}

  /**
   * Σ|v[off .. off+len)| in double throughout: any finite float data gives a finite sum (float
   * partial sums overflow from about 10^36 per value), and the sum of a tensor does not depend
   * on how its values are split into blocks or batches beyond double rounding.
   */
  static double of(float[] v, int off, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int end = off + len;
    int i = off;
    for (; i + 4 <= end; i += 4) {
      s0 += Math.abs(v[i]);
      s1 += Math.abs(v[i + 1]);
      s2 += Math.abs(v[i + 2]);
      s3 += Math.abs(v[i + 3]);
    }
    for (; i < end; i++) {
      s0 += Math.abs(v[i]);
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * Adds Σ|v[off .. off+len)| to {@code sums[sum]} and the count of its exact zeros to {@code
   * sums[zeros]} in one pass over the values: the sum is {@link #of}'s, bit for bit, and the zeros
   * are {@link Zeros#of}'s.
   */
  static void withZeros(float[] v, int off, int len, double[] sums, int sum, int zeros) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int z = 0;
    int end = off + len;
    int i = off;
    for (; i + 4 <= end; i += 4) {
      float a = v[i];
      float b = v[i + 1];
      float c = v[i + 2];
      float d = v[i + 3];
      s0 += Math.abs(a);
      s1 += Math.abs(b);
      s2 += Math.abs(c);
      s3 += Math.abs(d);
      z += (a == 0f ? 1 : 0) + (b == 0f ? 1 : 0) + (c == 0f ? 1 : 0) + (d == 0f ? 1 : 0);
    }
    for (; i < end; i++) {
      s0 += Math.abs(v[i]);
      z += v[i] == 0f ? 1 : 0;
    }
    sums[sum] += (s0 + s1) + (s2 + s3);
    sums[zeros] += z;
  }
}
