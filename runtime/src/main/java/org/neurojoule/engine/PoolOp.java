package org.neurojoule.engine;

import java.util.Arrays;
import java.util.List;
import org.neurojoule.layer.Padding;

/** Max or average pooling in 1 to 3 dimensions. */
final class PoolOp extends Op {
  final boolean max;
  final int rank;
  final List<Integer> pool;
  final List<Integer> strides;
  final Padding padding;
  Window w;
  int c;

  PoolOp(boolean max, int rank, List<Integer> pool, List<Integer> strides, Padding padding) {
    this.max = max;
    this.rank = rank;
    this.pool = pool;
    this.strides = strides;
    this.padding = padding;
  }

  @Override
  void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
    w = new Window(rank, in[0], out, pool, strides, null, padding);
    c = in[0][rank];
  }

  @Override
  void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
    float[] x = in[0];
    int od = w.out[0];
    int oh = w.out[1];
    int ow = w.out[2];
    Parallel.forRange(
        n * od * oh,
        1,
        (from, to) -> {
          float[] acc = new float[c];
          // Each input pixel is copied to index 0 first: the JIT (Java 17) vectorizes a loop
          // whose arrays share one index, not acc[ch] vs x[ib + ch].
          float[] pixel = new float[c];
          for (int r = from; r < to; r++) {
            int b = r / (od * oh);
            int z = (r / oh) % od;
            int y = r % oh;
            for (int xo = 0; xo < ow; xo++) {
              Arrays.fill(acc, max ? Float.NEGATIVE_INFINITY : 0f);
              int count = 0;
              // Only the taps over the input: the padding adds nothing (and is not counted).
              int z0 = z * w.s[0] - w.pad[0];
              int y0 = y * w.s[1] - w.pad[1];
              int x0 = xo * w.s[2] - w.pad[2];
              int iEnd = Math.min(w.k[0], w.in[0] - z0);
              int jEnd = Math.min(w.k[1], w.in[1] - y0);
              int lEnd = Math.min(w.k[2], w.in[2] - x0);
              for (int i = Math.max(0, -z0); i < iEnd; i++) {
                for (int j = Math.max(0, -y0); j < jEnd; j++) {
                  for (int l = Math.max(0, -x0); l < lEnd; l++) {
                    int ib = (((b * w.in[0] + z0 + i) * w.in[1] + y0 + j) * w.in[2] + x0 + l) * c;
                    count++;
                    System.arraycopy(x, ib, pixel, 0, c);
                    if (max) {
                      for (int ch = 0; ch < c; ch++) {
                        acc[ch] = Math.max(acc[ch], pixel[ch]);
                      }
                    } else {
                      for (int ch = 0; ch < c; ch++) {
                        acc[ch] += pixel[ch];
                      }
                    }
                  }
                }
              }
              int ob = (r * ow + xo) * c;
              if (max) {
                System.arraycopy(acc, 0, out, ob, c);
              } else {
                float inv = 1f / count;
                for (int ch = 0; ch < c; ch++) {
                  out[ob + ch] = acc[ch] * inv;
                }
              }
            }
          }
        });
  }
}
