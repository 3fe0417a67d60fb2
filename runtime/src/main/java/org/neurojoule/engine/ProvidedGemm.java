package org.neurojoule.engine;

import org.neurojoule.engine.spi.Mat;
import org.neurojoule.engine.spi.MatrixMultiply;

/** The native multiply of a {@link org.neurojoule.engine.spi.NativeKernels} provider. */
final class ProvidedGemm extends Gemm {
  private final MatrixMultiply multiply;

  ProvidedGemm(MatrixMultiply multiply) {
    this.multiply = multiply;
  }

  @Override
  String name() {
    return multiply.name();
  }

  @Override
  Mat allocate(long floats) {
    return multiply.allocate(floats);
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
    multiply.multiply(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
  }
}
