package org.neurojoule.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.neurojoule.Activation;
import org.neurojoule.Padding;
import org.neurojoule.Tensor;
import org.neurojoule.shape.ChannelAxis;

/**
 * ONNX operators on activations as NeuroJoule layers named after the node, weights converted from
 * PyTorch's channels-first layout to Keras' channels-last one.
 */
final class Ops {
  /** The operators mapped here (besides those that {@link Folding} evaluates on constants). */
  static final Set<String> OPS = Set.of("Conv", "ConvTranspose", "Gemm", "MatMul",
      "BatchNormalization", "Relu", "Clip", "LeakyRelu", "PRelu", "Elu", "Selu", "Sigmoid", "HardSigmoid",
      "Tanh", "Softmax", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Add",
      "Sub", "Mul", "Concat", "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Pad",
      "Resize", "Upsample", "Dropout", "Identity", "ReduceMean", "Split", "Slice", "HardSwish",
      "LogSoftmax", "Neg", "Exp", "Abs", "Softplus", "Softsign", "Div", "Gather",
      "LayerNormalization", "Gelu");

  /** Operators that work on a token tensor as it is; the others get it channels last. */
  private static final Set<String> ANY_LAYOUT = Set.of("Gemm", "MatMul", "Relu", "Clip",
      "LeakyRelu", "Elu", "Selu", "Sigmoid", "HardSigmoid", "Tanh", "Softmax", "HardSwish",
      "LogSoftmax", "Add", "Sub", "Mul", "Div", "Concat", "Dropout", "Identity", "Gelu", "Neg",
      "Exp", "Abs", "Softplus", "Softsign");

  private final NodeAt at;
  private final List<Object> ins;
  private final int opset;

  Ops(NodeAt at, List<Object> ins, int opset) {
    this.at = at;
    this.ins = new ArrayList<>(ins);
    this.opset = opset;
  }

  /** {@return one activation per output of the node} */
  List<Act> applyAll() {
    if (TokenOps.handles(at, ins)) {
      return List.of(new TokenOps(at, ins).apply());
    }
    if (ins.get(0) instanceof Act a && a.isTokens() && !ANY_LAYOUT.contains(at.op())) {
      ins.set(0, TokenOps.channelsLast(at, a));
    }
    if (at.op().equals("Split")) {
      return new Slices(at, x()).split(optionalConstant(1), opset);
    }
    return List.of(apply());
  }

  Act apply() {
    return switch (at.op()) {
      case "Conv" -> conv();
      case "ConvTranspose" -> convTranspose();
      case "Gemm" -> gemm();
      case "MatMul" -> matMul();
      case "BatchNormalization" -> batchNorm();
      case "Relu" -> same(x().tensor().relu(r -> r.name(at.name)));
      case "Clip" -> clip();
      case "LeakyRelu" -> same(x().tensor().leakyRelu(l -> l.alpha(at.real("alpha", 0.01))
          .name(at.name)));
      case "PRelu" -> prelu();
      case "Elu" -> same(x().tensor().elu(e -> e.alpha(at.real("alpha", 1)).name(at.name)));
      case "Selu" -> selu();
      case "Sigmoid" -> activation(Activation.SIGMOID);
      case "Tanh" -> activation(Activation.TANH);
      case "HardSigmoid" -> hardSigmoid();
      case "Softmax" -> LastAxis.softmax(at, x(), opset);
      case "HardSwish" -> activation(Activation.HARD_SWISH);
      case "LogSoftmax" -> LastAxis.logSoftmax(at, x(), opset);
      case "Neg", "Exp", "Abs", "Softplus", "Softsign" -> Elementwise.apply(at, x());
      case "MaxPool", "AveragePool" -> new Pools(at, x()).pool();
      case "GlobalAveragePool", "GlobalMaxPool" -> new Pools(at, x()).global();
      case "ReduceMean" -> new Pools(at, x()).reduceMean(ins.size() > 1 ? constant(1) : null);
      case "Add", "Sub", "Mul", "Div" -> new Merges(at, ins).apply();
      case "Gelu" -> gelu();
      case "Concat" -> new Merges(at, ins).concat();
      case "Flatten" -> flatten();
      case "Reshape" -> reshapeTo(x(), withoutBatch(Shapes.resolve(at, Folding.withBatch(x()
          .onnx()), constant(1).longs())));
      case "Squeeze", "Unsqueeze" -> squeeze();
      case "Transpose" -> transpose();
      case "Pad" -> new Pools(at, x()).pad(ins.size() > 1 ? constant(1) : null, ins);
      case "Resize", "Upsample" -> new Pools(at, x()).resize(ins);
      case "Slice" -> slice();
      default -> x(); // Dropout, Identity: nothing to compute at inference
    };
  }

