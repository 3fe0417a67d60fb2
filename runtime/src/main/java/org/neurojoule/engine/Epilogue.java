package org.neurojoule.engine;

import java.nio.FloatBuffer;

/**
 * The element-wise tail a producing kernel applies to its output rows while they are in cache: its
 * own bias and activation, then any fused batch normalization and activation layers. After each
 * stage it adds up |value| for the tensor that stage produces, for firing rates, and counts its
 * exact zeros, for activation sparsity.
 *
 * <p>The rows go through a small per-thread scratch block starting at index 0, with per-channel
 * constants tiled to the block's length, so every loop indexes all its arrays alike and the JIT
 * vectorizes it (it does not for {@code v[off + i] + bias[i]}). After each stage one pass over the
 * block adds its |x| into double sums (each value converted exactly, so no float partial can
 * overflow) and counts its zeros.
 */
final class Epilogue {
  final Stage[] stages;
  final Node[] targets;

  /** Floats per scratch block (a whole number of rows; at least one row). */
  private static final int BLOCK = 8192;

  private volatile Tiles tiles;

  /** Per-channel constants repeated for a block's rows. */
  private static final class Tiles {
    final int c;
    final int rows;
    final float[][] bias;
    final float[][] scale;

    /** Tiles for blocks of up to {@code rows} rows of {@code c} channels. */
    Tiles(Stage[] stages, int c, int rows) {
      this.c = c;
      this.rows = rows;
      bias = new float[stages.length][];
      scale = new float[stages.length][];
      for (int s = 0; s < stages.length; s++) {
        bias[s] = tile(stages[s].bias);
        scale[s] = tile(stages[s].scale);
      }
    }

    private float[] tile(float[] v) {
      if (v == null) {
        return null;
      }
      float[] t = new float[rows * c];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(v, 0, t, r * c, c);
      }
      return t;
    }
  }

  /** A thread's scratch block. */
  private static final ThreadLocal<float[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new float[][] {new float[0]});

  Epilogue(Stage[] stages, Node[] targets) {
    this.stages = stages;
    this.targets = targets;
  }

  /**
   * Per-thread running sums, merged into the nodes by {@link #merge}: Σ|x| of each stage, then its
   * count of zeros (whole numbers, exact in double up to 2^53).
   */
  double[] newSums() {
    return new double[2 * stages.length];
  }

  /** Rows of {@code c} channels per block: fixed for {@code c}, so the sums' grouping is too. */
  private static int blockRows(int c) {
    return Math.max(1, BLOCK / c);
  }

  /**
   * Tiles for at least {@code rows} rows of {@code c} channels: no longer than the calls so far
   * needed (a narrow convolution passes one example's rows at a time), so a small model's first
   * call does not fill whole blocks of constants.
   */
  private Tiles tiles(int c, int rows) {
    Tiles t = tiles;
    if (t == null || t.c != c || t.rows < rows) {
      int grown = t != null && t.c == c ? Math.max(rows, Math.min(blockRows(c), 2 * t.rows)) : rows;
      t = new Tiles(stages, c, grown);
      tiles = t;
    }
    return t;
  }

  private static float[] scratch(int len) {
    float[][] s = SCRATCH.get();
    if (s[0].length < len) {
      s[0] = new float[len];
    }
    return s[0];
  }

  /** Applies every stage to {@code rows} rows of {@code c} values at {@code v[off...]}. */
  void process(float[] v, int off, int rows, int c, double[] sums) {
    process(null, 0, v, off, rows, c, sums);
  }

  /**
   * Reads {@code rows} rows of {@code c} values from {@code src} at {@code srcOff} (or, when {@code
   * src} is null, from {@code v[off...]}), applies every stage and writes them to {@code
   * v[off...]}.
   */
  void process(FloatBuffer src, int srcOff, float[] v, int off, int rows, int c, double[] sums) {
    int step = Math.min(blockRows(c), rows);
    Tiles t = tiles(c, step);
    float[] b = scratch(step * c);
    for (int r0 = 0; r0 < rows; r0 += step) {
      int rr = Math.min(step, rows - r0);
      int len = rr * c;
      int at = off + r0 * c;
      if (src != null) {
        src.get(srcOff + r0 * c, b, 0, len);
      } else {
        System.arraycopy(v, at, b, 0, len);
      }
      for (int s = 0; s < stages.length; s++) {
        stage(s, stages[s], t, b, len, rr, c);
        AbsSum.withZeros(b, 0, len, sums, s, stages.length + s);
      }
      System.arraycopy(b, 0, v, at, len);
    }
  }

  /** One stage on the block {@code b[0 .. len)}. */
  private static void stage(int s, Stage st, Tiles t, float[] b, int len, int rows, int c) {
    float[] tb = t.bias[s];
    switch (st.kind) {
      case BIAS_ACT -> {
        if (tb != null) {
          if (st.activation == org.neurojoule.layer.Activation.RELU) {
            for (int j = 0; j < len; j++) {
              b[j] = Math.max(b[j] + tb[j], 0f);
            }
            return;
          }
          for (int j = 0; j < len; j++) {
            b[j] = b[j] + tb[j];
          }
        }
        if (st.activation == org.neurojoule.layer.Activation.RELU) {
          for (int j = 0; j < len; j++) {
            b[j] = Math.max(b[j], 0f);
          }
          return;
        }
        Activations.apply(st.activation, b, 0, rows, c);
      }
      case AFFINE -> {
        float[] ts = t.scale[s];
        for (int j = 0; j < len; j++) {
          b[j] = b[j] * ts[j] + tb[j];
        }
      }
      case IDENTITY -> {}
      default -> st.apply(b, 0, rows, c);
    }
  }

  /** Each part's sums in the current run, added by {@link #finish} in a fixed order. */
  private final java.util.List<double[]> pending = new java.util.ArrayList<>();

  /** Keeps a thread's sums for {@link #finish}. */
  void merge(double[] sums) {
    synchronized (pending) {
      pending.add(sums.clone());
    }
  }

  /**
   * Adds the run's sums to the target nodes, smallest first: the totals then do not depend on which
   * thread finished first, so a rate is the same bit for bit on every run.
   */
  void finish() {
    synchronized (pending) {
      double[] column = new double[pending.size()];
      for (int s = 0; s < stages.length; s++) {
        long zeros = 0;
        for (int i = 0; i < column.length; i++) {
          column[i] = pending.get(i)[s];
          zeros += (long) pending.get(i)[stages.length + s];
        }
        java.util.Arrays.sort(column);
        for (double v : column) {
          targets[s].absSum += v;
        }
        targets[s].zeros += zeros;
      }
      pending.clear();
    }
  }
}
