package org.neurojoule.onnx;

import java.util.stream.IntStream;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Activation;

/**
 * The element-wise activations and the normalizations over one axis: each an {@link Operator}
 * mapping one node onto one activation layer that keeps its input's shape and, but for PRelu's
 * per-channel slope, its layout (a token tensor stays one).
 */
final class ActivationOperators {
  private ActivationOperators() {}

  static final Operator RELU =
      Operator.named("Relu")
          .anyLayout()
          .maps(c -> c.same(c.x().tensor().relu(r -> r.name(c.at.name))))
          .build();
  static final Operator CLIP =
      Operator.named("Clip")
          .inputs(1, 3)
          .reads("min", "max")
          .anyLayout()
          .maps(ActivationOperators::clip)
          .build();
  static final Operator LEAKY_RELU =
      Operator.named("LeakyRelu")
          .reads("alpha")
          .anyLayout()
          .maps(
              c ->
                  c.same(
                      c.x()
                          .tensor()
                          .leakyRelu(l -> l.alpha(c.at.real("alpha", 0.01)).name(c.at.name))))
          .build();
  static final Operator PRELU =
      Operator.named("PRelu").inputs(2, 2).weightsFrom(1).maps(ActivationOperators::prelu).build();
  static final Operator ELU =
      Operator.named("Elu")
          .reads("alpha")
          .anyLayout()
          .maps(
              c -> c.same(c.x().tensor().elu(e -> e.alpha(c.at.real("alpha", 1)).name(c.at.name))))
          .build();
  static final Operator SELU =
      Operator.named("Selu")
          .reads("alpha", "gamma")
          .anyLayout()
          .maps(ActivationOperators::selu)
          .build();
  static final Operator SIGMOID = activation("Sigmoid", Activation.SIGMOID);
  static final Operator TANH = activation("Tanh", Activation.TANH);
  static final Operator HARD_SIGMOID =
      Operator.named("HardSigmoid")
          .reads("alpha", "beta")
          .anyLayout()
          .maps(ActivationOperators::hardSigmoid)
          .build();
  static final Operator HARD_SWISH = activation("HardSwish", Activation.HARD_SWISH);
  static final Operator GELU =
      Operator.named("Gelu")
          .reads("approximate")
          .anyLayout()
          .maps(ActivationOperators::gelu)
          .build();
  static final Operator SOFTMAX =
      Operator.named("Softmax")
          .reads("axis")
          .anyLayout()
          .maps(c -> LastAxis.softmax(c.at, c.x(), c.opset))
          .build();
  static final Operator LOG_SOFTMAX =
      Operator.named("LogSoftmax")
          .reads("axis")
          .anyLayout()
          .maps(c -> LastAxis.logSoftmax(c.at, c.x(), c.opset))
          .build();

  /** Neg: a rescaling by -1. */
  static final Operator NEG =
      Operator.named("Neg")
          .anyLayout()
          .maps(c -> c.same(c.at.guard(() -> c.x().tensor().rescaling(-1, r -> r.name(c.at.name)))))
          .build();

  static final Operator EXP = activation("Exp", Activation.EXPONENTIAL);
  static final Operator ABS = activation("Abs", Activation.ABS);
  static final Operator SOFTPLUS = activation("Softplus", Activation.SOFTPLUS);
  static final Operator SOFTSIGN = activation("Softsign", Activation.SOFTSIGN);

  /** An operator that is one Keras activation, in any layout. */
  private static Operator activation(String name, Activation a) {
    return Operator.named(name).anyLayout().maps(c -> activation(c, a)).build();
  }

  private static Act activation(Call c, Activation a) {
    return c.same(c.at.guard(() -> c.x().tensor().activation(a, l -> l.name(c.at.name))));
  }

  /** Gelu (opset 20, or the written-out erf pattern folded into it): the exact erf form. */
  private static Act gelu(Call c) {
    String approximate = c.at.text("approximate", "none");
    if (!approximate.equals("none")) {
      throw c.at.error(
          "Gelu with approximate '"
              + approximate
              + "' is not supported (activation"
              + " gelu is the exact erf form)");
    }
    return activation(c, Activation.GELU);
  }

  /** One slope, or one per channel (PyTorch's num_parameters): alpha shared over the rest. */
  private static Act prelu(Call c) {
    NodeAt at = c.at;
    Act x = c.x();
    Const slope = c.constant(1);
    int rank = x.onnx().length;
    int channels = x.onnx()[0];
    if (slope.count() != 1 && slope.count() != channels
        || rank == 1 && x.order() != null && slope.count() != 1) {
      throw at.error(
          "slope "
              + Const.text(slope.dims())
              + " is not supported (one value, or one"
              + " per channel of "
              + Const.text(x.onnx())
              + ")");
    }
    int[] shared = IntStream.rangeClosed(1, slope.count() == 1 ? rank : rank - 1).toArray();
    Tensor t = at.guard(() -> x.tensor().prelu(p -> p.sharedAxes(shared).name(at.name)));
    if (!slope.declaredOnly()) {
      at.guard(
          () -> {
            t.layer().setWeights(slope.floats());
            return null;
          });
    }
    return c.same(t);
  }

  private static Act selu(Call c) {
    double alpha = c.at.real("alpha", 1.67326319217681884765625);
    double gamma = c.at.real("gamma", 1.05070102214813232421875);
    if (Math.abs(alpha - 1.6732632) > 1e-6 || Math.abs(gamma - 1.0507010) > 1e-6) {
      throw c.at.error(
          "Selu with alpha "
              + alpha
              + " and gamma "
              + gamma
              + " has no NeuroJoule"
              + " layer (only the standard constants map to activation selu)");
    }
    return activation(c, Activation.SELU);
  }

  private static Act hardSigmoid(Call c) {
    double alpha = c.at.real("alpha", 0.2);
    double beta = c.at.real("beta", 0.5);
    if (Math.abs(alpha - 0.2) > 1e-6 || Math.abs(beta - 0.5) > 1e-6) {
      throw c.at.error(
          "HardSigmoid with alpha "
              + alpha
              + " and beta "
              + beta
              + " has no"
              + " NeuroJoule layer (hard_sigmoid is alpha 0.2, beta 0.5)");
    }
    return activation(c, Activation.HARD_SIGMOID);
  }

  /** Clip(0, max) as a ReLU capped at max (ReLU6); bounds from inputs since opset 11. */
  private static Act clip(Call c) {
    double min;
    double max;
    if (c.opset >= 11) {
      Const lo = c.optionalConstant(1);
      Const hi = c.optionalConstant(2);
      min = lo == null ? Double.NEGATIVE_INFINITY : scalar(c, lo);
      max = hi == null ? Double.POSITIVE_INFINITY : scalar(c, hi);
    } else {
      min = c.at.real("min", Float.NEGATIVE_INFINITY);
      max = c.at.real("max", Float.POSITIVE_INFINITY);
    }
    if (min != 0 || !(max > 0)) {
      throw c.at.error(
          "Clip("
              + min
              + ", "
              + max
              + ") maps to a ReLU only with min 0 and a"
              + " positive max (as ReLU6 is Clip(0, 6))");
    }
    double cap = max;
    return c.same(
        c.at.guard(
            () ->
                c.x()
                    .tensor()
                    .relu(r -> (Double.isInfinite(cap) ? r : r.maxValue(cap)).name(c.at.name))));
  }

  private static double scalar(Call c, Const k) {
    if (k.declaredOnly() || k.count() != 1) {
      throw c.at.error("needs a scalar bound, has " + Const.text(k.dims()));
    }
    return k.values()[0];
  }
}
