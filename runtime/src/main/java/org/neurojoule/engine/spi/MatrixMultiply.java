package org.neurojoule.engine.spi;

/**
 * A native single-precision matrix multiply {@code C = A · B}, row-major, on buffers it allocates.
 * The engine splits the work across its own threads and calls this on each.
 *
 * <p>Implementation only: part of the engine's service-provider interface for {@link
 * NativeKernels}, not of NeuroJoule's API.
 */
public interface MatrixMultiply {
  /** A name for reports, such as {@code openblas}. */
  String name();

  /** A buffer of {@code floats} floats (contents undefined) that {@link #multiply} takes. */
  Mat allocate(long floats);

  /**
   * {@code C = A · B} with row strides: A is m × k (from {@code aOff}, row stride {@code lda}), B k
   * × n, C m × n; on the calling thread only.
   */
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
      int ldc);
}
