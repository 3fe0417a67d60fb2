package org.neurojoule.natives;

import java.lang.ref.Cleaner;
import java.util.Locale;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Native float buffers taken straight from {@code malloc}, uninitialized as JavaCPP's are, or, from
 * a megabyte, mapped on huge pages ({@link HugePages}); a freed one is kept for the next buffer of
 * its size ({@link IdleBlocks}). JavaCPP's own allocation ({@code new FloatPointer(n)}) measures
 * the process's resident memory on every call (a read of {@code /proc/self/statm}), which made up
 * about a third of preparing a small model's pass. These buffers are freed by {@link Buffer#free},
 * or by a cleaner if their owner is dropped unclosed.
 */
final class NativeFloats {
  private NativeFloats() {}

  private static final Cleaner CLEANER = Cleaner.create();

  /** A buffer of {@code n} floats (not zeroed), and the action that frees it (run at most once). */
  record Buffer(FloatPointer pointer, Cleaner.Cleanable free) {}

  static Buffer allocate(long n) {
    if (n < 0 || n > Long.MAX_VALUE / Float.BYTES) {
      throw tooBig(n);
    }
    long bytes = IdleBlocks.sizeClass(Math.max(Float.BYTES, n * Float.BYTES));
    IdleBlocks.Block block = IdleBlocks.SHARED.take(bytes);
    if (block == null) {
      block = newBlock(bytes, n);
    }
    FloatPointer p = new FloatPointer(new Address(block.address())).capacity(n).limit(n);
    return new Buffer(p, CLEANER.register(p, new GiveBack(block)));
  }

  /** A block of {@code bytes} from the system: huge pages from a megabyte, else {@code malloc}. */
  private static IdleBlocks.Block newBlock(long bytes, long n) {
    HugePages.Mapping m = HugePages.map(bytes);
    if (m != null) {
      return new IdleBlocks.Block(m.address(), bytes, m::unmap);
    }
    Pointer raw = Pointer.malloc(bytes);
    if (raw == null || raw.isNull()) {
      throw tooBig(n);
    }
    return new IdleBlocks.Block(raw.address(), bytes, new Free(raw));
  }

  private static OutOfMemoryError tooBig(long n) {
    return new OutOfMemoryError(
        "the native memory has no room for " + n + " floats (" + bytesText(n * Float.BYTES) + ")");
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

  /** A JavaCPP pointer to an address that JavaCPP did not allocate. */
  private static final class Address extends Pointer {
    Address(long address) {
      this.address = address;
    }
  }

  /** Hands a buffer's block to the idle blocks; refers to the block only, not to the buffer. */
  private record GiveBack(IdleBlocks.Block block) implements Runnable {
    @Override
    public void run() {
      IdleBlocks.SHARED.giveBack(block);
    }
  }

  /** Frees one allocation; refers to the raw pointer only, so that its owner can be collected. */
  private record Free(Pointer raw) implements Runnable {
    @Override
    public void run() {
      Pointer.free(raw);
    }
  }
}
