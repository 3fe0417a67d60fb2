package org.neurojoule.engine;

import java.util.Arrays;
import java.util.List;
import org.neurojoule.layer.Padding;

/** Max or average pooling in 1 to 3 dimensions, with dense or dilated windows. */
final class PoolOp extends Op {
  final boolean max;
  final int rank;
  final List<Integer> pool;
  final List<Integer> strides;
  final List<Integer> dilation;
  final Padding padding;
  Window w;
  int c;

  PoolOp(
      boolean max,
      int rank,
      List<Integer> pool,
      List<Integer> strides,
      List<Integer> dilation,
      Padding padding) {
    this.max = max;
    this.rank = rank;
    this.pool = pool;
    this.strides = strides;
    this.dilation = dilation;
    this.padding = padding;
  }

  @Override
  void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
    w = new Window(rank, in[0], out, pool, strides, dilation, padding);
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
              // Tap t of an axis reads z0 + t * d: from the first tap at or past 0, while < n.
              int i0 = firstInside(z0, w.d[0]);
              int j0 = firstInside(y0, w.d[1]);
              int l0 = firstInside(x0, w.d[2]);
              int iEnd = endInside(z0, w.d[0], w.k[0], w.in[0]);
              int jEnd = endInside(y0, w.d[1], w.k[1], w.in[1]);
              int lEnd = endInside(x0, w.d[2], w.k[2], w.in[2]);
              for (int i = i0; i < iEnd; i++) {
                for (int j = j0; j < jEnd; j++) {
                  for (int l = l0; l < lEnd; l++) {
                    int ib =
                        (((b * w.in[0] + z0 + i * w.d[0]) * w.in[1] + y0 + j * w.d[1]) * w.in[2]
                                + x0
                                + l * w.d[2])
                            * c;
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
              if (count == 0) {
                // A dilated 'same' window whose taps all fall in the padding: no value, 0.
                Arrays.fill(out, ob, ob + c, 0f);
              } else if (max) {
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

  /** The first tap {@code t >= 0} with {@code start + t * d >= 0}. */
  static int firstInside(int start, int d) {
    return start >= 0 ? 0 : (-start + d - 1) / d;
  }

  /** One past the last tap {@code t < k} with {@code start + t * d < n}. */
  static int endInside(int start, int d, int k, int n) {
    if (start >= n) {
      return 0;
    }
    return Math.min(k, (n - 1 - start) / d + 1);
  }
}
