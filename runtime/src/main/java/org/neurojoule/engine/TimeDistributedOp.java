package org.neurojoule.engine;

import java.util.Arrays;

/** A layer applied to every step of the time axis, the steps as extra examples. */
final class TimeDistributedOp extends Op {
  final Op inner;
  int steps;

  TimeDistributedOp(Op inner) {
    this.inner = inner;
  }

  @Override
  void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
    steps = in[0][0];
    int[][] stepIn = {Arrays.copyOfRange(in[0], 1, in[0].length)};
    inner.prepare(ctx, stepIn, Arrays.copyOfRange(out, 1, out.length), maxN * steps);
  }

  @Override
  void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
    // The inner layer sees example x step as its examples: number them so in the whole data,
    // so per-example state (a spiking layer's initial voltages) does not depend on batching.
    long first = ctx.firstExample;
    ctx.firstExample = first * steps;
    try {
      inner.run(ctx, n * steps, in, out, epi);
    } finally {
      ctx.firstExample = first;
    }
  }

  @Override
  boolean fuses() {
    return inner.fuses();
  }

  @Override
  Stage ownStage() {
    return inner.ownStage();
  }

  @Override
  void close() {
    inner.close();
  }
}