  Act x() {
    Object v = ins.get(0);
    if (!(v instanceof Act a)) {
      throw at.error("its first input '" + at.inputs().get(0) + "' must be an activation");
    }
    return a;
  }

  Const constant(int i) {
    Object v = i < ins.size() ? ins.get(i) : null;
    if (v == null) {
      throw at.error("input " + i + " is missing");
    }
    if (!(v instanceof Const c)) {
      throw at.error("input " + i + " '" + at.inputs().get(i) + "' must be a constant (a weight"
          + " or a folded shape), but it is computed from the graph input");
    }
    return c;
  }

  private Const optionalConstant(int i) {
    return i < ins.size() && ins.get(i) != null ? constant(i) : null;
  }

  private Act same(Tensor t) {
    return x().with(t);
  }

  /** Gelu (opset 20, or the written-out erf pattern folded into it): the exact erf form. */
  private Act gelu() {
    String approximate = at.text("approximate", "none");
    if (!approximate.equals("none")) {
      throw at.error("Gelu with approximate '" + approximate + "' is not supported (activation"
          + " gelu is the exact erf form)");
    }
    return activation(Activation.GELU);
  }

  private Act activation(Activation a) {
    return same(at.guard(() -> x().tensor().activation(a, l -> l.name(at.name))));
  }

  /** One slope, or one per channel (PyTorch's num_parameters): alpha shared over the rest. */
  private Act prelu() {
    Act x = x();
    Const slope = constant(1);
    int rank = x.onnx().length;
    int channels = x.onnx()[0];
    if (slope.count() != 1 && slope.count() != channels || rank == 1 && x.order() != null
        && slope.count() != 1) {
      throw at.error("slope " + Const.text(slope.dims()) + " is not supported (one value, or one"
          + " per channel of " + Const.text(x.onnx()) + ")");
    }
    int[] shared = java.util.stream.IntStream.rangeClosed(1, slope.count() == 1 ? rank
        : rank - 1).toArray();
    Tensor t = at.guard(() -> x.tensor().prelu(p -> p.sharedAxes(shared).name(at.name)));
    if (!slope.declaredOnly()) {
      at.guard(() -> {
        t.layer().setWeights(slope.floats());
        return null;
      });
    }
    return same(t);
  }

  private Act selu() {
    double alpha = at.real("alpha", 1.67326319217681884765625);
    double gamma = at.real("gamma", 1.05070102214813232421875);
    if (Math.abs(alpha - 1.6732632) > 1e-6 || Math.abs(gamma - 1.0507010) > 1e-6) {
      throw at.error("Selu with alpha " + alpha + " and gamma " + gamma + " has no NeuroJoule"
          + " layer (only the standard constants map to activation selu)");
    }
    return activation(Activation.SELU);
  }

  private Act hardSigmoid() {
    double alpha = at.real("alpha", 0.2);
    double beta = at.real("beta", 0.5);
    if (Math.abs(alpha - 0.2) > 1e-6 || Math.abs(beta - 0.5) > 1e-6) {
      throw at.error("HardSigmoid with alpha " + alpha + " and beta " + beta + " has no"
          + " NeuroJoule layer (hard_sigmoid is alpha 0.2, beta 0.5)");
    }
    return activation(Activation.HARD_SIGMOID);
  }

