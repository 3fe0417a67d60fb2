package org.neurojoule.engine;

/**
 * {@link GemmTile} in plain Java: each C row is built in a 16-wide accumulator, four k at a time,
 * in loops over the strip's columns that the JIT turns into vector instructions.
 */
final class ScalarGemmTile extends GemmTile {
  static final ScalarGemmTile INSTANCE = new ScalarGemmTile();
  private static final int NR = 16;

  @Override
  int mr() {
    return 4;
  }

  @Override
  int nr() {
    return NR;
  }

  @Override
  String name() {
    return "scalar";
  }

  @Override
  void tile(float[] a, int ao, int lda, float[] bp, int bo, float[] c, int co, int ldc,
      int rows, int kc, boolean add) {
    float[] t = new float[NR];
    for (int r = 0; r < rows; r++) {
      int cRow = co + r * ldc;
      if (add) {
        System.arraycopy(c, cRow, t, 0, NR);
      } else {
        java.util.Arrays.fill(t, 0f);
      }
      int aRow = ao + r * lda;
      int p = 0;
      for (; p + 4 <= kc; p += 4) {
        float x0 = a[aRow + p];
        float x1 = a[aRow + p + 1];
        float x2 = a[aRow + p + 2];
        float x3 = a[aRow + p + 3];
        int b0 = bo + p * NR;
        for (int j = 0; j < NR; j++) {
          t[j] += x0 * bp[b0 + j] + x1 * bp[b0 + NR + j] + x2 * bp[b0 + 2 * NR + j]
              + x3 * bp[b0 + 3 * NR + j];
        }
      }
      for (; p < kc; p++) {
        float x = a[aRow + p];
        int b0 = bo + p * NR;
        for (int j = 0; j < NR; j++) {
          t[j] += x * bp[b0 + j];
        }
      }
      System.arraycopy(t, 0, c, cRow, NR);
    }
  }
}
