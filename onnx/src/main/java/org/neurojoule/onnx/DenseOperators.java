package org.neurojoule.onnx;

import org.neurojoule.Tensor;

/**
 * Gemm and MatMul as {@link Operator}s: by a stored weight a dense layer (on flat features or on
 * the last axis of a token tensor); between two activations a MatMul layer (attention).
 */
final class DenseOperators {
  private DenseOperators() {}

  static final Operator GEMM =
      Operator.named("Gemm")
          .inputs(2, 3)
          .reads("alpha", "beta", "transA", "transB")
          .anyLayout()
          .weightsFrom(1)
          .maps(DenseOperators::gemm)
          .build();
  static final Operator MAT_MUL =
      Operator.named("MatMul")
          .inputs(2, 2)
          .anyLayout()
          .weightsFrom(1)
          .maps(DenseOperators::matMul)
          .build();

  private static Act gemm(Call c) {
    Act x = c.x();
    Const bw = c.constant(1);
    if (c.at.integer("transA", 0) != 0) {
      throw c.at.error("transA = 1 is not supported (its first input is the activation)");
    }
    boolean transB = c.at.integer("transB", 0) != 0;
    return dense(
        c.at,
        x,
        new Weights(
            bw, transB, c.at.real("alpha", 1), c.optionalConstant(2), c.at.real("beta", 1)));
  }

  /**
   * Of token tensors or of activations of rank 3 or more: batched over the leading axes ({@link
   * TokenOps}); of two 2-D activations: {@link Attention}; by a weight: a dense layer.
   */
  static Act matMul(Call c) {
    if (c.ins.size() == 2
        && c.ins.get(0) instanceof Act x
        && c.ins.get(1) instanceof Act y
        && (x.isTokens() || y.isTokens() || x.onnx().length > 2 || y.onnx().length > 2)) {
      return new TokenOps(c.at, c.ins)
          .matMul(TokenOps.tokens(c.at, x), TokenOps.tokens(c.at, y, 1));
    }
    if (c.ins.size() > 1 && c.ins.get(1) instanceof Act y) {
      return Attention.matMul(c.at, c.x(), y);
    }
    return dense(c.at, c.x(), new Weights(c.constant(1), false, 1, null, 1));
  }

  /** Gemm's {@code alpha · x · B + beta · C}: the kernel B (maybe transposed) and bias C. */
  private record Weights(Const kernel, boolean transposed, double alpha, Const bias, double beta) {}

  private static Act dense(NodeAt at, Act x, Weights w) {
    Const bw = w.kernel();
    Const bias = w.bias();
    boolean transB = w.transposed();
    if (x.onnx().length != 1 && !x.isTokens()) {
      throw at.error(
          "needs a flat input (features), but its input gives "
              + Const.text(x.onnx())
              + "; a Flatten before it maps");
    }
    if (x.isTokens() && !x.tokens().merged() && x.tokens().axis() == x.withBatch().length - 1) {
      throw at.error(
          "its input "
              + TokenOps.describe(x)
              + " has the batch on its last axis,"
              + " which a dense layer cannot take as features");
    }
    if (bw.dims().length != 2) {
      throw at.error("weight " + Const.text(bw.dims()) + " must be 2-D");
    }
    int features = x.onnx()[x.onnx().length - 1];
    long rows = transB ? bw.dims()[1] : bw.dims()[0];
    int units =
        at.size(
            transB ? bw.dims()[0] : bw.dims()[1], "weight " + Const.text(bw.dims()) + ": units");
    if (rows != features) {
      throw at.error(
          "weight "
              + Const.text(bw.dims())
              + (transB ? " (transposed)" : "")
              + " takes "
              + rows
              + " features, but its input gives "
              + Const.text(x.onnx()));
    }
    if (bias != null && bias.count() != units && bias.count() != 1) {
      throw at.error("bias " + Const.text(bias.dims()) + " must hold " + units + " values");
    }
    boolean useBias = bias != null;
    Tensor t = at.guard(() -> x.tensor().dense(units, d -> d.useBias(useBias).name(at.name)));
    if (!bw.declaredOnly() && (bias == null || !bias.declaredOnly())) {
      setWeights(at, t, x, w, features, units);
    }
    if (x.isTokens()) {
      int[] example = x.onnx().clone();
      example[example.length - 1] = units;
      return Act.tokens(t, example, x.tokens());
    }
    return Act.of(t, new int[] {units});
  }

  /** Keras' (features, units) kernel, rows in the input's unit order, scaled by alpha, beta. */
  private static void setWeights(NodeAt at, Tensor t, Act x, Weights w, int features, int units) {
    float[] kernel = new float[Math.multiplyExact(features, units)];
    double[] v = w.kernel().values();
    boolean transB = w.transposed();
    for (int i = 0; i < features; i++) {
      int src = x.order() == null ? i : x.order().at(i);
      for (int o = 0; o < units; o++) {
        kernel[i * units + o] =
            (float) (w.alpha() * v[transB ? o * features + src : src * units + o]);
      }
    }
    Const bias = w.bias();
    float[] b = null;
    if (bias != null) {
      b = new float[units];
      for (int o = 0; o < units; o++) {
        b[o] = (float) (w.beta() * bias.values()[bias.count() == 1 ? 0 : o]);
      }
    }
    float[] bb = b;
    at.guard(
        () -> {
          if (bb == null) {
            t.layer().setWeights(kernel);
          } else {
            t.layer().setWeights(kernel, bb);
          }
          return null;
        });
  }
}
