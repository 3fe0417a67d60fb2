package org.neurojoule.engine;

import org.neurojoule.engine.spi.Mat;

/**
 * Pure-Java SGEMM, the fallback when no native library loads. With a {@link GemmTile} (the Vector
 * API), B is packed into strips {@link GemmTile#nr()} columns wide (once per weight buffer from
 * {@link #constant}, which keeps the packing until it is written again); then, per block of {@code
 * kc} rows of B, each strip (in L1) meets every group of {@link GemmTile#mr()} rows of A (in L2) in
 * the tile, whose accumulators stay in registers. Without one, scalar code builds each C row in a
 * buffer in L1 from a block of B in L2, four k at a time, in a loop over columns that the JIT
 * vectorises (register tiles in scalar Java measured 2-3x slower than that here).
 */
final class JavaGemm extends Gemm {
  static final JavaGemm INSTANCE = new JavaGemm(GemmTile.best());

  /** Floats of one strip's block of B: 16 KB, half of the smallest L1 data cache. */
  private static final int PANEL_FLOATS = 4096;

  /** The scalar kernel's block of B: KB rows × NB columns. */
  private static final int NB = 512;

  private static final int KB = 128;

  /** The Vector API tile, or null for scalar code. */
  final GemmTile tile;

  private final int nr;
  private final int mr;
  private final int kc;
  private final ThreadLocal<Scratch> scratch;

