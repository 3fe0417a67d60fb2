package org.neurojoule.engine;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Array sizes checked in long before anything is allocated: a size beyond Java's array limit, or
 * beyond the heap, becomes an error that says what it would need and how to get there, never an
 * {@code ArithmeticException} or an {@link OutOfMemoryError}. The engine adds the layer's name.
 */
final class Buffers {
  private Buffers() {}

  /** The longest array the JVM reliably allocates. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private static final String BATCH_ADVICE =
      "use a smaller batch size (EnergyOptions.batchSize) or a larger heap (-Xmx)";
  private static final String INPUT_ADVICE = "use smaller inputs or a larger heap (-Xmx)";

  /** The product of {@code s[from .. to)}, saturating at {@code Long.MAX_VALUE} (then refused). */
  static long prod(int[] s, int from, int to) {
    long p = 1;
    for (int i = from; i < to; i++) {
      p = times(p, s[i]);
    }
    return p;
  }

  /** A zeroed float array of {@code n} values for {@code what}. */
  static float[] floats(long n, String what) {
    return floats(n, () -> what);
  }

  /** As {@link #floats(long, String)}, the description made only for an error. */
  static float[] floats(long n, Supplier<String> what) {
    return allocate(n, 4, "floats", BATCH_ADVICE, what, () -> new float[(int) n]);
  }

  /** A zeroed double array of {@code n} values for {@code what} (sums kept in float64). */
  static double[] doubles(long n, String what) {
    return allocate(n, 8, "doubles", INPUT_ADVICE, () -> what, () -> new double[(int) n]);
  }

  /**
   * Allocates an array of {@code n} values of {@code bytesPerValue} bytes, after checking that one
   * array holds them and that the heap could; an {@link OutOfMemoryError} all the same becomes the
   * same clear error.
   */
  private static <T> T allocate(
      long n,
      int bytesPerValue,
      String unit,
      String advice,
      Supplier<String> what,
      Supplier<T> array) {
    requireFloats(n, what);
    long bytes = bytesPerValue * n;
    long max = Runtime.getRuntime().maxMemory();
    if (bytes > max) {
      throw new IllegalArgumentException(
          need(what, n, unit, bytes)
              + ", more than the whole Java heap ("
              + bytesText(max)
              + "); "
              + advice);
    }
    try {
      return array.get();
    } catch (OutOfMemoryError e) {
      throw new IllegalArgumentException(
          need(what, n, unit, bytes)
              + ", more than the Java heap has free (maximum "
              + bytesText(max)
              + "); "
              + advice);
    }
  }

  private static String need(Supplier<String> what, long n, String unit, long bytes) {
    return what.get() + " would need " + n + " " + unit + " (" + bytesText(bytes) + ")";
  }

  /** Checks that {@code n} floats fit in one array. */
  static void requireFloats(long n, String what) {
    requireFloats(n, () -> what);
  }

  /** As {@link #requireFloats(long, String)}, the description made only for an error. */
  static void requireFloats(long n, Supplier<String> what) {
    if (n < 0 || n > MAX_ARRAY) {
      throw new IllegalArgumentException(
          tooMuch(what.get(), n)
              + ", more than one Java array holds ("
              + MAX_ARRAY
              + " values); use a smaller batch"
              + " size (EnergyOptions.batchSize) or smaller inputs");
    }
  }

  /** {@code n} as an int index bound for {@code what}, checked like an array size. */
  static int intSize(long n, String what) {
    requireFloats(n, what);
    return (int) n;
  }

  /** {@code a * b} for non-negative sizes, saturating at {@code Long.MAX_VALUE}. */
  static long times(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
  }

  private static String tooMuch(String what, long n) {
    return what + " would need " + n + " floats (" + bytesText(4 * n) + ")";
  }

  static String bytesText(long bytes) {
    if (bytes < 0) {
      return "more than 2^63 bytes";
    }
    if (bytes < 1 << 20) {
      return bytes + " bytes";
    }
    return String.format(
        Locale.ROOT,
        "%.1f %s",
        bytes >= 1L << 30 ? bytes / 1073741824.0 : bytes / 1048576.0,
        bytes >= 1L << 30 ? "GiB" : "MiB");
  }
}
