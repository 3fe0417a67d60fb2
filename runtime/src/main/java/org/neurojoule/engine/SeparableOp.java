package org.neurojoule.engine;

import java.util.List;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/** A separable 2D convolution: the depthwise step, then a pointwise matrix multiply. */
final class SeparableOp extends Op {
  final DepthwiseOp depthwise;
  final float[] pointwise;
  final Stage own;
  int pixels;
  int mid;
  float[] buffer;
  MatMulCore core;

  SeparableOp(
      List<Integer> kernel,
      List<Integer> strides,
      List<Integer> dilation,
      Padding padding,
      int dm,
      float[] depthwiseKernel,
      float[] pointwiseKernel,
      float[] bias,
      Activation activation) {
    this.depthwise =
        new DepthwiseOp(
            kernel, strides, dilation, padding, dm, depthwiseKernel, null, Activation.LINEAR);
    this.pointwise = pointwiseKernel;
    this.own = Stage.biasAct(bias, activation);
  }

  @Override
  void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
    mid = in[0][2] * depthwise.dm;
    int[] midShape = {out[0], out[1], mid};
    depthwise.prepare(ctx, in, midShape, maxN);
    pixels = out[0] * out[1];
    buffer = Buffers.floats((long) maxN * pixels * mid, "the depthwise result");
    core = new MatMulCore(mid, out[2]);
    core.prepare(ctx, pointwise, (long) maxN * pixels);
  }

  @Override
  void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
    depthwise.run(ctx, n, in, buffer, null);
    core.run(n * pixels, buffer, null, out, epi);
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
    depthwise.close();
    if (core != null) {
      core.close();
    }
  }
}