  private Act clip() {
    double min;
    double max;
    if (opset >= 11) {
      Const lo = optionalConstant(1);
      Const hi = optionalConstant(2);
      min = lo == null ? Double.NEGATIVE_INFINITY : value(lo);
      max = hi == null ? Double.POSITIVE_INFINITY : value(hi);
    } else {
      min = at.real("min", Float.NEGATIVE_INFINITY);
      max = at.real("max", Float.POSITIVE_INFINITY);
    }
    if (min != 0 || !(max > 0)) {
      throw at.error("Clip(" + min + ", " + max + ") maps to a ReLU only with min 0 and a"
          + " positive max (as ReLU6 is Clip(0, 6))");
    }
    double cap = max;
    return same(at.guard(() -> x().tensor().relu(r -> (Double.isInfinite(cap) ? r
        : r.maxValue(cap)).name(at.name))));
  }

  private double value(Const c) {
    if (c.declaredOnly() || c.count() != 1) {
      throw at.error("needs a scalar bound, has " + Const.text(c.dims()));
    }
    return c.values()[0];
  }

  /** The NeuroJoule axis of ONNX axis {@code axis} (batch included) of {@code x}. */
  static int njAxis(NodeAt at, Act x, long axis) {
    if (x.isTokens()) {
      return TokenOps.axis(at, x, axis) + 1;
    }
    int rank = x.onnx().length;
    long a = axis < 0 ? axis + rank + 1 : axis;
    if (a < 1 || a > rank) {
      throw at.error("axis " + axis + " of its input " + Const.text(x.onnx()) + " (batch"
          + " first) is not supported; only axes past the batch are");
    }
    int noBatch = (int) a - 1;
    if (rank == 1) {
      return 1;
    }
    return noBatch == 0 ? rank : noBatch;
  }

  private Act batchNorm() {
    Act x = x();
    int c = x.onnx()[0];
    List<float[]> w = new ArrayList<>();
    boolean declared = false;
    for (int i = 1; i <= 4; i++) {
      Const k = constant(i);
      if (k.count() != c) {
        throw at.error("input " + i + " '" + at.inputs().get(i) + "' has dims "
            + Const.text(k.dims()) + ", needs " + c + " values, one per channel");
      }
      declared |= k.declaredOnly();
      w.add(k.declaredOnly() ? null : k.floats());
    }
    double eps = at.real("epsilon", 1e-5);
    Tensor t = at.guard(() -> x.tensor().batchNormalization(b -> b.epsilon(eps).name(at.name)));
    if (!declared) {
      at.guard(() -> {
        t.layer().setWeights(w.toArray(float[][]::new));
        return null;
      });
    }
    return same(t);
  }

  private Act conv() {
    Act x = x();
    Const w = constant(1);
    Const b = optionalConstant(2);
    int rank = w.dims().length - 2;
    if (rank < 1 || rank > 3 || x.onnx().length != rank + 1) {
      throw at.error("weight " + Const.text(w.dims()) + " needs an input of (channels, "
          + rank + " spatial axes), but its input gives " + Const.text(x.onnx()));
    }
    long group = at.integer("group", 1);
    int cin = x.onnx()[0];
    int filters = Math.toIntExact(w.dims()[0]);
    int[] k = kernel(w);
    if (group == 1) {
      if (w.dims()[1] != cin) {
        throw at.error("weight " + Const.text(w.dims()) + " takes " + w.dims()[1] + " input"
            + " channels, but its input gives " + Const.text(x.onnx()));
      }
      return new Convs(at, x, rank).conv(filters, k, w, b, 1);
    }
    if (group == cin && w.dims()[1] == 1 && rank == 2 && filters % cin == 0) {
      return new Convs(at, x, rank).depthwise(filters / cin, k, w, b);
    }
    return convWithGroups(group, filters, k, w, b);
  }

  /** Grouped convolution (ResNeXt, ShuffleNet, depthwise in 1D and 3D): the groups option. */
  private Act convWithGroups(long group, int filters, int[] k, Const w, Const b) {
    Act x = x();
    int cin = x.onnx()[0];
    if (group < 1 || cin % group != 0 || filters % group != 0 || w.dims()[1] != cin / group) {
      throw at.error("group " + group + " needs input channels and filters that it divides and a"
          + " weight of (filters, channels / group, k...), but the weight is "
          + Const.text(w.dims()) + " and its input " + Const.text(x.onnx()));
    }
    return new Convs(at, x, w.dims().length - 2).conv(filters, k, w, b, (int) group);
  }

