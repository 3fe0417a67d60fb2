package org.neurojoule.engine;

import org.neurojoule.Padding;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.Dense;

/**
 * How many synaptic operations one nonzero input value causes in the layer it feeds, per position
 * of one timestep's input: a spike times its fan-out.
 *
 * <p>Exact for dense layers (every output unit) and convolutions ({@code filters} times the output
 * positions whose window covers the input position, so strides, dilation and padding are counted
 * as they fall: a border pixel feeds fewer windows, padding feeds none). For any other layer with
 * connections the layer's connections are spread evenly over its input positions.
 */
final class FanOut {
  private FanOut() {}

  /**
   * The fan-out of each input position, or null where it is the same everywhere ({@link
   * #uniform}).
   */
  static long[] perPosition(Object spec, int[] inShape) {
    if (spec instanceof Conv c && c.padding() != Padding.CAUSAL) {
      return conv(c, inShape);
    }
    return null;
  }

  /** The fan-out of every position of a layer without an exact rule. */
  static double uniform(Object spec, long connections, long inputSize) {
    if (spec instanceof Dense d) {
      return d.units();
    }
    return inputSize == 0 ? 0 : (double) connections / inputSize;
  }

  private static long[] conv(Conv c, int[] in) {
    int rank = c.rank();
    long[][] cover = new long[rank][];
    for (int a = 0; a < rank; a++) {
      cover[a] = cover(in[a], c.kernelSize().get(a), c.strides().get(a),
          c.dilationRate().get(a), c.padding() == Padding.SAME);
    }
    int channels = in[rank];
    long size = channels;
    for (int a = 0; a < rank; a++) {
      size *= in[a];
    }
    long[] out = new long[Buffers.intSize(size, "the fan-out of a convolution's input")];
    int[] pos = new int[rank];
    for (int p = 0; p < out.length; p += channels) {
      long f = c.filters();
      for (int a = 0; a < rank; a++) {
        f *= cover[a][pos[a]];
      }
      java.util.Arrays.fill(out, p, p + channels, f);
      for (int a = rank - 1; a >= 0 && ++pos[a] == in[a]; a--) {
        pos[a] = 0;
      }
    }
    return out;
  }

  /** For each input index along one axis: how many output windows read it. */
  private static long[] cover(int n, int k, int s, int d, boolean same) {
    int span = (k - 1) * d + 1;
    int outLen = same ? (n + s - 1) / s : Math.max(0, (n - span) / s + 1);
    int padBefore = same ? Math.max(0, (outLen - 1) * s + span - n) / 2 : 0;
    long[] cover = new long[n];
    for (int o = 0; o < outLen; o++) {
      for (int j = 0; j < k; j++) {
        long x = (long) o * s - padBefore + (long) j * d;
        if (x >= 0 && x < n) {
          cover[(int) x]++;
        }
      }
    }
    return cover;
  }
}
