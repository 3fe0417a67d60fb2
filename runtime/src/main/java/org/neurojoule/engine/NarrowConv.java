package org.neurojoule.engine;

import java.util.Arrays;

/**
 * A direct convolution for layers with very few output channels, such as the MNIST model's {@code
 * conv2d(2, 7)}. A matrix multiply (im2col and GEMM, or oneDNN, which pads the output channels to a
 * full vector) wastes most of its work when there are only one to four outputs per pixel: oneDNN
 * measured 3.4 GFLOP/s on that layer.
 *
 * <p>With unit strides, each example is copied channel-planar into a zero-padded volume; the output
 * is then accumulated over the whole flattened volume at once, one multiply-add loop per tap, input
 * channel and filter, whose input is the volume shifted by the tap's offset. The loops are long and
 * contiguous, so the JIT vectorizes them; the positions that fall in the padding columns are
 * computed and dropped. Strided convolutions gather the input under each output row instead.
 */
final class NarrowConv {
  /** The most output channels this kernel is chosen for. */
  static final int MAX_OUTPUTS = 4;

  /** The fewest multiply-adds worth handing to another thread. */
  private static final long MIN_WORK = 500_000;

  private final Window w;
  private final int cin;
  private final int cout;
  private final float[] kernel;

  NarrowConv(Window w, int cin, int cout, float[] kernel) {
    this.w = w;
    this.cin = cin;
    this.cout = cout;
    this.kernel = kernel;
  }

  /** Whether this kernel's per-thread buffers for {@code w} fit in arrays (checked in long). */
  static boolean fits(Window w, int cin, int cout) {
    long volume = 1;
    long span = 0;
    long plane = 1;
    for (int a = 2; a >= 0; a--) {
      long eff = (long) (w.k[a] - 1) * w.d[a] + 1;
      long p = Math.max(w.in[a], w.out[a] + eff - 1);
      span += (w.out[a] - 1) * plane;
      plane *= p;
      volume *= p;
    }
    span += 1;
    return cin * volume <= Buffers.MAX_ARRAY
        && cout * span <= Buffers.MAX_ARRAY
        && (long) w.taps() * cin * cout <= Buffers.MAX_ARRAY;
  }

  /** Convolves {@code n} examples of {@code x} into {@code out}, then applies {@code epi}. */
  void run(int n, float[] x, float[] out, Epilogue epi) {
    if (w.s[0] == 1 && w.s[1] == 1 && w.s[2] == 1) {
      runPlanar(n, x, out, epi);
    } else {
      runRows(n, x, out, epi);
    }
  }

  private void runPlanar(int n, float[] x, float[] out, Epilogue epi) {
    int[] p = new int[3];
    int[] left = new int[3];
    for (int a = 0; a < 3; a++) {
      int eff = (w.k[a] - 1) * w.d[a] + 1;
      p[a] = Math.max(w.in[a], w.out[a] + eff - 1);
      left[a] = w.pad[a];
    }
    int plane = p[1] * p[2];
    int volume = p[0] * plane;
    // The flattened index just past the last output position.
    int span = (w.out[0] - 1) * plane + (w.out[1] - 1) * p[2] + w.out[2];
    int pixels = w.outPixels();
    int taps = w.taps();
    int[] offsets = new int[taps];
    for (int i = 0; i < w.k[0]; i++) {
      for (int j = 0; j < w.k[1]; j++) {
        for (int l = 0; l < w.k[2]; l++) {
          offsets[(i * w.k[1] + j) * w.k[2] + l] =
              i * w.d[0] * plane + j * w.d[1] * p[2] + l * w.d[2];
        }
      }
    }
    int inPixels = w.in[0] * w.in[1] * w.in[2];
    // Waking a second thread costs tens of microseconds: split only work worth more.
    long perExample = (long) cout * taps * cin * span;
    int grain = (int) Math.max(1, Math.min(n, MIN_WORK / Math.max(1, perExample)));
    Parallel.forRange(
        n,
        grain,
        (from, to) -> {
          double[] sums = epi == null ? null : epi.newSums();
          float[] padded = new float[cin * volume];
          float[][] acc = new float[cout][span];
          float[][] shifted = new float[GROUP][span];
          for (int b = from; b < to; b++) {
            int base = b * inPixels * cin;
            for (int z = 0; z < w.in[0]; z++) {
              for (int y = 0; y < w.in[1]; y++) {
                int src = base + ((z * w.in[1] + y) * w.in[2]) * cin;
                int dst = (z + left[0]) * plane + (y + left[1]) * p[2] + left[2];
                if (cin == 1) {
                  System.arraycopy(x, src, padded, dst, w.in[2]);
                  continue;
                }
                for (int ci = 0; ci < cin; ci++) {
                  int at = ci * volume + dst;
                  for (int xi = 0; xi < w.in[2]; xi++) {
                    padded[at + xi] = x[src + xi * cin + ci];
                  }
                }
              }
            }
            for (float[] a : acc) {
              Arrays.fill(a, 0f);
            }
            accumulate(padded, volume, offsets, span, acc, shifted);
            int outBase = b * pixels * cout;
            int o = outBase;
            for (int z = 0; z < w.out[0]; z++) {
              for (int y = 0; y < w.out[1]; y++) {
                o = interleave(acc, z * plane + y * p[2], w.out[2], out, o);
              }
            }
            if (epi != null) {
              epi.process(out, outBase, pixels, cout, sums);
            }
          }
          if (epi != null) {
            epi.merge(sums);
          }
        });
  }

