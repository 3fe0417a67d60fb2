package org.neurojoule.engine;

/**
 * Event-driven accumulation for the spiking simulation: a convolution or dense layer whose input is
 * mostly zeros (spikes) adds, for each nonzero input value only, that value times its weights into
 * the outputs it reaches, so a spike costs its fan-out, not the whole layer. The sums are kept in
 * double and rounded once to float32 (the products of spikes and float32 weights are exact, so the
 * result is the exactly rounded sum, whatever the order), then the layer's bias and activation run
 * as the dense path's epilogue does. The same pass counts the synaptic events: each nonzero value's
 * fan-out from {@link org.neurojoule.layer.LayerSpec#fanOutPerPosition}.
 *
 * <p>{@link #of} gives one for an ungrouped, unclipped convolution or a dense layer with finite
 * weights (a zero input times an infinite weight is NaN on the dense path, nothing here), else
 * null.
 */
abstract class EventSynapses {
  /**
   * The input density (nonzero values over all values) up to which the event-driven path runs: the
   * dense path costs the layer's MACs at the matrix multiply's rate, this one each nonzero value's
   * fan-out at a scalar-to-short-vector rate, several times slower per MAC ({@code
   * -Dneurojoule.eventDensity}; 0 turns it off).
   */
  static final double MAX_DENSITY = densityProperty();

  private static double densityProperty() {
    String v = System.getProperty("neurojoule.eventDensity", "").trim();
    try {
      return v.isEmpty() ? 0.1 : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return 0.1;
    }
  }

  /** The most (input pixel, tap) pairs a convolution's event map holds. */
  private static final long MAX_PAIRS = 1 << 24;

  /** Values per example in and out (for a dense layer on rows: per row). */
  final int inSize;

  final int outSize;

  /** Each part's running sums ({@code outSize}), and each part's events. */
  private final double[][] acc;

  private final long[] partEvents = new long[Parallel.THREADS];

  EventSynapses(int inSize, int outSize) {
    this.inSize = inSize;
    this.outSize = outSize;
    this.acc = new double[Parallel.THREADS][outSize];
  }

  /** The event-driven form of {@code op} (prepared), or null where it does not apply. */
  static EventSynapses of(Op op) {
    if (MAX_DENSITY <= 0) {
      return null;
    }
    if (op instanceof ConvOp c
        && c.groups == 1
        && c.w != null
        && !c.w.clipped
        && !c.w.empty
        && (long) c.w.in[0] * c.w.in[1] * c.w.in[2] * c.w.taps() <= MAX_PAIRS
        && finite(c.weights)) {
      return new Conv(c.w, c.cin, c.cout, c.weights);
    }
    if (op instanceof DenseOp d && d.units > 0 && d.in > 0 && finite(d.weights)) {
      return new Dense(d.in, d.units, d.weights);
    }
    return null;
  }

