package org.neurojoule.engine;

import org.neurojoule.engine.spi.EngineThreads;

/**
 * Splits loops across the engine's threads ({@link EngineThreads}: one per core, or the system
 * property {@code neurojoule.threads}); the calling thread runs the first part itself.
 */
final class Parallel {
  private Parallel() {}

  /** A loop body over [from, to). */
  @FunctionalInterface
  interface Range extends EngineThreads.Range {}

  /** A loop body over [from, to) that knows which part (0 .. THREADS-1) it is. */
  @FunctionalInterface
  interface Part extends EngineThreads.Part {}

  static final int THREADS = EngineThreads.THREADS;

  /** Runs {@code body} over [0, n) in up to {@link #THREADS} parts, multiples of {@code grain}. */
  static void forRange(int n, int grain, Range body) {
    EngineThreads.forRange(n, grain, body);
  }

  /** Like {@link #forRange}, telling each part its index (below {@link #THREADS}). */
  static void forParts(int n, int grain, Part body) {
    EngineThreads.forParts(n, grain, body);
  }
}
