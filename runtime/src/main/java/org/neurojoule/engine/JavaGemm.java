package org.neurojoule.engine;

/**
 * Pure-Java SGEMM, the fallback when no native library loads: C rows are built in a small tile
 * (L1) from a B panel (L2), four k at a time, with an inner loop over columns that the JIT turns
 * into vector FMAs.
 */
final class JavaGemm extends Gemm {
  static final JavaGemm INSTANCE = new JavaGemm();
  private static final int NB = 512;
  private static final int KB = 128;

  @Override
  String name() {
    return "java";
  }

  @Override
  Mat allocate(long floats) {
    return new HeapMat(Buffers.floats(floats, "a matrix"));
  }

  @Override
  void multiply(int m, int n, int k, Mat a, long aOff, int lda, Mat b, long bOff, int ldb, Mat c,
      long cOff, int ldc) {
    kernel(a.array(), Math.toIntExact(aOff), lda, b.array(), Math.toIntExact(bOff), ldb,
        c.array(), Math.toIntExact(cOff), ldc, m, n, k);
  }

  static void kernel(float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co,
      int ldc, int m, int n, int k) {
    float[] t = new float[NB];
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

  /** A heap buffer. */
  static final class HeapMat extends Mat {
    final float[] data;

    HeapMat(float[] data) {
      this.data = data;
    }

    @Override
    long size() {
      return data.length;
    }

    @Override
    void put(long at, float[] src, int off, int len) {
      System.arraycopy(src, off, data, Math.toIntExact(at), len);
    }

    @Override
    void get(long at, float[] dst, int off, int len) {
      System.arraycopy(data, Math.toIntExact(at), dst, off, len);
    }

    @Override
    float[] array() {
      return data;
    }
  }
}
