package org.neurojoule.natives;

import java.lang.ref.Cleaner;
import java.util.Locale;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Native float buffers taken straight from {@code malloc}, uninitialized as JavaCPP's are.
 * JavaCPP's own allocation ({@code new FloatPointer(n)}) measures the process's resident memory on
 * every call (a read of {@code /proc/self/statm}), which made up about a third of preparing a small
 * model's pass. These buffers are freed by {@link Buffer#free}, or by a cleaner if their owner is
 * dropped unclosed.
 */
final class NativeFloats {
  private NativeFloats() {}

  private static final Cleaner CLEANER = Cleaner.create();

  /** A buffer of {@code n} floats (not zeroed), and the action that frees it (run at most once). */
  record Buffer(FloatPointer pointer, Cleaner.Cleanable free) {}

  static Buffer allocate(long n) {
    Pointer raw =
        n < 0 || n > Long.MAX_VALUE / Float.BYTES ? null : Pointer.malloc(n * Float.BYTES);
    if (raw == null || raw.isNull()) {
      throw new OutOfMemoryError(
          "the native memory has no room for "
              + n
              + " floats ("
              + bytesText(n * Float.BYTES)
              + ")");
    }
    FloatPointer p = new FloatPointer(raw).capacity(n).limit(n);
    return new Buffer(p, CLEANER.register(p, new Free(raw)));
  }

  /** A size for messages, as the engine's own heap messages give it. */
  private static String bytesText(long bytes) {
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

  /** Frees one allocation; refers to the raw pointer only, so that its owner can be collected. */
  private record Free(Pointer raw) implements Runnable {
    @Override
    public void run() {
      Pointer.free(raw);
    }
  }
}