  /** On {@code tile}, or scalar code if it is null. */
  JavaGemm(GemmTile tile) {
    this.tile = tile;
    this.nr = tile != null ? tile.nr() : 16;
    this.mr = tile != null ? tile.mr() : 1;
    this.kc = Math.max(16, PANEL_FLOATS / nr);
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(Math.max(mr * nr, NB)));
  }

  @Override
  String name() {
    return "java";
  }

  /** For reports: the tile's name, or {@code scalar}. */
  String kernelName() {
    return tile != null ? tile.name() : "scalar";
  }

  @Override
  Mat allocate(long floats) {
    return new HeapMat(Buffers.floats(floats, "a matrix"));
  }

  @Override
  Mat constant(float[] values) {
    return new WeightMat(values.clone());
  }

  @Override
  void multiply(
      int m,
      int n,
      int k,
      Mat a,
      long aOff,
      int lda,
      Mat b,
      long bOff,
      int ldb,
      Mat c,
      long cOff,
      int ldc) {
    if (m <= 0 || n <= 0) {
      return;
    }
    int bo = Math.toIntExact(bOff);
    if (tile == null) {
      scalar(
          a.array(),
          Math.toIntExact(aOff),
          lda,
          b.array(),
          bo,
          ldb,
          c.array(),
          Math.toIntExact(cOff),
          ldc,
          m,
          n,
          k,
          scratch.get().edge);
      return;
    }
    float[] packed = b instanceof WeightMat w ? w.packed(this, k, ldb, bo, n) : null;
    int packedOff = packed != null ? bo * k : 0;
    if (packed == null) {
      long floats = strips(n) * (long) nr * k;
      Buffers.requireFloats(floats, "the packed weights");
      packed = scratch.get().pack(floats);
      pack(b.array(), bo, ldb, k, n, packed);
    }
    kernel(
        a.array(),
        Math.toIntExact(aOff),
        lda,
        packed,
        packedOff,
        k,
        c.array(),
        Math.toIntExact(cOff),
        ldc,
        m,
        n);
  }

  @Override
  void multiplyParallel(int m, int n, int k, Mat a, long aOff, Mat b, Mat c, long cOff) {
    if ((long) m * n * k < 1 << 18 || Parallel.THREADS == 1) {
      multiply(m, n, k, a, aOff, b, c, cOff);
    } else if (m >= 64 * Parallel.THREADS) {
      Parallel.forRange(
          m,
          mr,
          (from, to) ->
              multiply(
                  to - from,
                  n,
                  k,
                  a,
                  aOff + (long) from * k,
                  k,
                  b,
                  0,
                  n,
                  c,
                  cOff + (long) from * n,
                  n));
    } else {
      // By whole strips, so that each part uses the weights' packing.
      Parallel.forRange(
          strips(n),
          1,
          (from, to) -> {
            int j0 = from * nr;
            int j1 = Math.min(n, to * nr);
            multiply(m, j1 - j0, k, a, aOff, k, b, j0, n, c, cOff + j0, n);
          });
    }
  }

  private int strips(int n) {
    return (n + nr - 1) / nr;
  }

  /** B (k × n at {@code b[bo]}, row stride ldb) into strips: strip s, row p at (s·k + p)·nr. */
  void pack(float[] b, int bo, int ldb, int k, int n, float[] dst) {
    for (int s = 0, strips = strips(n); s < strips; s++) {
      int j0 = s * nr;
      int w = Math.min(nr, n - j0);
      int d = s * k * nr;
      for (int p = 0; p < k; p++, d += nr) {
        System.arraycopy(b, bo + p * ldb + j0, dst, d, w);
        if (w < nr) {
          java.util.Arrays.fill(dst, d + w, d + nr, 0f);
        }
      }
    }
  }

  /** C (m × n at {@code c[co]}) = A · B, B packed from {@code bp[bpo]} with {@code k} rows. */
  private void kernel(
      float[] a,
      int ao,
      int lda,
      float[] bp,
      int bpo,
      int k,
      float[] c,
      int co,
      int ldc,
      int m,
      int n) {
    float[] edge = null;
    for (int p0 = 0; p0 < k; p0 += kc) {
      int kl = Math.min(kc, k - p0);
      boolean add = p0 > 0;
      for (int j0 = 0; j0 < n; j0 += nr) {
        int w = Math.min(nr, n - j0);
        int bo = bpo + j0 * k + p0 * nr;
        for (int i = 0; i < m; i += mr) {
          int rows = Math.min(mr, m - i);
          int aRow = ao + i * lda + p0;
          int cRow = co + i * ldc + j0;
          if (w == nr) {
            tile.tile(a, aRow, lda, bp, bo, c, cRow, ldc, rows, kl, add);
          } else {
            // The last, partial strip: through a full-width tile, then its valid columns.
            edge = edge != null ? edge : scratch.get().edge;
            for (int r = 0; r < rows && add; r++) {
              System.arraycopy(c, cRow + r * ldc, edge, r * nr, w);
            }
            tile.tile(a, aRow, lda, bp, bo, edge, 0, nr, rows, kl, add);
            for (int r = 0; r < rows; r++) {
              System.arraycopy(edge, r * nr, c, cRow + r * ldc, w);
            }
          }
        }
      }
    }
  }

  /** C = A · B in scalar code, each C row built in {@code t} (at least NB floats). */
  static void scalar(
      float[] a,
      int ao,
      int lda,
      float[] b,
      int bo,
      int ldb,
      float[] c,
      int co,
      int ldc,
      int m,
      int n,
      int k,
      float[] t) {
    for (int j0 = 0; j0 < n; j0 += NB) {
      int jl = Math.min(NB, n - j0);
      for (int k0 = 0; k0 < k; k0 += KB) {
        int kl = Math.min(KB, k - k0);
        for (int i = 0; i < m; i++) {
          int cRow = co + i * ldc + j0;
          if (k0 == 0) {
            java.util.Arrays.fill(t, 0, jl, 0f);
          } else {
            System.arraycopy(c, cRow, t, 0, jl);
          }
          int aRow = ao + i * lda + k0;
          int kk = 0;
          for (; kk + 4 <= kl; kk += 4) {
            float x0 = a[aRow + kk];
            float x1 = a[aRow + kk + 1];
            float x2 = a[aRow + kk + 2];
            float x3 = a[aRow + kk + 3];
            int b0 = bo + (k0 + kk) * ldb + j0;
            int b1 = b0 + ldb;
            int b2 = b1 + ldb;
            int b3 = b2 + ldb;
            for (int j = 0; j < jl; j++) {
              t[j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
            }
          }
          for (; kk < kl; kk++) {
            float x0 = a[aRow + kk];
            int b0 = bo + (k0 + kk) * ldb + j0;
            for (int j = 0; j < jl; j++) {
              t[j] += x0 * b[b0 + j];
            }
          }
          System.arraycopy(t, 0, c, cRow, jl);
        }
      }
    }
  }

  /** One thread's buffers, kept between calls. */
  private static final class Scratch {
    /** The last strip's tile, or the scalar kernel's C row. */
    final float[] edge;

    private float[] pack = new float[0];

    Scratch(int edgeFloats) {
      edge = new float[edgeFloats];
    }

    float[] pack(long floats) {
      if (pack.length < floats) {
        pack = new float[(int) floats];
      }
      return pack;
    }
  }

  /** A heap buffer. */
  static class HeapMat extends Mat {
    final float[] data;

    HeapMat(float[] data) {
      this.data = data;
    }

    @Override
    public long size() {
      return data.length;
    }

    @Override
    public void put(long at, float[] src, int off, int len) {
      System.arraycopy(src, off, data, Math.toIntExact(at), len);
    }

    @Override
    public void get(long at, float[] dst, int off, int len) {
      System.arraycopy(data, Math.toIntExact(at), dst, off, len);
    }

    @Override
    public float[] array() {
      return data;
    }
  }

  /**
   * Weights: a heap buffer that keeps its packing for one multiply's tile width and shape, made on
   * first use (by one thread while the others wait) and dropped when it is written.
   */
  static final class WeightMat extends HeapMat {
    private volatile Packing packing;

    WeightMat(float[] data) {
      super(data);
    }

    @Override
    public void put(long at, float[] src, int off, int len) {
      packing = null;
      super.put(at, src, off, len);
    }

    /**
     * The packing of all {@code k} rows and {@code ldb} columns, if columns [bo, bo + n) of row 0
     * start a strip and the buffer holds k × ldb; else null.
     */
    float[] packed(JavaGemm g, int k, int ldb, int bo, int n) {
      if (bo >= ldb || bo % g.nr != 0 || (long) k * ldb > data.length || bo + n > ldb) {
        return null;
      }
      Packing p = packing;
      if (p == null || p.nr != g.nr || p.k != k || p.ldb != ldb) {
        synchronized (this) {
          p = packing;
          if (p == null || p.nr != g.nr || p.k != k || p.ldb != ldb) {
            float[] dst = Buffers.floats((long) g.strips(ldb) * g.nr * k, "the packed weights");
            g.pack(data, 0, ldb, k, ldb, dst);
            p = new Packing(g.nr, k, ldb, dst);
            packing = p;
          }
        }
      }
      return p.data;
    }
  }

  private record Packing(int nr, int k, int ldb, float[] data) {}
}
