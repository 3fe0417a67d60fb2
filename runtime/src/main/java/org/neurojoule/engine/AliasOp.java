package org.neurojoule.engine;

/** Flatten, Reshape, Dropout: the same values; the engine shares the input's buffer. */
final class AliasOp extends Op {
  @Override
  void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
    // Nothing: the output buffer is the input buffer.
  }
}
