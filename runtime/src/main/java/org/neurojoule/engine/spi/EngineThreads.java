package org.neurojoule.engine.spi;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The engine's worker threads: splits loops across a small fixed pool of daemon threads (one per
 * core, or the system property {@code neurojoule.threads}); the calling thread runs the first part
 * itself. A {@link NativeKernels} provider uses them for its own copies (filling fresh native
 * memory is mostly the system mapping its pages, which goes faster on several threads).
 *
 * <p>Implementation only: part of the engine's service-provider interface, not of NeuroJoule's API.
 */
public final class EngineThreads {
  private EngineThreads() {}

  /** A loop body over [from, to). */
  @FunctionalInterface
  public interface Range {
    /** Runs the loop body over [from, to). */
    void run(int from, int to);
  }

  /** A loop body over [from, to) that knows which part (0 .. THREADS-1) it is. */
  @FunctionalInterface
  public interface Part {
    /** Runs part {@code part} of the loop body, over [from, to). */
    void run(int part, int from, int to);
  }

  /** The number of engine threads (the calling thread included). */
  public static final int THREADS =
      Math.max(
          1, Integer.getInteger("neurojoule.threads", Runtime.getRuntime().availableProcessors()));

  private static final ExecutorService POOL =
      THREADS <= 1
          ? null
          : Executors.newFixedThreadPool(
              THREADS - 1,
              new ThreadFactory() {
                private int count;

                @Override
                public synchronized Thread newThread(Runnable r) {
                  Thread t = new Thread(r, "neurojoule-engine-" + (++count));
                  t.setDaemon(true);
                  return t;
                }
              });

  /**
   * Runs {@code body} over [0, n) in up to {@link #THREADS} parts, each a multiple of {@code
   * grain}.
   */
  public static void forRange(int n, int grain, Range body) {
    forParts(n, grain, (part, from, to) -> body.run(from, to));
  }

  /** Like {@link #forRange}, telling each part its index (below {@link #THREADS}). */
  public static void forParts(int n, int grain, Part body) {
    int parts = Math.min(THREADS, Math.max(1, n / Math.max(1, grain)));
    if (parts <= 1 || Thread.currentThread().getName().startsWith("neurojoule-engine-")) {
      body.run(0, 0, n);
      return;
    }
    int per = (n + parts - 1) / parts;
    per = (per + grain - 1) / grain * grain;
    @SuppressWarnings("unchecked")
    Future<?>[] futures = new Future<?>[parts];
    int started = 0;
    for (int p = 1; p < parts; p++) {
      int from = p * per;
      int to = Math.min(n, from + per);
      if (from >= to) {
        break;
      }
      int part = p;
      futures[started++] = POOL.submit(() -> body.run(part, from, to));
    }
    Throwable failure = null;
    try {
      body.run(0, 0, Math.min(n, per));
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    for (int i = 0; i < started; i++) {
      try {
        futures[i].get();
      } catch (java.util.concurrent.ExecutionException e) {
        if (failure == null) {
          failure = e.getCause();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (failure == null) {
          failure = e;
        }
      }
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    } else if (failure instanceof Error err) {
      throw err;
    } else if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }
}
