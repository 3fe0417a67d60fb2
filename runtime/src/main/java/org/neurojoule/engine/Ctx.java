package org.neurojoule.engine;

/** What ops share in one run: the matrix multiply and where the batch starts in the data. */
final class Ctx {
  final Gemm gemm;

  /** The index of the batch's first example in the whole data (for per-example random state). */
  long firstExample;

  Ctx(Gemm gemm) {
    this.gemm = gemm;
  }
}