  private static int[] kernel(Const w) {
    int[] k = new int[w.dims().length - 2];
    for (int i = 0; i < k.length; i++) {
      k[i] = Math.toIntExact(w.dims()[i + 2]);
    }
    return k;
  }

  private Act convTranspose() {
    Act x = x();
    Const w = constant(1);
    int rank = w.dims().length - 2;
    if (rank < 1 || rank > 3 || x.onnx().length != rank + 1) {
      throw at.error("weight " + Const.text(w.dims()) + " needs an input of (channels, "
          + rank + " spatial axes), but its input gives " + Const.text(x.onnx()));
    }
    if (at.integer("group", 1) != 1) {
      throw at.error("ConvTranspose with group " + at.integer("group", 1) + " is not supported"
          + " (a transposed convolution has no groups option)");
    }
    if (w.dims()[0] != x.onnx()[0]) {
      throw at.error("weight " + Const.text(w.dims()) + " takes " + w.dims()[0] + " input"
          + " channels, but its input gives " + Const.text(x.onnx()));
    }
    return new Convs(at, x, rank).transpose(Math.toIntExact(w.dims()[1]), kernel(w), w,
        optionalConstant(2));
  }

  private Act gemm() {
    Act x = x();
    Const bw = constant(1);
    if (at.integer("transA", 0) != 0) {
      throw at.error("transA = 1 is not supported (its first input is the activation)");
    }
    boolean transB = at.integer("transB", 0) != 0;
    return dense(x, bw, transB, at.real("alpha", 1), optionalConstant(2), at.real("beta", 1));
  }

  private Act matMul() {
    if (ins.size() > 1 && ins.get(1) instanceof Act y) {
      return Attention.matMul(at, x(), y);
    }
    return dense(x(), constant(1), false, 1, null, 1);
  }

  private Act dense(Act x, Const bw, boolean transB, double alpha, Const bias, double beta) {
    if (x.onnx().length != 1 && !x.isTokens()) {
      throw at.error("needs a flat input (features), but its input gives "
          + Const.text(x.onnx()) + "; a Flatten before it maps");
    }
    if (x.isTokens() && !x.tokens().merged()
        && x.tokens().axis() == x.withBatch().length - 1) {
      throw at.error("its input " + TokenOps.describe(x) + " has the batch on its last axis,"
          + " which a dense layer cannot take as features");
    }
    if (bw.dims().length != 2) {
      throw at.error("weight " + Const.text(bw.dims()) + " must be 2-D");
    }
    int features = x.onnx()[x.onnx().length - 1];
    long rows = transB ? bw.dims()[1] : bw.dims()[0];
    int units = Math.toIntExact(transB ? bw.dims()[0] : bw.dims()[1]);
    if (rows != features) {
      throw at.error("weight " + Const.text(bw.dims()) + (transB ? " (transposed)" : "")
          + " takes " + rows + " features, but its input gives " + Const.text(x.onnx()));
    }
    if (bias != null && bias.count() != units && bias.count() != 1) {
      throw at.error("bias " + Const.text(bias.dims()) + " must hold " + units + " values");
    }
    boolean useBias = bias != null;
    Tensor t = at.guard(() -> x.tensor().dense(units, d -> d.useBias(useBias).name(at.name)));
    if (!bw.declaredOnly() && (bias == null || !bias.declaredOnly())) {
      float[] kernel = new float[Math.multiplyExact(features, units)];
      double[] v = bw.values();
      for (int i = 0; i < features; i++) {
        int src = x.order() == null ? i : x.order().at(i);
        for (int o = 0; o < units; o++) {
          kernel[i * units + o] = (float) (alpha * v[transB ? o * features + src
              : src * units + o]);
        }
      }
      float[] b = null;
      if (bias != null) {
        b = new float[units];
        for (int o = 0; o < units; o++) {
          b[o] = (float) (beta * bias.values()[bias.count() == 1 ? 0 : o]);
        }
      }
      float[] bb = b;
      at.guard(() -> {
        if (bb == null) {
          t.layer().setWeights(kernel);
        } else {
          t.layer().setWeights(kernel, bb);
        }
        return null;
      });
    }
    if (x.isTokens()) {
      int[] example = x.onnx().clone();
      example[example.length - 1] = units;
      return Act.tokens(t, example, x.tokens());
    }
    return Act.of(t, new int[] {units});
  }

