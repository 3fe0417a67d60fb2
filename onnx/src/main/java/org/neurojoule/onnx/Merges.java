package org.neurojoule.onnx;

import java.util.ArrayList;
import java.util.List;
import org.neurojoule.Tensor;

/**
 * Add, Sub, Mul between activations (the merge layers, broadcasting as ONNX does), Add, Sub, Mul or
 * Div with a scalar constant (a Rescaling), Add or Sub of a stored tensor (an AddWeight), Mul by
 * one (a MulWeight), and Concat, of activations or with a stored tensor before them (a
 * ConcatWeight); a Concat of one activation is that activation.
 */
final class Merges {
  private final NodeAt at;
  private final List<Object> ins;

  Merges(NodeAt at, List<Object> ins) {
    this.at = at;
    this.ins = ins;
  }

  Act apply() {
    Object a = ins.get(0);
    Object b = ins.get(1);
    if (a instanceof Act x && b instanceof Act y) {
      return between(x, y);
    }
    Act x = a instanceof Act xa ? xa : (Act) b;
    Const c = a instanceof Const ca ? ca : (Const) b;
    boolean constantFirst = a instanceof Const;
    if (c.count() != 1 && (at.op().equals("Add") || at.op().equals("Sub") && !constantFirst)) {
      return storedWeight(x, c, at.op().equals("Sub") ? Stored.SUBTRACT : Stored.ADD);
    }
    if (c.count() != 1 && at.op().equals("Mul")) {
      return storedWeight(x, c, Stored.MULTIPLY);
    }
    if (at.op().equals("Div") && constantFirst) {
      throw at.error(
          "Div of a constant by an activation is not supported (only an activation"
              + " by a scalar, as a Rescaling)");
    }
    if (c.declaredOnly() || c.count() != 1) {
      throw at.error(
          at.op()
              + " of an activation and a constant of dims "
              + Const.text(c.dims())
              + " is not supported yet (only a scalar constant, as a Rescaling)");
    }
    double v = c.values()[0];
    double scale;
    double offset;
    switch (at.op()) {
      case "Add" -> {
        scale = 1;
        offset = v;
      }
      case "Sub" -> {
        scale = constantFirst ? -1 : 1;
        offset = constantFirst ? v : -v;
      }
      case "Div" -> {
        if (v == 0) {
          throw at.error("divides by the constant 0");
        }
        scale = 1 / v;
        offset = 0;
      }
      default -> {
        scale = v;
        offset = 0;
      }
    }
    Tensor t = at.guard(() -> x.tensor().rescaling(scale, r -> r.offset(offset).name(at.name)));
    return x.with(t);
  }

  /** What a stored tensor does to the activation. */
  private enum Stored {
    ADD,
    SUBTRACT,
    MULTIPLY
  }

