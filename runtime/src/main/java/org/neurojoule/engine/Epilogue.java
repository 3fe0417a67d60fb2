package org.neurojoule.engine;

import java.nio.FloatBuffer;

/**
 * The element-wise tail a producing kernel applies to its output rows while they are in cache:
 * its own bias and activation, then any fused batch normalization and activation layers. After
 * each stage it adds up |value| for the tensor that stage produces, for firing rates, and counts
 * its exact zeros, for activation sparsity.
 *
 * <p>The rows go through a small per-thread scratch block starting at index 0, with per-channel
 * constants tiled to the block's length, so every loop indexes all its arrays alike and the JIT
 * vectorizes it (it does not for {@code v[off + i] + bias[i]}). The |x| of each block go into
 * double sums before the next block.
 */
final class Epilogue {
  final Stage[] stages;
  final Node[] targets;

  /** Floats per scratch block (a whole number of rows; at least one row). */
  private static final int BLOCK = 8192;
  /**
   * Blocks added in float before the partial sums go into double: one, so each float partial
   * holds a single |value| and cannot overflow (16 values near 10^37 would).
   */
  private static final int FLUSH = 1;

  private volatile Tiles tiles;

  /** Per-channel constants repeated for a block's rows. */
  private static final class Tiles {
    final int c;
    final int rows;
    final float[][] bias;
    final float[][] scale;

    Tiles(Stage[] stages, int c) {
      this.c = c;
      this.rows = Math.max(1, BLOCK / c);
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

  /** A thread's scratch block and float partial sums. */
  private static final class Scratch {
    float[] block = new float[0];
    float[][] acc = new float[0][];
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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

  private Tiles tiles(int c) {
    Tiles t = tiles;
    if (t == null || t.c != c) {
      t = new Tiles(stages, c);
      tiles = t;
    }
    return t;
  }

  private Scratch scratch(int len) {
    Scratch s = SCRATCH.get();
    if (s.block.length < len) {
      s.block = new float[len];
    }
    if (s.acc.length < stages.length || (s.acc.length > 0 && s.acc[0].length < len)) {
      int n = Math.max(stages.length, s.acc.length);
      s.acc = new float[n][len];
    }
    for (int i = 0; i < stages.length; i++) {
      java.util.Arrays.fill(s.acc[i], 0, len, 0f);
    }
    return s;
  }

  /** Applies every stage to {@code rows} rows of {@code c} values at {@code v[off...]}. */
  void process(float[] v, int off, int rows, int c, double[] sums) {
    process(null, 0, v, off, rows, c, sums);
  }

  /**
   * Reads {@code rows} rows of {@code c} values from {@code src} at {@code srcOff} (or, when
   * {@code src} is null, from {@code v[off...]}), applies every stage and writes them to
   * {@code v[off...]}.
   */
  void process(FloatBuffer src, int srcOff, float[] v, int off, int rows, int c, double[] sums) {
    Tiles t = tiles(c);
    int blockLen = t.rows * c;
    Scratch sc = scratch(Math.min(blockLen, rows * c));
    float[] b = sc.block;
    float[][] acc = sc.acc;
    int pending = 0;
    int used = 0;
    for (int r0 = 0; r0 < rows; r0 += t.rows) {
      int rr = Math.min(t.rows, rows - r0);
      int len = rr * c;
      int at = off + r0 * c;
      if (src != null) {
        src.get(srcOff + r0 * c, b, 0, len);
      } else {
        System.arraycopy(v, at, b, 0, len);
      }
      for (int s = 0; s < stages.length; s++) {
        stage(s, stages[s], t, b, len, rr, c, acc[s]);
        sums[stages.length + s] += Zeros.of(b, 0, len);
      }
      System.arraycopy(b, 0, v, at, len);
      used = Math.max(used, len);
      if (++pending == FLUSH) {
        flush(acc, used, sums);
        pending = 0;
      }
    }
    if (pending > 0) {
      flush(acc, used, sums);
    }
  }

  private void flush(float[][] acc, int len, double[] sums) {
    for (int s = 0; s < stages.length; s++) {
      sums[s] += AbsSum.of(acc[s], 0, len);
      java.util.Arrays.fill(acc[s], 0, len, 0f);
    }
  }

  /** One stage on the block {@code b[0 .. len)}, adding |result| into {@code acc}. */
  private static void stage(int s, Stage st, Tiles t, float[] b, int len, int rows, int c,
      float[] acc) {
    float[] tb = t.bias[s];
    switch (st.kind) {
      case BIAS_ACT -> {
        if (tb != null) {
          if (st.activation == org.neurojoule.Activation.RELU) {
            for (int j = 0; j < len; j++) {
              float y = Math.max(b[j] + tb[j], 0f);
              b[j] = y;
              acc[j] += y;
            }
            return;
          }
          for (int j = 0; j < len; j++) {
            b[j] = b[j] + tb[j];
          }
        }
        if (st.activation == org.neurojoule.Activation.RELU) {
          for (int j = 0; j < len; j++) {
            float y = Math.max(b[j], 0f);
            b[j] = y;
            acc[j] += y;
          }
          return;
        }
        Activations.apply(st.activation, b, 0, rows, c);
      }
      case AFFINE -> {
        float[] ts = t.scale[s];
        for (int j = 0; j < len; j++) {
          float y = b[j] * ts[j] + tb[j];
          b[j] = y;
          acc[j] += Math.abs(y);
        }
        return;
      }
      case IDENTITY -> { }
      default -> st.apply(b, 0, rows, c);
    }
    for (int j = 0; j < len; j++) {
      acc[j] += Math.abs(b[j]);
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
   * Adds the run's sums to the target nodes, smallest first: the totals then do not depend on
   * which thread finished first, so a rate is the same bit for bit on every run.
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
