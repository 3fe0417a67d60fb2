package org.neurojoule.engine;

import java.util.List;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/**
 * A dense layer on the last axis: the matrix multiply, or a native 1x1 convolution for few rows of
 * many weights.
 */
final class DenseOp extends Op {
  final float[] weights;
  final Stage own;
  int in;
  int units;
  long rowsPerExample;
  MatMulCore core;
  NativeConv dnnl;

  /**
   * Weights from which a dense layer of few rows runs on oneDNN (when convolutions do): below, a
   * call's overhead outweighs packing ({@code -Dneurojoule.dnnlDenseMinWeights}).
   */
  static final long DNNL_DENSE_MIN_WEIGHTS =
      Long.getLong("neurojoule.dnnlDenseMinWeights", 1L << 20);

  /** Rows per batch up to which it does ({@code -Dneurojoule.dnnlDenseMaxRows}). */
  static final long DNNL_DENSE_MAX_ROWS = Long.getLong("neurojoule.dnnlDenseMaxRows", 8);

  DenseOp(float[] weights, float[] bias, Activation activation) {
    this.weights = weights;
    this.own = Stage.biasAct(bias, activation);
  }

  @Override
  void prepare(Ctx ctx, int[][] inShapes, int[] out, int maxN) {
    int[] s = inShapes[0];
    in = s[s.length - 1];
    units = out[out.length - 1];
    rowsPerExample = Buffers.prod(s, 0, s.length - 1);
    if (weights.length != (long) in * units) {
      // The engine must never read past the weights, whatever let them through.
      throw new IllegalArgumentException(
          "its kernel holds "
              + weights.length
              + " values, but"
              + " this input needs "
              + in
              + "x"
              + units
              + " = "
              + (long) in * units);
    }
    close();
    if (ctx.gemm.dnnlConv()
        && (long) in * units >= DNNL_DENSE_MIN_WEIGHTS
        && maxN * rowsPerExample <= DNNL_DENSE_MAX_ROWS) {
      // A 1x1 convolution over the example's rows: oneDNN reorders the weights once, where
      // OpenBLAS packs all of them again on every call, most of a multiply of a few rows. With
      // more rows packing is a small part, and the reorder would lengthen the first call.
      int rows = (int) rowsPerExample;
      Window w =
          new Window(
              1,
              new int[] {rows, in},
              new int[] {rows, units},
              List.of(1),
              List.of(1),
              List.of(1),
              Padding.VALID);
      dnnl = new NativeConv(ctx.gemm.convolutions(), 1, w, in, units, weights);
      dnnl.prepare(maxN);
      return;
    }
    core = new MatMulCore(in, units);
    core.prepare(ctx, weights, maxN * rowsPerExample);
  }

  @Override
  void run(Ctx ctx, int n, float[][] x, float[] out, Epilogue epi) {
    if (dnnl != null) {
      dnnl.run(n, x[0], out, epi);
      return;
    }
    core.run(Math.toIntExact(n * rowsPerExample), x[0], null, out, epi);
  }

  @Override
  boolean fuses() {
    return true;
  }

  @Override
  Stage ownStage() {
    return own;
  }

  @Override
  void close() {
    if (core != null) {
      core.close();
    }
    if (dnnl != null) {
      dnnl.close();
    }
    core = null;
    dnnl = null;
  }
}
