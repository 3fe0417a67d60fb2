package org.neurojoule.engine;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The prepared forward passes of one model (oneDNN primitives, reordered weights, buffers), kept
 * between estimates so that estimating the same model on data of the same shape again pays no
 * setup.
 *
 * <p>A pass is reused for the same example shape, batch size and kernel path while no weights of
 * the model have changed. At most {@value #CAPACITY} idle passes are kept, the most recently used
 * first; a pass pushed out, or made stale by new weights, is closed at once. A pass in use belongs
 * to one thread: a thread that finds none idle prepares its own, so threads never share a buffer.
 * When the model is dropped, a {@link Cleaner} closes the idle passes (a pass does not refer to its
 * model, so it does not keep it reachable).
 */
public final class PreparedPasses {
  /** Idle passes kept per model: two serve two shapes or batch sizes used in turn. */
  static final int CAPACITY = 2;

  private static final Cleaner CLEANER = Cleaner.create();

  private final Idle idle = new Idle();
  private final AtomicLong preparations = new AtomicLong();

  /** An empty cache; the model's idle passes are closed when it becomes unreachable. */
  public PreparedPasses() {
    CLEANER.register(this, idle);
  }

  /** {@return how many passes were prepared through this cache (for tests and benchmarks)} */
  public long preparations() {
    return preparations.get();
  }

  /** What a pass was prepared for. */
  record Key(int[] example, int maxN, Gemm gemm, long weightsVersion) {
    boolean sameAs(Key k) {
      return Arrays.equals(example, k.example)
          && maxN == k.maxN
          && gemm == k.gemm
          && weightsVersion == k.weightsVersion;
    }
  }

  /** A pass for {@code key}: an idle one, or a new one from {@code prepare}; give it back. */
  Forward acquire(Key key, java.util.function.Supplier<Forward> prepare) {
    Forward f = idle.take(key);
    if (f != null) {
      f.reset();
      return f;
    }
    preparations.incrementAndGet();
    return prepare.get();
  }

  /** Keeps {@code f} for the next call with {@code key}, or closes it if it is stale or broken. */
  void release(Key key, Forward f, boolean intact) {
    if (!intact) {
      f.close();
    } else {
      idle.put(key, f);
    }
  }

  /** How many passes are idle now (for tests). */
  int idleCount() {
    return idle.size();
  }

  private record Entry(Key key, Forward pass) {}

  /** The idle passes; refers to no model, so that the cleaner can run. */
  private static final class Idle implements Runnable {
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private boolean closed;

    synchronized Forward take(Key key) {
      Forward found = null;
      for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
        Entry e = it.next();
        Key k = e.key;
        if (found == null && k.sameAs(key)) {
          found = e.pass;
          it.remove();
        } else if (k.weightsVersion < key.weightsVersion) {
          // Weights only move forwards: a pass made for older weights is never used again.
          e.pass.close();
          it.remove();
        }
      }
      return found;
    }

    synchronized void put(Key key, Forward f) {
      boolean stale =
          closed || entries.stream().anyMatch(e -> e.key.weightsVersion > key.weightsVersion);
      if (stale) {
        f.close();
        return;
      }
      entries.addFirst(new Entry(key, f));
      while (entries.size() > CAPACITY) {
        entries.removeLast().pass.close();
      }
    }

    synchronized int size() {
      return entries.size();
    }

    @Override
    public synchronized void run() {
      closed = true;
      for (Entry e : entries) {
        e.pass.close();
      }
      entries.clear();
    }
  }
}
