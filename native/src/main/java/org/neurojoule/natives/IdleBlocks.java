package org.neurojoule.natives;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Freed native blocks kept for the next buffer of the same size, up to a capacity.
 *
 * <p>A fresh block costs a page fault on each first touch of its pages (15 µs per 4 KiB page on the
 * benchmark's virtual machine), and a pass freed and prepared again (a new model of the same
 * architecture, or {@code FiringRates.of} without a model's cache) asks for the same sizes: the
 * MNIST model's dense weights alone were 173 faults, most of its first call. A kept block's pages
 * are already mapped. The oldest blocks go back to the system when the idle total would pass the
 * capacity, {@code -Dneurojoule.nativeCacheMb} (default {@value #DEFAULT_MB} MiB; 0 keeps none).
 */
final class IdleBlocks {
  /** The idle bytes kept by default, in MiB. */
  static final long DEFAULT_MB = 256;

  /** Blocks from this size are kept; a smaller one comes from the C library's own free lists. */
  static final long MIN_BYTES = 64L << 10;

  /** A native block: its address, its usable size, and what gives it back to the system. */
  record Block(long address, long bytes, Runnable release) {}

  static final IdleBlocks SHARED =
      new IdleBlocks(Long.getLong("neurojoule.nativeCacheMb", DEFAULT_MB) << 20);

  private final long capacity;
  private final ArrayDeque<Block> idle = new ArrayDeque<>();
  private long idleBytes;

  IdleBlocks(long capacity) {
    this.capacity = Math.max(0, capacity);
  }

  /**
   * {@return the size class of a request: bytes rounded up to 64 KiB, or to 2 MiB where huge pages
   * map it, so that a block serves any request of its class; smaller requests as they are}
   */
  static long sizeClass(long bytes) {
    long unit = bytes >= HugePages.MIN_BYTES ? HugePages.PAGE : bytes >= MIN_BYTES ? MIN_BYTES : 1;
    return bytes > Long.MAX_VALUE - unit ? bytes : (bytes + unit - 1) / unit * unit;
  }

  /** {@return the most recently kept block of exactly {@code bytes}, or null} */
  synchronized Block take(long bytes) {
    if (bytes < MIN_BYTES) {
      return null; // never kept: no need to look
    }
    for (Iterator<Block> it = idle.descendingIterator(); it.hasNext(); ) {
      Block b = it.next();
      if (b.bytes() == bytes) {
        it.remove();
        idleBytes -= b.bytes();
        return b;
      }
    }
    return null;
  }

  /** Keeps {@code b} for reuse, giving the oldest blocks back while over the capacity. */
  void giveBack(Block b) {
    List<Block> released = new ArrayList<>();
    synchronized (this) {
      if (b.bytes() < MIN_BYTES || b.bytes() > capacity) {
        released.add(b);
      } else {
        idle.addLast(b);
        idleBytes += b.bytes();
        while (idleBytes > capacity) {
          Block old = idle.removeFirst();
          idleBytes -= old.bytes();
          released.add(old);
        }
      }
    }
    for (Block r : released) {
      r.release().run();
    }
  }

  /** {@return the bytes kept now (for tests)} */
  synchronized long idleBytes() {
    return idleBytes;
  }
}
