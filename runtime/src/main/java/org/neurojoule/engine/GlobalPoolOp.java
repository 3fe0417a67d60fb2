package org.neurojoule.engine;

import java.util.Arrays;

/** Global max or average pooling over all spatial axes. */
final class GlobalPoolOp extends Op {
  final boolean max;
  int spatial;
  int c;

  GlobalPoolOp(boolean max) {
    this.max = max;
  }

  @Override
  void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
    int[] s = in[0];
    c = s[s.length - 1];
    spatial = (int) Buffers.prod(s, 0, s.length - 1);
  }

  @Override
  void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
    float[] x = in[0];
    Parallel.forRange(
        n,
        1,
        (from, to) -> {
          double[] acc = new double[c];
          for (int b = from; b < to; b++) {
            int ob = b * c;
            if (max) {
              Arrays.fill(out, ob, ob + c, Float.NEGATIVE_INFINITY);
            } else {
              Arrays.fill(acc, 0);
            }
            for (int p = 0; p < spatial; p++) {
              int ib = (b * spatial + p) * c;
              if (max) {
                for (int ch = 0; ch < c; ch++) {
                  out[ob + ch] = Math.max(out[ob + ch], x[ib + ch]);
                }
              } else {
                for (int ch = 0; ch < c; ch++) {
                  acc[ch] += x[ib + ch];
                }
              }
            }
            if (!max) {
              for (int ch = 0; ch < c; ch++) {
                out[ob + ch] = (float) (acc[ch] / spatial);
              }
            }
          }
        });
  }
}
