package org.neurojoule.onnx;

import java.util.ArrayList;
import java.util.List;
import org.neurojoule.Tensor;

/**
 * BatchNormalization (per channel, channels last) and LayerNormalization (over the last axis, in
 * any layout, see {@link TokenOps}) as {@link Operator}s, their scales and means as weights.
 */
final class NormalizationOperators {
  private NormalizationOperators() {}

  /** Inputs 3 and 4, the moving mean and variance, are not trained. */
  static final Operator BATCH_NORMALIZATION =
      Operator.named("BatchNormalization")
          .inputs(5, 5)
          .reads("epsilon")
          .weightsFrom(1)
          .untrainedFrom(3)
          .maps(NormalizationOperators::batchNorm)
          .build();

  static final Operator LAYER_NORMALIZATION =
      Operator.named("LayerNormalization")
          .inputs(2, 3)
          .reads("axis", "epsilon")
          .anyLayout()
          .weightsFrom(1)
          .maps(c -> TokenOps.on(c, TokenOps::layerNorm))
          .build();

  private static Act batchNorm(Call c) {
    NodeAt at = c.at;
    Act x = c.x();
    int channels = x.onnx()[0];
    List<float[]> w = new ArrayList<>();
    boolean declared = false;
    for (int i = 1; i <= 4; i++) {
      Const k = c.constant(i);
      if (k.count() != channels) {
        throw at.error(
            "input "
                + i
                + " '"
                + at.inputs().get(i)
                + "' has dims "
                + Const.text(k.dims())
                + ", needs "
                + channels
                + " values, one per channel");
      }
      declared |= k.declaredOnly();
      w.add(k.declaredOnly() ? null : k.floats());
    }
    double eps = at.real("epsilon", 1e-5);
    Tensor t = at.guard(() -> x.tensor().batchNormalization(b -> b.epsilon(eps).name(at.name)));
    if (!declared) {
      at.guard(
          () -> {
            t.layer().setWeights(w.toArray(float[][]::new));
            return null;
          });
    }
    return c.same(t);
  }
}
