package org.neurojoule.engine;

/** Sums of |x| over float32 values, accumulated in double. */
final class AbsSum {
  private AbsSum() {}

  /**
   * Σ|v[off .. off+len)| in double throughout: any finite float data gives a finite sum (float
   * partial sums overflow from about 10^36 per value), and the sum of a tensor does not depend on
   * how its values are split into blocks or batches beyond double rounding.
   *
   * <p>Eight running sums, one per position modulo 8 (the tail goes to the first), added in a fixed
   * tree: the sums' dependency chains, not the loads, bound this loop, so more of them run it
   * faster.
   */
  static double of(float[] v, int off, int len) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int end = off + len;
    int i = off;
    for (; i + 8 <= end; i += 8) {
      s0 += Math.abs(v[i]);
      s1 += Math.abs(v[i + 1]);
      s2 += Math.abs(v[i + 2]);
      s3 += Math.abs(v[i + 3]);
      s4 += Math.abs(v[i + 4]);
      s5 += Math.abs(v[i + 5]);
      s6 += Math.abs(v[i + 6]);
      s7 += Math.abs(v[i + 7]);
    }
    for (; i < end; i++) {
      s0 += Math.abs(v[i]);
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
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
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int z = 0;
    int end = off + len;
    int i = off;
    for (; i + 8 <= end; i += 8) {
      float a = v[i];
      float b = v[i + 1];
      float c = v[i + 2];
      float d = v[i + 3];
      float e = v[i + 4];
      float f = v[i + 5];
      float g = v[i + 6];
      float h = v[i + 7];
      s0 += Math.abs(a);
      s1 += Math.abs(b);
      s2 += Math.abs(c);
      s3 += Math.abs(d);
      s4 += Math.abs(e);
      s5 += Math.abs(f);
      s6 += Math.abs(g);
      s7 += Math.abs(h);
      z +=
          (a == 0f ? 1 : 0)
              + (b == 0f ? 1 : 0)
              + (c == 0f ? 1 : 0)
              + (d == 0f ? 1 : 0)
              + (e == 0f ? 1 : 0)
              + (f == 0f ? 1 : 0)
              + (g == 0f ? 1 : 0)
              + (h == 0f ? 1 : 0);
    }
    for (; i < end; i++) {
      s0 += Math.abs(v[i]);
      z += v[i] == 0f ? 1 : 0;
    }
    sums[sum] += ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    sums[zeros] += z;
  }
}