  /** The weights in double, read once per product instead of widened each time. */
  static double[] widened(float[] w) {
    double[] d = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      d[i] = w[i];
    }
    return d;
  }

  private static boolean finite(float[] w) {
    for (float v : w) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Computes {@code rows} examples of {@code x} into {@code out}, then applies the layer's own
   * {@code stage} (bias and activation, as the dense path's epilogue does, or null), and returns
   * the synaptic events: the sum of {@code fan[p]} over the nonzero values at position {@code p} of
   * each example, or, with {@code fan} null, 0.
   */
  final long run(int rows, float[] x, float[] out, Stage stage, long[] fan) {
    java.util.Arrays.fill(partEvents, 0);
    // Enough rows per part that waking the second thread pays.
    int grain = Math.max(1, Math.min(rows, 65536 / Math.max(1, inSize)));
    int cols = columns();
    Parallel.forParts(
        rows,
        grain,
        (part, from, to) -> {
          double[] a = acc[part];
          long events = 0;
          for (int b = from; b < to; b++) {
            java.util.Arrays.fill(a, 0);
            int base = b * inSize;
            for (int p = 0; p < inSize; p++) {
              float v = x[base + p];
              if (v != 0) {
                add(p, v, a);
                if (fan != null) {
                  events += fan[p];
                }
              }
            }
            int o = b * outSize;
            for (int q = 0; q < outSize; q++) {
              out[o + q] = (float) a[q];
            }
            if (stage != null) {
              stage.apply(out, o, outSize / cols, cols);
            }
          }
          partEvents[part] = events;
        });
    long events = 0;
    for (long e : partEvents) {
      events += e;
    }
    return events;
  }

  /** Output channels: the width of the stage's rows. */
  abstract int columns();

  /** Adds input value {@code v} at position {@code p} times its weights into {@code a}. */
  abstract void add(int p, float v, double[] a);

  /** A convolution, channels last, on up to three spatial axes. */
  static final class Conv extends EventSynapses {
    private final int cin;
    private final int cout;
    private final double[] kernel;

    /**
     * Per input pixel q, from {@code first[q]} to {@code first[q + 1]}: the outputs it reaches,
     * each as the offset of its kernel tap's weights for input channel 0 ({@code weightAt}) and of
     * its output pixel ({@code outAt}).
     */
    private final int[] first;

    private final int[] weightAt;
    private final int[] outAt;

    Conv(Window w, int cin, int cout, float[] kernel) {
      super(w.in[0] * w.in[1] * w.in[2] * cin, w.outPixels() * cout);
      this.cin = cin;
      this.cout = cout;
      this.kernel = widened(kernel);
      int[][] taps = new int[3][];
      int[][] outs = new int[3][];
      int[][] from = new int[3][];
      for (int a = 0; a < 3; a++) {
        from[a] = new int[w.in[a] + 1];
        taps[a] = new int[w.in[a] * w.k[a]];
        outs[a] = new int[w.in[a] * w.k[a]];
        int n = 0;
        for (int c = 0; c < w.in[a]; c++) {
          from[a][c] = n;
          for (int k = 0; k < w.k[a]; k++) {
            // c = o * s - pad + k * d, for an output coordinate o in range.
            int num = c + w.pad[a] - k * w.d[a];
            if (num >= 0 && num % w.s[a] == 0 && num / w.s[a] < w.out[a]) {
              taps[a][n] = k;
              outs[a][n] = num / w.s[a];
              n++;
            }
          }
        }
        from[a][w.in[a]] = n;
      }
      int pixels = w.in[0] * w.in[1] * w.in[2];
      first = new int[pixels + 1];
      int total = 0;
      for (int q = 0; q < pixels; q++) {
        first[q] = total;
        int x = q % w.in[2];
        int y = (q / w.in[2]) % w.in[1];
        int z = q / (w.in[2] * w.in[1]);
        total +=
            (from[0][z + 1] - from[0][z])
                * (from[1][y + 1] - from[1][y])
                * (from[2][x + 1] - from[2][x]);
      }
      first[pixels] = total;
      weightAt = new int[total];
      outAt = new int[total];
      int at = 0;
      for (int q = 0; q < pixels; q++) {
        int x = q % w.in[2];
        int y = (q / w.in[2]) % w.in[1];
        int z = q / (w.in[2] * w.in[1]);
        for (int i = from[0][z]; i < from[0][z + 1]; i++) {
          for (int j = from[1][y]; j < from[1][y + 1]; j++) {
            for (int l = from[2][x]; l < from[2][x + 1]; l++) {
              int tap = (taps[0][i] * w.k[1] + taps[1][j]) * w.k[2] + taps[2][l];
              int pixel = (outs[0][i] * w.out[1] + outs[1][j]) * w.out[2] + outs[2][l];
              weightAt[at] = tap * cin * cout;
              outAt[at] = pixel * cout;
              at++;
            }
          }
        }
      }
    }

    @Override
    int columns() {
      return cout;
    }

    @Override
    void add(int p, float v, double[] a) {
      int q = p / cin;
      int channel = (p - q * cin) * cout;
      for (int k = first[q]; k < first[q + 1]; k++) {
        int wb = weightAt[k] + channel;
        int ob = outAt[k];
        for (int co = 0; co < cout; co++) {
          a[ob + co] += v * kernel[wb + co];
        }
      }
    }
  }

  /** A dense layer on the last axis: each row of {@code in} values is an example. */
  static final class Dense extends EventSynapses {
    private final int units;
    private final double[] kernel;

    Dense(int in, int units, float[] kernel) {
      super(in, units);
      this.units = units;
      this.kernel = widened(kernel);
    }

    @Override
    int columns() {
      return units;
    }

    @Override
    void add(int p, float v, double[] a) {
      int wb = p * units;
      for (int u = 0; u < units; u++) {
        a[u] += v * kernel[wb + u];
      }
    }
  }
}