  private Act slice() {
    if (opset < 10) {
      throw at.error("Slice before opset 10 (attributes) of an activation is not supported");
    }
    return new Slices(at, x()).slice(constant(1), constant(2), optionalConstant(3),
        optionalConstant(4));
  }

  private Act flatten() {
    Act x = x();
    if (at.integer("axis", 1) != 1) {
      throw at.error("Flatten with axis " + at.integer("axis", 1) + " is not supported (axis 1"
          + " keeps the batch and flattens the rest)");
    }
    return reshapeTo(x, new int[] {Math.toIntExact(x.units())});
  }

  private static int[] withoutBatch(long[] full) {
    return Arrays.stream(full).skip(1).mapToInt(Math::toIntExact).toArray();
  }

  private Act squeeze() {
    Act x = x();
    long[] axes = ins.size() > 1 && ins.get(1) != null ? constant(1).longs()
        : at.integers("axes");
    Const shape = new Folding(at, null).reshaped(at.op(), new Const(Folding.withBatch(x.onnx()),
        new double[0]), axes);
    return reshapeTo(x, withoutBatch(shape.dims()));
  }

  /**
   * A change of shape that keeps the unit order: a flatten (the units keep their channels-first
   * index), or a reshape where the two layouts agree.
   */
  private Act reshapeTo(Act x, int[] target) {
    if (target.length > 0 && target.length == x.onnx().length
        && Arrays.equals(target, x.onnx())) {
      return x;
    }
    if (target.length == 1) {
      if (x.onnx().length == 1) {
        return x;
      }
      Tensor t = at.guard(() -> x.tensor().flatten(f -> f.name(at.name)));
      return new Act(t, target, x.flatOrder());
    }
    Act probe = new Act(null, target, null);
    if (target.length > 0 && (x.plainOrder() && probe.plainOrder() || sameSpatial(x.onnx(),
        target))) {
      Tensor t = at.guard(() -> x.tensor().reshape(ChannelAxis.channelsLast(target),
          r -> r.name(at.name)));
      return Act.of(t, target);
    }
    if (target.length > 1 && x.order() == null) {
      return new Regroup(at).reshape(x, target);
    }
    throw at.error("reshapes " + Const.text(x.onnx()) + " to " + Const.text(target) + ", which"
        + " reorders channels-first data; not supported yet");
  }

  /**
   * Same channels, the spatial axes merged or split ({@code (768, 14, 14) -> (768, 196)}): channels
   * last, the positions keep their row-major order, so the unit order is kept.
   */
  private static boolean sameSpatial(int[] a, int[] b) {
    return a.length >= 2 && b.length >= 2 && a[0] == b[0];
  }

  private Act transpose() {
    Act x = x();
    long[] perm = at.integers("perm");
    boolean identity = perm != null;
    for (int i = 0; perm != null && i < perm.length; i++) {
      identity &= perm[i] == i;
    }
    if (identity) {
      return x;
    }
    if (x.onnx().length == 2 && Arrays.equals(perm, new long[] {0, 2, 1}) && x.order() == null) {
      // (C, L) is NeuroJoule's (L, C): as the token tensor (L, C) it needs no layer.
      int[] d = x.onnx();
      return Act.tokens(x.tensor(), new int[] {d[1], d[0]}, new Act.Tokens(0, false));
    }
    if (perm == null || x.onnx().length < 2) {
      throw at.error("Transpose " + (perm == null ? "without perm" : Arrays.toString(perm))
          + " of an activation " + Const.text(x.onnx()) + " is not supported (it must keep the"
          + " batch first)");
    }
    return new Regroup(at).transpose(x, perm);
  }

  /** The zero-padding or VALID mode of a convolution or pool. */
  static Padding padding(NodeAt at) {
    String auto = at.text("auto_pad", "NOTSET");
    return switch (auto) {
      case "NOTSET", "VALID" -> Padding.VALID;
      case "SAME_UPPER" -> Padding.SAME;
      default -> throw at.error("auto_pad " + auto + " is not supported (NOTSET, VALID and"
          + " SAME_UPPER are)");
    };
  }
}
