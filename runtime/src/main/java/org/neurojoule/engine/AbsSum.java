package org.neurojoule.engine;

/** Sums of |x| over float32 values, accumulated in double. */
final class AbsSum {
  private AbsSum() {}

  /** Σ|v[off .. off+len)|: float partial sums over short blocks, added up in double. */
  static double of(float[] v, int off, int len) {
    double total = 0;
    int end = off + len;
    int i = off;
    while (i < end) {
      int blockEnd = Math.min(end, i + 512);
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      float s4 = 0;
      float s5 = 0;
      float s6 = 0;
      float s7 = 0;
      for (; i + 8 <= blockEnd; i += 8) {
        s0 += Math.abs(v[i]);
        s1 += Math.abs(v[i + 1]);
        s2 += Math.abs(v[i + 2]);
        s3 += Math.abs(v[i + 3]);
        s4 += Math.abs(v[i + 4]);
        s5 += Math.abs(v[i + 5]);
        s6 += Math.abs(v[i + 6]);
        s7 += Math.abs(v[i + 7]);
      }
      for (; i < blockEnd; i++) {
        s0 += Math.abs(v[i]);
      }
      total += ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
    }
    return total;
  }
}
