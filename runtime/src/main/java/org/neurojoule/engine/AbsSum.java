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
}
