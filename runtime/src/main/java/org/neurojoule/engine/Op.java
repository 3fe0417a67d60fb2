package org.neurojoule.engine;

/** A layer's computation on a batch of {@code n} examples, channels last. */
abstract class Op {
  /** Called once per run with concrete per-example shapes, before any {@link #run}. */
  void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {}

  /**
   * Computes {@code n} examples: reads {@code in[i]} (one array per input, batch first), writes
   * {@code out}. An op that supports fusion applies {@code epi} to its rows (it then records the
   * |x| sums itself); others get null.
   */
  abstract void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi);

  /** Whether this op applies an {@link Epilogue} (and so can absorb element-wise layers). */
  boolean fuses() {
    return false;
  }

  /** The op's own stage (bias and activation) for a host, or null. */
  Stage ownStage() {
    return null;
  }

  /** Frees native buffers. */
  void close() {}
}
