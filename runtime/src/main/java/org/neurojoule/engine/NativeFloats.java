package org.neurojoule.engine;

import java.lang.ref.Cleaner;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Native float buffers taken straight from {@code malloc}, uninitialized as JavaCPP's are. JavaCPP's own allocation
 * ({@code new FloatPointer(n)}) measures the process's resident memory on every call (a read of
 * {@code /proc/self/statm}), which made up about a third of preparing a small model's pass. These
 * buffers are freed by {@link Buffer#free}, or by a cleaner if their owner is dropped unclosed.
 */
final class NativeFloats {
  private NativeFloats() {}

  private static final Cleaner CLEANER = Cleaner.create();

  /** A buffer of {@code n} floats (not zeroed), and the action that frees it (run at most once). */
  record Buffer(FloatPointer pointer, Cleaner.Cleanable free) {}

  static Buffer allocate(long n) {
    Pointer raw = n < 0 || n > Long.MAX_VALUE / Float.BYTES ? null
        : Pointer.malloc(n * Float.BYTES);
    if (raw == null || raw.isNull()) {
      throw new OutOfMemoryError("the native memory has no room for " + n + " floats ("
          + Buffers.bytesText(n * Float.BYTES) + ")");
    }
    FloatPointer p = new FloatPointer(raw).capacity(n).limit(n);
    return new Buffer(p, CLEANER.register(p, new Free(raw)));
  }

  /** Frees one allocation; refers to the raw pointer only, so that its owner can be collected. */
  private record Free(Pointer raw) implements Runnable {
    @Override
    public void run() {
      Pointer.free(raw);
    }
  }
}
