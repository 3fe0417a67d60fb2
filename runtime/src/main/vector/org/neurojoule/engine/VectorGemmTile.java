package org.neurojoule.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GemmTile} on the Java Vector API (incubating in Java 17; compiled and loaded only with
 * {@code --add-modules jdk.incubator.vector}): six rows of C times a strip two vectors wide, so
 * that twelve accumulators stay in registers and each A value is broadcast once per two FMAs.
 */
final class VectorGemmTile extends GemmTile {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int MR = 6;

  /** Below four lanes the Vector API gains nothing over scalar code. */
  private static final int NR = L >= 4 ? 2 * L : 0;

  @Override
  int mr() {
    return MR;
  }

  @Override
  int nr() {
    return NR;
  }

  @Override
  String name() {
    return "vector " + S.vectorBitSize() + "-bit";
  }

  @Override
  void tile(
      float[] a,
      int ao,
      int lda,
      float[] bp,
      int bo,
      float[] c,
      int co,
      int ldc,
      int rows,
      int kc,
      boolean add) {
    if (rows == MR) {
      six(a, ao, lda, bp, bo, c, co, ldc, kc, add);
    } else {
      for (int r = 0; r < rows; r++) {
        one(a, ao + r * lda, bp, bo, c, co + r * ldc, kc, add);
      }
    }
  }

  private static void six(
      float[] a,
      int ao,
      int lda,
      float[] bp,
      int bo,
      float[] c,
      int co,
      int ldc,
      int kc,
      boolean add) {
    int c0 = co;
    int c1 = c0 + ldc;
    int c2 = c1 + ldc;
    int c3 = c2 + ldc;
    int c4 = c3 + ldc;
    int c5 = c4 + ldc;
    FloatVector s00 = start(c, c0, add);
    FloatVector s01 = start(c, c0 + L, add);
    FloatVector s10 = start(c, c1, add);
    FloatVector s11 = start(c, c1 + L, add);
    FloatVector s20 = start(c, c2, add);
    FloatVector s21 = start(c, c2 + L, add);
    FloatVector s30 = start(c, c3, add);
    FloatVector s31 = start(c, c3 + L, add);
    FloatVector s40 = start(c, c4, add);
    FloatVector s41 = start(c, c4 + L, add);
    FloatVector s50 = start(c, c5, add);
    FloatVector s51 = start(c, c5 + L, add);
    int a0 = ao;
    int a1 = a0 + lda;
    int a2 = a1 + lda;
    int a3 = a2 + lda;
    int a4 = a3 + lda;
    int a5 = a4 + lda;
    for (int p = 0; p < kc; p++) {
      int b = bo + p * NR;
      FloatVector b0 = FloatVector.fromArray(S, bp, b);
      FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
      FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
      s00 = x.fma(b0, s00);
      s01 = x.fma(b1, s01);
      x = FloatVector.broadcast(S, a[a1 + p]);
      s10 = x.fma(b0, s10);
      s11 = x.fma(b1, s11);
      x = FloatVector.broadcast(S, a[a2 + p]);
      s20 = x.fma(b0, s20);
      s21 = x.fma(b1, s21);
      x = FloatVector.broadcast(S, a[a3 + p]);
      s30 = x.fma(b0, s30);
      s31 = x.fma(b1, s31);
      x = FloatVector.broadcast(S, a[a4 + p]);
      s40 = x.fma(b0, s40);
      s41 = x.fma(b1, s41);
      x = FloatVector.broadcast(S, a[a5 + p]);
      s50 = x.fma(b0, s50);
      s51 = x.fma(b1, s51);
    }
    s00.intoArray(c, c0);
    s01.intoArray(c, c0 + L);
    s10.intoArray(c, c1);
    s11.intoArray(c, c1 + L);
    s20.intoArray(c, c2);
    s21.intoArray(c, c2 + L);
    s30.intoArray(c, c3);
    s31.intoArray(c, c3 + L);
    s40.intoArray(c, c4);
    s41.intoArray(c, c4 + L);
    s50.intoArray(c, c5);
    s51.intoArray(c, c5 + L);
  }

  private static void one(
      float[] a, int ao, float[] bp, int bo, float[] c, int co, int kc, boolean add) {
    FloatVector s0 = start(c, co, add);
    FloatVector s1 = start(c, co + L, add);
    for (int p = 0; p < kc; p++) {
      int b = bo + p * NR;
      FloatVector x = FloatVector.broadcast(S, a[ao + p]);
      s0 = x.fma(FloatVector.fromArray(S, bp, b), s0);
      s1 = x.fma(FloatVector.fromArray(S, bp, b + L), s1);
    }
    s0.intoArray(c, co);
    s1.intoArray(c, co + L);
  }

  private static FloatVector start(float[] c, int at, boolean add) {
    return add ? FloatVector.fromArray(S, c, at) : FloatVector.zero(S);
  }
}