  /**
   * {@code x + c}, {@code x - c} or {@code x * c} for a stored tensor {@code c}: its ONNX dims
   * aligned to the activation's (batch included, of size 1 there) become the AddWeight's or
   * MulWeight's, without the batch.
   */
  private Act storedWeight(Act x, Const c, Stored kind) {
    boolean negate = kind == Stored.SUBTRACT;
    String verb =
        switch (kind) {
          case ADD -> "adds";
          case SUBTRACT -> "subtracts";
          case MULTIPLY -> "multiplies by";
        };
    if (!x.isTokens() && x.onnx().length == 1 && x.order() != null) {
      throw at.error(
          at.op()
              + " of a flattened channels-first activation "
              + Const.text(x.onnx())
              + " and a constant of dims "
              + Const.text(c.dims())
              + " is not supported yet (a scalar, or a tensor with features, tokens or"
              + " channels-first activations)");
    }
    // Channels first in ONNX, channels last here: the stored tensor's channel axis moves last.
    boolean channelsLast = !x.isTokens() && x.onnx().length >= 2;
    if (negate && c.declaredOnly()) {
      throw at.error("subtracts a weight that the file declares by its shape only");
    }
    long[] full = x.withBatch();
    long[] cd = c.dims();
    int batch = x.isTokens() ? x.tokens().axis() : 0;
    boolean merged = x.isTokens() && x.tokens().merged();
    if (cd.length > full.length) {
      throw at.error(
          verb
              + " a constant of dims "
              + Const.text(cd)
              + " to an activation of fewer"
              + " axes, "
              + TokenOps.describe(x));
    }
    List<Integer> shape = new ArrayList<>();
    for (int i = 0; i < full.length; i++) {
      int j = i - (full.length - cd.length);
      long d = j < 0 ? 1 : cd[j];
      if (i == batch && d != 1 && !merged) {
        throw at.error(
            verb
                + " a constant of dims "
                + Const.text(cd)
                + " that varies along the"
                + " batch axis of "
                + TokenOps.describe(x));
      }
      if (i != batch || merged) {
        shape.add(at.size(d, "constant " + Const.text(cd) + ": a dimension"));
      }
    }
    float[] w = c.declaredOnly() ? null : c.floats();
    if (channelsLast) {
      w = w == null ? null : channelsLast(w, shape);
      shape.add(shape.remove(0));
    }
    org.neurojoule.layer.LayerSpec spec =
        at.guard(
            () ->
                kind == Stored.MULTIPLY
                    ? new org.neurojoule.layer.MulWeight(shape, java.util.Optional.of(at.name))
                    : new org.neurojoule.layer.AddWeight(shape, java.util.Optional.of(at.name)));
    Tensor t = at.guard(() -> x.tensor().apply(spec));
    if (w != null) {
      if (negate) {
        for (int i = 0; i < w.length; i++) {
          w[i] = -w[i];
        }
      }
      float[] ww = w;
      at.guard(
          () -> {
            t.layer().setWeights(ww);
            return null;
          });
    }
    return x.with(t);
  }

  /** Values of ONNX dims {@code (C, S...)} in the order of {@code (S..., C)}. */
  private static float[] channelsLast(float[] v, List<Integer> onnx) {
    int channels = onnx.get(0);
    int spatial = v.length / Math.max(channels, 1);
    float[] out = new float[v.length];
    for (int c = 0; c < channels; c++) {
      for (int p = 0; p < spatial; p++) {
        out[p * channels + c] = v[c * spatial + p];
      }
    }
    return out;
  }

  private Act between(Act x, Act y) {
    if (at.op().equals("Div")) {
      throw at.error(
          "Div of two activations is not supported (only of an activation by a"
              + " scalar constant)");
    }
    if (x.isTokens() || y.isTokens()) {
      x = TokenOps.tokens(at, x);
      y = TokenOps.tokens(at, y, 1);
      if (!x.tokens().equals(y.tokens())) {
        throw at.error(
            "its inputs "
                + TokenOps.describe(x)
                + " and "
                + TokenOps.describe(y)
                + " have the batch on different axes");
      }
    }
    Act first = x;
    Act second = y;
    if (x.onnx().length == 1
        && y.onnx().length == 1
        && !java.util.Objects.equals(x.order(), y.order())) {
      throw at.error(
          "its inputs order their units differently (one is a flattened"
              + " channels-first tensor); not supported yet");
    }
    List<Tensor> both = List.of(first.tensor(), second.tensor());
    Tensor t =
        at.guard(
            () ->
                switch (at.op()) {
                  case "Add" -> Tensor.add(both, m -> m.name(at.name));
                  case "Sub" ->
                      Tensor.subtract(first.tensor(), second.tensor(), m -> m.name(at.name));
                  default -> Tensor.multiply(both, m -> m.name(at.name));
                });
    if (first.isTokens()) {
      return Act.tokens(t, t.shape().toArray(), first.tokens());
    }
    if (t.shape().rank() <= 1) {
      return new Act(t, t.shape().toArray(), x.order());
    }
    return Act.channelsLastOf(t);
  }

