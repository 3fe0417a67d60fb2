package org.neurojoule.engine;

import java.util.Arrays;

/**
 * A grouped convolution on the pure-Java path: output channel {@code g * cout / groups + o} reads
 * only input channels {@code [g * cin / groups, (g + 1) * cin / groups)}. Computed directly (no
 * im2col): one im2col and multiply per group would copy the input once per group, which for a
 * depthwise layer (groups = cin) is a multiply of width one per channel.
 *
 * <p>The kernel is Keras' {@code (taps, cin / groups, cout)}: for a tap and an input channel of a
 * group, the group's filters are contiguous, so the inner loop runs over them. One output row (all
 * its positions and channels) at a time goes through the epilogue while it is in cache.
 */
final class GroupedConv {
  private final Window w;
  private final int cin;
  private final int cout;
  private final int groups;
  private final float[] kernel;

  GroupedConv(Window w, int cin, int cout, int groups, float[] kernel) {
    this.w = w;
    this.cin = cin;
    this.cout = cout;
    this.groups = groups;
    this.kernel = kernel;
  }

  /** Convolves {@code n} examples of {@code x} into {@code out}, then applies {@code epi}. */
  void run(int n, float[] x, float[] out, Epilogue epi) {
    int od = w.out[0];
    int oh = w.out[1];
    int rowLen = w.out[2] * cout;
    Parallel.forRange(
        n * od * oh,
        1,
        (from, to) -> {
          double[] sums = epi == null ? null : epi.newSums();
          float[] row = new float[rowLen];
          for (int r = from; r < to; r++) {
            int b = r / (od * oh);
            int z = (r / oh) % od;
            int y = r % oh;
            Arrays.fill(row, 0f);
            computeRow(x, b, z, y, row);
            if (epi != null) {
              epi.process(row, 0, w.out[2], cout, sums);
            }
            System.arraycopy(row, 0, out, r * rowLen, rowLen);
          }
          if (epi != null) {
            epi.merge(sums);
          }
        });
  }

  private void computeRow(float[] x, int b, int z, int y, float[] row) {
    int cig = cin / groups;
    int cog = cout / groups;
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
        int rowBase = (b * w.in[0] + zi) * w.in[1] + yi;
        for (int l = 0; l < w.k[2]; l++) {
          int tapBase = ((i * w.k[1] + j) * w.k[2] + l) * cig * cout;
          for (int xo = 0; xo < w.out[2]; xo++) {
            int xi = xo * w.s[2] - w.pad[2] + l * w.d[2];
            if (xi < 0 || xi >= w.in[2]) {
              continue;
            }
            int xBase = (rowBase * w.in[2] + xi) * cin;
            int oBase = xo * cout;
            if (cig == 1 && cog == 1) {
              // Depthwise: channel c reads channel c alone; one contiguous loop the JIT vectorizes.
              for (int c = 0; c < cout; c++) {
                row[oBase + c] += x[xBase + c] * kernel[tapBase + c];
              }
              continue;
            }
            for (int g = 0; g < groups; g++) {
              for (int ci = 0; ci < cig; ci++) {
                float v = x[xBase + g * cig + ci];
                int wb = tapBase + ci * cout + g * cog;
                int ob = oBase + g * cog;
                for (int o = 0; o < cog; o++) {
                  row[ob + o] += v * kernel[wb + o];
                }
              }
            }
          }
        }
      }
    }
  }
}
