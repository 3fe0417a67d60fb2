package org.neurojoule.natives;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Large native buffers mapped on their own and marked for the kernel's transparent huge pages.
 *
 * <p>Preparing a pass writes the reordered weights and the activations' buffers into fresh memory,
 * and every first touch of a 4 KiB page is a page fault. On the 2-vCPU virtual machine of the
 * benchmarks a fault cost about 15 µs, and preparing AlexNet's pass (about 100 MB of weights and
 * their staging copies) took 212 ms, most of it faulting. Where the kernel offers transparent huge
 * pages on request ({@code madvise}, Linux' usual setting), a 2 MiB page is one fault, and the same
 * pass took 23 ms (medians of 180). Memory the virtual machine's host has taken back costs more
 * either way (about 3 µs per KiB), which only reusing blocks avoids ({@link IdleBlocks}). Buffers
 * from {@value #MIN_BYTES} bytes are mapped with {@code mmap}, aligned to 2 MiB and given {@code
 * madvise(MADV_HUGEPAGE)}; smaller ones, other systems, or {@code -Dneurojoule.hugePages=false} use
 * {@code malloc}. Where the kernel refuses huge pages the mapping is an ordinary one.
 */
final class HugePages {
  private HugePages() {}

  /** Buffers from this size go on huge pages: a smaller one would waste most of a 2 MiB page. */
  static final long MIN_BYTES = 1L << 20;

  static final long PAGE = 2L << 20;

  private static final int PROT_READ = 1;
  private static final int PROT_WRITE = 2;
  private static final int MAP_PRIVATE = 2;
  private static final int MAP_ANONYMOUS = 0x20;
  private static final int MADV_HUGEPAGE = 14;

  /** The C library's mapping calls (Linux, 64-bit: {@code size_t} and {@code off_t} are long). */
  private interface LibC extends Library {
    Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    int munmap(Pointer addr, long length);

    int madvise(Pointer addr, long length, int advice);
  }

  private static final LibC LIBC = load();

  private static LibC load() {
    if (!Boolean.parseBoolean(System.getProperty("neurojoule.hugePages", "true"))
        || !Platform.isLinux()
        || !Platform.is64Bit()) {
      return null;
    }
    try {
      return Native.load("c", LibC.class);
    } catch (RuntimeException | LinkageError e) {
      Logger.getLogger(HugePages.class.getName())
          .log(Level.FINE, "no huge pages: the C library did not load through JNA", e);
      return null;
    }
  }

  /** A mapping: where it starts, how long it is, and the 2 MiB-aligned address handed out. */
  record Mapping(long base, long length, long address) {
    void unmap() {
      LIBC.munmap(new Pointer(base), length);
    }
  }

  /**
   * {@return a mapping of at least {@code bytes} bytes at a 2 MiB boundary, or null to use {@code
   * malloc}: too small, huge pages off, or the mapping failed}
   */
  static Mapping map(long bytes) {
    if (LIBC == null || bytes < MIN_BYTES || bytes > Long.MAX_VALUE / 2) {
      return null;
    }
    long rounded = (bytes + PAGE - 1) / PAGE * PAGE;
    // One page more than needed, so that a 2 MiB boundary falls inside with room after it.
    long length = rounded + PAGE;
    Pointer p = LIBC.mmap(null, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == null || Pointer.nativeValue(p) == -1L) {
      return null;
    }
    long base = Pointer.nativeValue(p);
    long address = (base + PAGE - 1) & -PAGE;
    // Refused (huge pages "never", an old kernel): the mapping still works, on small pages.
    LIBC.madvise(new Pointer(address), rounded, MADV_HUGEPAGE);
    return new Mapping(base, length, address);
  }
}
