package org.neurojoule.engine;

import java.util.Locale;

/**
 * Array sizes checked in long before anything is allocated: a size beyond Java's array limit, or
 * beyond the heap, becomes an error that says what it would need and how to get there, never an
 * {@code ArithmeticException} or an {@link OutOfMemoryError}. The engine adds the layer's name.
 */
final class Buffers {
  private Buffers() {}

  /** The longest array the JVM reliably allocates. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** A zeroed float array of {@code n} values for {@code what}. */
  static float[] floats(long n, String what) {
    requireFloats(n, what);
    long bytes = 4 * n;
    if (bytes > Runtime.getRuntime().maxMemory()) {
      throw new IllegalArgumentException(tooMuch(what, n) + ", more than the whole Java heap ("
          + bytesText(Runtime.getRuntime().maxMemory()) + "); use a smaller batch size"
          + " (EnergyOptions.batchSize) or a larger heap (-Xmx)");
    }
    try {
      return new float[(int) n];
    } catch (OutOfMemoryError e) {
      throw new IllegalArgumentException(tooMuch(what, n) + ", more than the Java heap has free"
          + " (maximum " + bytesText(Runtime.getRuntime().maxMemory()) + "); use a smaller batch"
          + " size (EnergyOptions.batchSize) or a larger heap (-Xmx)");
    }
  }

  /** A zeroed double array of {@code n} values for {@code what} (sums kept in float64). */
  static double[] doubles(long n, String what) {
    requireFloats(n, what);
    if (8 * n > Runtime.getRuntime().maxMemory()) {
      throw new IllegalArgumentException(what + " would need " + n + " doubles ("
          + bytesText(8 * n) + "), more than the whole Java heap ("
          + bytesText(Runtime.getRuntime().maxMemory()) + "); use smaller inputs or a larger heap"
          + " (-Xmx)");
    }
    try {
      return new double[(int) n];
    } catch (OutOfMemoryError e) {
      throw new IllegalArgumentException(what + " would need " + n + " doubles ("
          + bytesText(8 * n) + "), more than the Java heap has free (maximum "
          + bytesText(Runtime.getRuntime().maxMemory()) + "); use smaller inputs or a larger"
          + " heap (-Xmx)");
    }
  }

  /** Checks that {@code n} floats fit in one array. */
  static void requireFloats(long n, String what) {
    if (n < 0 || n > MAX_ARRAY) {
      throw new IllegalArgumentException(tooMuch(what, n) + ", more than one Java array holds ("
          + MAX_ARRAY + " values); use a smaller batch size (EnergyOptions.batchSize) or smaller"
          + " inputs");
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
    return String.format(Locale.ROOT, "%.1f %s", bytes >= 1L << 30 ? bytes / 1073741824.0
        : bytes / 1048576.0, bytes >= 1L << 30 ? "GiB" : "MiB");
  }
}
