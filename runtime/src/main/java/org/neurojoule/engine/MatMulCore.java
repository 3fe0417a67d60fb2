package org.neurojoule.engine;

import org.neurojoule.engine.spi.Mat;

/**
 * Rows × weights on the chosen {@link Gemm}. With many rows, each engine thread runs its own
 * pipeline over blocks of rows: fill A (im2col, or copy the input rows), multiply on that thread,
 * then the epilogue (bias, activation, fused layers, |x| sums) on the block while it is in cache.
 * With few rows (dense layers at small batches) A is filled once and the multiply is split by
 * columns. Buffers are allocated once per run; the hot loop allocates nothing but a few views.
 */
final class MatMulCore {
  /** Writes rows [row0, row0 + rows) of A, each {@code k} values, to {@code dst[off...]}. */
  @FunctionalInterface
  interface RowFiller {
    void fill(int row0, int rows, float[] dst, int off);
  }

  /** Floats of A per block and thread (tunable: {@code -Dneurojoule.blockFloats}). */
  static final int BLOCK_FLOATS = Integer.getInteger("neurojoule.blockFloats", 1 << 20);

  static final int MAX_BLOCK_ROWS = Integer.getInteger("neurojoule.maxBlockRows", 128);

  /** With profiling: nanoseconds in fill, multiply, epilogue, summed over threads. */
  static final long[] PHASES = new long[3];

  final int k;
  final int n;
  private Gemm gemm;
  private Mat b;
  private Mat a;
  private Mat c;
  private float[][] tmp;
  private int blockRows;
  private int threads;

  MatMulCore(int k, int n) {
    this.k = k;
    this.n = n;
  }

  /** Prepares for up to {@code maxRows} rows with weights {@code kernel} (k × n, row-major). */
  void prepare(Ctx ctx, float[] kernel, long maxRows) {
    close();
    gemm = ctx.gemm;
    b = gemm.constant(kernel);
    threads = Parallel.THREADS;
    blockRows = Math.max(8, Math.min(MAX_BLOCK_ROWS, BLOCK_FLOATS / Math.max(k, 1)));
    blockRows = (int) Math.min(blockRows, Math.max(1, (maxRows + threads - 1) / threads));
    // Checked in long: a Java multiply holds each in one array, and offsets are ints.
    Buffers.requireFloats((long) threads * blockRows * k, "the multiply's input blocks");
    Buffers.requireFloats((long) threads * blockRows * n, "the multiply's output blocks");
    a = gemm.allocate((long) threads * blockRows * k);
    c = gemm.allocate((long) threads * blockRows * n);
    tmp = new float[threads][blockRows * k];
  }

  /**
   * Computes {@code rows} output rows into {@code out}: A from {@code direct} (rows × k, when the
   * input already is the matrix) or else from {@code filler}.
   */
  void run(int rows, float[] direct, RowFiller filler, float[] out, Epilogue epi) {
    int span = threads * blockRows;
    if (rows >= span) {
      Parallel.forParts(
          rows,
          blockRows,
          (part, from, to) -> {
            double[] sums = epi.newSums();
            long aOff = (long) part * blockRows * k;
            long cOff = (long) part * blockRows * n;
            float[] scratch = tmp[part];
            for (int r = from; r < to; r += blockRows) {
              int rr = Math.min(blockRows, to - r);
              long t0 = Forward.PROFILE ? System.nanoTime() : 0;
              fill(direct, filler, r, rr, scratch, aOff);
              long t1 = Forward.PROFILE ? System.nanoTime() : 0;
              gemm.multiply(rr, n, k, a, aOff, b, c, cOff);
              long t2 = Forward.PROFILE ? System.nanoTime() : 0;
              c.get(cOff, out, r * n, rr * n);
              epi.process(out, r * n, rr, n, sums);
              if (Forward.PROFILE) {
                long t3 = System.nanoTime();
                synchronized (PHASES) {
                  PHASES[0] += t1 - t0;
                  PHASES[1] += t2 - t1;
                  PHASES[2] += t3 - t2;
                }
              }
            }
            epi.merge(sums);
          });
      return;
    }
    // Few rows: in chunks of at most `span` rows, fill A in parallel, split the multiply by
    // columns, then run the epilogue in parallel over rows.
    for (int r0 = 0; r0 < rows; r0 += span) {
      int rc = Math.min(span, rows - r0);
      int base = r0;
      Parallel.forParts(
          rc,
          1,
          (part, from, to) -> {
            float[] scratch = tmp[part];
            for (int r = from; r < to; r += blockRows) {
              int rr = Math.min(blockRows, to - r);
              fill(direct, filler, base + r, rr, scratch, (long) r * k);
            }
          });
      gemm.multiplyParallel(rc, n, k, a, 0, b, c, 0);
      Parallel.forRange(
          rc,
          8,
          (from, to) -> {
            double[] sums = epi.newSums();
            c.get((long) from * n, out, (base + from) * n, (to - from) * n);
            epi.process(out, (base + from) * n, to - from, n, sums);
            epi.merge(sums);
          });
    }
  }

  /** Fills rows [row, row + rr) of A into the buffer at {@code aOff}. */
  private void fill(float[] direct, RowFiller filler, int row, int rr, float[] scratch, long aOff) {
    if (direct != null) {
      a.put(aOff, direct, row * k, rr * k);
      return;
    }
    float[] heap = a.array();
    if (heap != null) {
      filler.fill(row, rr, heap, Math.toIntExact(aOff));
    } else {
      filler.fill(row, rr, scratch, 0);
      a.put(aOff, scratch, 0, rr * k);
    }
  }

  void close() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
    if (c != null) {
      c.close();
    }
    a = null;
    b = null;
    c = null;
  }
}