  Act concat() {
    if (ins.size() == 1 && ins.get(0) instanceof Act only) {
      return single(only);
    }
    if (ins.size() == 2 && ins.get(0) instanceof Const c && ins.get(1) instanceof Act x) {
      return concatWeight(c, TokenOps.tokens(at, x));
    }
    if (ins.stream().anyMatch(v -> v instanceof Act a && a.isTokens())) {
      return concatTokens();
    }
    List<Tensor> ts = new ArrayList<>();
    Act first = null;
    for (int i = 0; i < ins.size(); i++) {
      if (!(ins.get(i) instanceof Act a)) {
        throw at.error(
            "input '"
                + at.inputs().get(i)
                + "' is a constant; Concat of activations"
                + " and constants is not supported yet");
      }
      if (a.onnx().length == 1 && a.order() != null) {
        throw at.error(
            "input '"
                + at.inputs().get(i)
                + "' is a flattened channels-first"
                + " tensor; concatenating it is not supported yet");
      }
      first = first == null ? a : first;
      ts.add(a.tensor());
    }
    int axis = first.njAxis(at, at.integer("axis", 1));
    Tensor t = at.guard(() -> Tensor.concatenate(ts, c -> c.axis(axis).name(at.name)));
    return t.shape().rank() <= 1 ? Act.of(t, t.shape().toArray()) : Act.channelsLastOf(t);
  }

  /**
   * A Concat of one input (torchvision's DenseNet, each dense block's first layer) is that input:
   * no layer, once its axis is checked to be one of the input's.
   */
  private Act single(Act x) {
    long axis = at.integer("axis", 1);
    int rank = x.withBatch().length;
    if (axis < -rank || axis >= rank) {
      throw at.error("axis " + axis + " is outside its input " + TokenOps.describe(x));
    }
    return x;
  }

  private Act concatTokens() {
    List<Tensor> ts = new ArrayList<>();
    Act first = null;
    for (int i = 0; i < ins.size(); i++) {
      if (!(ins.get(i) instanceof Act a)) {
        throw at.error(
            "input '"
                + at.inputs().get(i)
                + "' is a constant; Concat of token"
                + " tensors takes a constant only as the first of two inputs");
      }
      Act x = TokenOps.tokens(at, a, i);
      if (first != null && !x.tokens().equals(first.tokens())) {
        throw at.error(
            "its inputs "
                + TokenOps.describe(first)
                + " and "
                + TokenOps.describe(x)
                + " have the batch on different axes");
      }
      first = first == null ? x : first;
      ts.add(x.tensor());
    }
    int axis = first.njAxis(at, at.integer("axis", 1));
    Tensor t = at.guard(() -> Tensor.concatenate(ts, c -> c.axis(axis).name(at.name)));
    return Act.tokens(t, t.shape().toArray(), first.tokens());
  }

  /**
   * A stored tensor before the activation (ViT's class token before the patches): its ONNX dims,
   * batch included, of size 1 there, become the ConcatWeight's without the batch.
   */
  private Act concatWeight(Const c, Act x) {
    int axis = TokenOps.axis(at, x, at.integer("axis", 1));
    long[] full = x.withBatch();
    long[] cd = c.dims();
    int batch = x.tokens().axis();
    if (cd.length != full.length || cd[batch] != 1 && !x.tokens().merged()) {
      throw at.error(
          "concatenates a constant of dims "
              + Const.text(cd)
              + " with "
              + TokenOps.describe(x)
              + "; it needs the same rank and a batch axis of 1");
    }
    List<Integer> shape = new ArrayList<>();
    for (int i = 0; i < cd.length; i++) {
      if (i != batch || x.tokens().merged()) {
        shape.add(at.size(cd[i], "constant " + Const.text(cd) + ": a dimension"));
      }
    }
    org.neurojoule.layer.ConcatWeight spec =
        at.guard(
            () ->
                new org.neurojoule.layer.ConcatWeight(axis, shape, java.util.Optional.of(at.name)));
    Tensor t = at.guard(() -> x.tensor().apply(spec));
    if (!c.declaredOnly()) {
      at.guard(
          () -> {
            t.layer().setWeights(c.floats());
            return null;
          });
    }
    return Act.tokens(t, t.shape().toArray(), x.tokens());
  }
}
