package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Padding;

/**
 * The narrow direct convolution against a plain loop that adds each (tap, input channel) product in
 * float, in the same order, reading zeros in the padding: the two must agree bit for bit, so adding
 * several products per pass over the accumulators changes no rate.
 */
class NarrowConvTest {
  @Test
  void mnistConvMatchesOneProductAtATimeExactly() {
    // 49 taps x 1 channel: twelve groups of four and one pair left over.
    check(new int[] {28, 28, 1}, 2, 7, 1, Padding.VALID);
  }

  @Test
  void severalChannelsSamePaddingAndDilationMatchExactly() {
    // 9 taps x 3 channels = 27 pairs: three left over; 3 x 3 x 2 = 18: two left over.
    check(new int[] {9, 8, 3}, 3, 3, 1, Padding.SAME);
    check(new int[] {10, 9, 2}, 1, 3, 2, Padding.SAME);
    check(new int[] {6, 7, 4}, 4, 2, 1, Padding.VALID);
  }

  private static void check(int[] in, int cout, int k, int dilation, Padding padding) {
    int cin = in[2];
    int eff = (k - 1) * dilation + 1;
    int oh = padding == Padding.SAME ? in[0] : in[0] - eff + 1;
    int ow = padding == Padding.SAME ? in[1] : in[1] - eff + 1;
    Window w =
        new Window(
            2,
            in,
            new int[] {oh, ow, cout},
            List.of(k, k),
            List.of(1, 1),
            List.of(dilation, dilation),
            padding);
    SplittableRandom r = new SplittableRandom(k * 31L + cout);
    float[] kernel = new float[k * k * cin * cout];
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] = (float) (r.nextDouble() - 0.5);
    }
    int n = 3;
    float[] x = new float[n * in[0] * in[1] * cin];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextDouble() * 2 - 0.7);
    }
    float[] out = new float[n * oh * ow * cout];
    new NarrowConv(w, cin, cout, kernel).run(n, x, out, null);

    int padTop = padding == Padding.SAME ? (eff - 1) / 2 : 0;
    int mismatches = 0;
    for (int b = 0; b < n; b++) {
      for (int y = 0; y < oh; y++) {
        for (int xo = 0; xo < ow; xo++) {
          for (int co = 0; co < cout; co++) {
            float acc = 0f;
            for (int i = 0; i < k; i++) {
              for (int j = 0; j < k; j++) {
                for (int ci = 0; ci < cin; ci++) {
                  int yi = y - padTop + i * dilation;
                  int xi = xo - padTop + j * dilation;
                  boolean inside = yi >= 0 && yi < in[0] && xi >= 0 && xi < in[1];
                  float v = inside ? x[((b * in[0] + yi) * in[1] + xi) * cin + ci] : 0f;
                  acc += v * kernel[((i * k + j) * cin + ci) * cout + co];
                }
              }
            }
            float got = out[((b * oh + y) * ow + xo) * cout + co];
            // Bit for bit, but +0 and -0 alike (the padding may add either).
            if (Float.floatToIntBits(got + 0f) != Float.floatToIntBits(acc + 0f)) {
              mismatches++;
            }
          }
        }
      }
    }
    assertThat(mismatches).isEqualTo(0);
  }
}
