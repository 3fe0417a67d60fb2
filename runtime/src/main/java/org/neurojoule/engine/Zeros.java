package org.neurojoule.engine;

/** Counts of exact zeros among float32 values, for activation sparsity. */
final class Zeros {
  private Zeros() {}

  /**
   * The values of {@code v[off .. off+len)} equal to zero: {@code -0.0f} is zero ({@code ==} says
   * so), NaN is not.
   */
  static int of(float[] v, int off, int len) {
    int zeros = 0;
    int end = off + len;
    for (int i = off; i < end; i++) {
      if (v[i] == 0f) {
        zeros++;
      }
    }
    return zeros;
  }

  /** The zeros of {@code v[0 .. len)}, counted in parallel blocks. */
  static long parallel(float[] v, int len) {
    long[] total = new long[1];
    int per = Math.max(1 << 14, (len + Parallel.THREADS - 1) / Parallel.THREADS);
    Parallel.forRange(
        len,
        per,
        (from, to) -> {
          int z = of(v, from, to - from);
          synchronized (total) {
            total[0] += z;
          }
        });
    return total[0];
  }
}