  /** Writes {@code len} positions of every accumulator from {@code from} on, channels last. */
  private int interleave(float[][] acc, int from, int len, float[] out, int o) {
    if (cout == 1) {
      System.arraycopy(acc[0], from, out, o, len);
      return o + len;
    }
    for (int co = 0; co < cout; co++) {
      float[] a = acc[co];
      for (int xo = 0, at = o + co; xo < len; xo++, at += cout) {
        out[at] = a[from + xo];
      }
    }
    return o + len * cout;
  }

  /** The (tap, input channel) pairs added per pass over the accumulators. */
  private static final int GROUP = 4;

  /**
   * Adds every tap and input channel of one padded example into {@code acc}, four (tap, channel)
   * pairs per pass: each accumulator is then loaded and stored once per four products instead of
   * once per product. The products are still added one by one in (tap, channel) order, so the sums
   * are the same, bit for bit, as one pass per pair.
   */
  private void accumulate(
      float[] padded, int volume, int[] offsets, int span, float[][] acc, float[][] shifted) {
    int pairs = offsets.length * cin;
    float[] s0 = shifted[0];
    float[] s1 = shifted[1];
    float[] s2 = shifted[2];
    float[] s3 = shifted[3];
    int g = 0;
    for (; g + GROUP <= pairs; g += GROUP) {
      // Copies that start at 0, so that all arrays of the loops below share one index: the JIT
      // (Java 17) vectorizes that, not a[q] += b[src + q] * k.
      for (int i = 0; i < GROUP; i++) {
        int pair = g + i;
        System.arraycopy(padded, (pair % cin) * volume + offsets[pair / cin], shifted[i], 0, span);
      }
      for (int co = 0; co < cout; co++) {
        float k0 = kernel[g * cout + co];
        float k1 = kernel[(g + 1) * cout + co];
        float k2 = kernel[(g + 2) * cout + co];
        float k3 = kernel[(g + 3) * cout + co];
        float[] a = acc[co];
        for (int q = 0; q < span; q++) {
          a[q] = a[q] + s0[q] * k0 + s1[q] * k1 + s2[q] * k2 + s3[q] * k3;
        }
      }
    }
    for (; g < pairs; g++) {
      System.arraycopy(padded, (g % cin) * volume + offsets[g / cin], s0, 0, span);
      for (int co = 0; co < cout; co++) {
        float k = kernel[g * cout + co];
        float[] a = acc[co];
        for (int q = 0; q < span; q++) {
          a[q] += s0[q] * k;
        }
      }
    }
  }

  private void runRows(int n, float[] x, float[] out, Epilogue epi) {
    int rows = n * w.out[0] * w.out[1];
    int ow = w.out[2];
    long perRow = (long) cout * w.taps() * cin * ow;
    int grain = (int) Math.max(1, Math.min(rows, MIN_WORK / Math.max(1, perRow)));
    Parallel.forRange(
        rows,
        grain,
        (from, to) -> {
          double[] sums = epi == null ? null : epi.newSums();
          float[] acc = new float[cout * ow];
          float[] gathered = new float[ow];
          float[] row = new float[ow * cout];
          for (int r = from; r < to; r++) {
            computeRow(x, r, acc, gathered);
            for (int xo = 0; xo < ow; xo++) {
              for (int co = 0; co < cout; co++) {
                row[xo * cout + co] = acc[co * ow + xo];
              }
            }
            if (epi != null) {
              epi.process(row, 0, ow, cout, sums);
            }
            System.arraycopy(row, 0, out, r * ow * cout, ow * cout);
          }
          if (epi != null) {
            epi.merge(sums);
          }
        });
  }

  /** Output row {@code r} (example, depth, height) into {@code acc[co * ow + xo]}. */
  private void computeRow(float[] x, int r, float[] acc, float[] g) {
    int od = w.out[0];
    int oh = w.out[1];
    int ow = w.out[2];
    int b = r / (od * oh);
    int z = (r / oh) % od;
    int y = r % oh;
    Arrays.fill(acc, 0f);
    for (int i = 0; i < w.k[0]; i++) {
      int zi = z * w.s[0] - w.pad[0] + i * w.d[0];
      if (zi < 0 || zi >= w.in[0]) {
        continue;
      }
      for (int j = 0; j < w.k[1]; j++) {
        int yi = y * w.s[1] - w.pad[1] + j * w.d[1];
        if (yi < 0 || yi >= w.in[1]) {
          continue;
        }
        int rowBase = ((b * w.in[0] + zi) * w.in[1] + yi) * w.in[2];
        for (int l = 0; l < w.k[2]; l++) {
          int tap = (i * w.k[1] + j) * w.k[2] + l;
          for (int ci = 0; ci < cin; ci++) {
            gather(x, rowBase, l, ci, g);
            int wb = (tap * cin + ci) * cout;
            for (int co = 0; co < cout; co++) {
              float k = kernel[wb + co];
              int ab = co * ow;
              for (int xo = 0; xo < ow; xo++) {
                acc[ab + xo] += g[xo] * k;
              }
            }
          }
        }
      }
    }
  }

  /** The input values of channel {@code ci} under kernel column {@code l}, zero in the padding. */
  private void gather(float[] x, int rowBase, int l, int ci, float[] g) {
    int ow = g.length;
    int iw = w.in[2];
    int step = w.s[2] * cin;
    int xi0 = l * w.d[2] - w.pad[2];
    if (step == 1 && xi0 >= 0 && xi0 + ow <= iw) {
      System.arraycopy(x, rowBase + xi0, g, 0, ow);
      return;
    }
    for (int xo = 0; xo < ow; xo++) {
      int xi = xo * w.s[2] + xi0;
      g[xo] = xi < 0 || xi >= iw ? 0f : x[(rowBase + xi) * cin + ci];
    }
  }
}
