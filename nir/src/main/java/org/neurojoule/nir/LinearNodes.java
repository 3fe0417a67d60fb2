package org.neurojoule.nir;

import org.neurojoule.Tensor;

/**
 * NIR's Affine and Linear (a Dense layer, PyTorch's (out, in) weight read in NeuroJoule's unit
 * order) and Scale (one factor per unit).
 */
final class LinearNodes {
  static final NirNodeDescriptor AFFINE =
      NirNodeDescriptor.of("Affine", n -> dense(n, true), "weight", "bias");
  static final NirNodeDescriptor LINEAR =
      NirNodeDescriptor.of("Linear", n -> dense(n, false), "weight");
  static final NirNodeDescriptor SCALE = NirNodeDescriptor.of("Scale", LinearNodes::scale, "scale");

  private LinearNodes() {}

  private static NirImporter.Out dense(NodeInput n, boolean affine) {
    NodeContext at = n.at();
    NirImporter.Out in = n.in();
    NirArray w = at.numbers("weight");
    int[] ws = w.shape();
    if (ws.length != 2) {
      throw at.error("weight must be (out, in), is " + w);
    }
    int units = ws[0];
    int features = ws[1];
    if (in.nirShape().length != 1) {
      throw at.error(
          "needs a flat input of "
              + features
              + " features, but "
              + n.inputText()
              + "; NIR applies it to the last axis, which NeuroJoule supports after a Flatten only");
    }
    if (in.nirShape()[0] != features) {
      throw at.error("weight " + w + " takes " + features + " inputs, but " + n.inputText());
    }
    float[] bias = affine ? n.vector("bias", units) : null;
    double[] wv = w.values();
    float[] kernel = new float[Math.multiplyExact(features, units)];
    for (int i = 0; i < features; i++) {
      int src = Layout.at(in.order(), i);
      for (int o = 0; o < units; o++) {
        kernel[i * units + o] = (float) wv[o * features + src];
      }
    }
    Tensor t = at.guard(() -> in.tensor().dense(units, d -> d.useBias(affine).name(at.name())));
    at.guard(
        () -> {
          if (affine) {
            t.layer().setWeights(kernel, bias);
          } else {
            t.layer().setWeights(kernel);
          }
          return null;
        });
    return new NirImporter.Out(t, new int[] {units}, null);
  }

  private static NirImporter.Out scale(NodeInput n) {
    NodeContext at = n.at();
    NirArray s = at.numbers("scale");
    int units = n.in().units();
    if (s.size() != units) {
      throw at.error("scale " + s + " must hold one factor per unit, but " + n.inputText());
    }
    double[] v = s.values();
    float[] factors = new float[units];
    for (int i = 0; i < units; i++) {
      factors[i] = (float) v[Layout.at(n.in().order(), i)];
    }
    Tensor t = at.guard(() -> n.in().tensor().scale(x -> x.name(at.name())));
    at.guard(
        () -> {
          t.layer().setWeights(factors);
          return null;
        });
    return n.same(t);
  }
}
