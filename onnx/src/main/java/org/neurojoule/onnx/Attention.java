package org.neurojoule.onnx;

import org.neurojoule.Tensor;

/** MatMul between two activations (attention's {@code Q Kᵀ} and {@code softmax · V}). */
final class Attention {
  private Attention() {}

  /**
   * ONNX {@code (M, K) · (K, N)} per example. A rank-2 activation is channels last here, so
   * transposed: {@code (K, M)} and {@code (N, K)}; as {@code (a b)ᵀ = bᵀ aᵀ}, the product of the
   * two in swapped order is the ONNX result {@code (M, N)}, already in this layout {@code (N, M)}.
   */
  static Act matMul(NodeAt at, Act a, Act b) {
    if (a.onnx().length != 2 || b.onnx().length != 2) {
      throw at.error(
          "MatMul of activations "
              + Const.text(a.onnx())
              + " and "
              + Const.text(b.onnx())
              + " (without the batch) is supported on 2-D ones only,"
              + " (M, K) and (K, N)");
    }
    if (a.onnx()[1] != b.onnx()[0]) {
      throw at.error(
          "MatMul of "
              + Const.text(a.onnx())
              + " and "
              + Const.text(b.onnx())
              + ": the last axis of the first must equal the first of the second");
    }
    Tensor t = at.guard(() -> Tensor.matMul(b.tensor(), a.tensor(), m -> m.name(at.name)));
    return Act.of(t, new int[] {a.onnx()[0], b.onnx()[1]});
  }
}
