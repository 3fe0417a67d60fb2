package org.neurojoule.engine;

import java.util.Arrays;
import java.util.List;
import org.neurojoule.layer.Padding;

/**
 * Spatial geometry of a window op on (D, H, W, C) with rank 1..3 mapped to the last axes.
 *
 * <p>Computed in long, then clipped to the taps that touch the input for some output position: with
 * 'same' padding a dilated kernel or a pool may be far larger than the input (legal in Keras; most
 * taps then fall in the padding and contribute nothing). After clipping every offset a kernel
 * computes lies within about twice the input extent, so the kernels' int arithmetic cannot wrap,
 * and a huge window costs no more than the input. The padding of a clipped window may be negative
 * (its first kept tap starts inside the input).
 */
final class Window {
  final int[] in = new int[3];
  final int[] out = new int[3];

  /** Kept taps per axis. */
  final int[] k = new int[3];

  final int[] s = new int[3];
  final int[] d = new int[3];
  final int[] pad = new int[3];

  /** The layer's own kernel size per axis, and the first of its taps kept. */
  final int[] full = new int[3];

  final int[] first = new int[3];

  /** Whether some tap was dropped; false keeps the layer's exact geometry. */
  final boolean clipped;

  /** Whether no tap ever touches the input (the output is the bias alone). */
  final boolean empty;

  Window(
      int rank,
      int[] inShape,
      int[] outShape,
      List<Integer> kernel,
      List<Integer> strides,
      List<Integer> dilation,
      Padding padding) {
    Arrays.fill(in, 1);
    Arrays.fill(out, 1);
    Arrays.fill(k, 1);
    Arrays.fill(s, 1);
    Arrays.fill(d, 1);
    Arrays.fill(full, 1);
    boolean anyClipped = false;
    boolean none = false;
    for (int i = 0; i < rank; i++) {
      int a = 3 - rank + i;
      in[a] = inShape[i];
      out[a] = outShape[i];
      s[a] = strides.get(i);
      full[a] = kernel.get(i);
      long dil = dilation == null ? 1 : dilation.get(i);
      long kk = full[a];
      long effective = (kk - 1) * dil + 1;
      long lastStart = (long) (out[a] - 1) * s[a];
      long p = padBefore(padding, lastStart + effective - in[a], effective);
      // Tap t reads positions o * s - p + t * dil: it touches [0, in) for some output o iff
      // t * dil > p - lastStart - 1 and t * dil < in + p.
      long lo = Math.max(0, Math.floorDiv(p - lastStart + dil - 1, dil));
      long hi = Math.min(kk - 1, Math.floorDiv(in[a] - 1 + p, dil));
      if (lo > hi) {
        // No tap ever touches the input: keep one tap, zero-weighted, always in the padding.
        none = true;
        anyClipped = true;
        first[a] = 0;
        k[a] = 1;
        d[a] = 1;
        pad[a] = checked(in[a] + lastStart, "padding");
        continue;
      }
      first[a] = (int) lo;
      k[a] = (int) (hi - lo + 1);
      d[a] = k[a] == 1 ? 1 : (int) dil;
      pad[a] = checked(p - lo * dil, "padding");
      anyClipped |= k[a] != full[a];
      checked(lastStart + (long) (k[a] - 1) * d[a] + Math.abs((long) pad[a]) + in[a], "window");
    }
    clipped = anyClipped;
    empty = none;
  }

  /**
   * The zeros before an axis: 'same' splits {@code total} (the odd one after, as TensorFlow),
   * 'causal' puts the whole window but one before (the right side then needs none).
   */
  private static long padBefore(Padding padding, long total, long effective) {
    switch (padding) {
      case SAME:
        return Math.max(total, 0) / 2;
      case CAUSAL:
        return effective - 1;
      default:
        return 0;
    }
  }

  private static int checked(long v, String what) {
    if (Math.abs(v) > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException(
          "the " + what + " of this window (" + v + ") is beyond what the engine can index");
    }
    return (int) v;
  }

  int outPixels() {
    return out[0] * out[1] * out[2];
  }

  int taps() {
    return k[0] * k[1] * k[2];
  }

  /**
   * The kept taps of a Keras kernel laid out {@code (k..., inner)} (inner = the values per tap,
   * such as cin * filters): {@code kernel} itself if nothing was clipped, zeros if no tap touches
   * the input.
   *
   * @throws IllegalArgumentException if {@code kernel} does not hold {@code full taps * inner}
   *     values (a second line of defence: the engine must never read past the weights)
   */
  float[] keptTaps(float[] kernel, long inner) {
    long need = (long) full[0] * full[1] * full[2] * inner;
    if (kernel.length != need) {
      throw new IllegalArgumentException(
          "its kernel holds "
              + kernel.length
              + " values, but"
              + " this input needs "
              + full[0]
              + "x"
              + full[1]
              + "x"
              + full[2]
              + "x"
              + inner
              + " = "
              + need);
    }
    if (!clipped) {
      return kernel;
    }
    int block = (int) inner;
    float[] kept = new float[taps() * block];
    if (empty) {
      return kept;
    }
    int pos = 0;
    for (int i = 0; i < k[0]; i++) {
      for (int j = 0; j < k[1]; j++) {
        long row = ((long) (first[0] + i) * full[1] + first[1] + j) * full[2] + first[2];
        System.arraycopy(kernel, (int) (row * block), kept, pos, k[2] * block);
        pos += k[2] * block;
      }
    }
    return kept;
  }
}
