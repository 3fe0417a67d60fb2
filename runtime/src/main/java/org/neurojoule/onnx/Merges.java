package org.neurojoule.onnx;

import java.util.ArrayList;
import java.util.List;
import org.neurojoule.Tensor;

/**
 * Add, Sub, Mul between activations (the merge layers, broadcasting as ONNX does) or with a scalar
 * constant (a Rescaling), and Concat.
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
    if (c.declaredOnly() || c.count() != 1) {
      throw at.error(at.op() + " of an activation and a constant of dims " + Const.text(c.dims())
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
      default -> {
        scale = v;
        offset = 0;
      }
    }
    Tensor t = at.guard(() -> x.tensor().rescaling(scale, r -> r.offset(offset).name(at.name)));
    return new Act(t, x.onnx(), x.order());
  }

  private Act between(Act x, Act y) {
    if (x.onnx().length == 1 && y.onnx().length == 1
        && !java.util.Objects.equals(x.order(), y.order())) {
      throw at.error("its inputs order their units differently (one is a flattened"
          + " channels-first tensor); not supported yet");
    }
    List<Tensor> both = List.of(x.tensor(), y.tensor());
    Tensor t = at.guard(() -> switch (at.op()) {
      case "Add" -> Tensor.add(both, m -> m.name(at.name));
      case "Sub" -> Tensor.subtract(x.tensor(), y.tensor(), m -> m.name(at.name));
      default -> Tensor.multiply(both, m -> m.name(at.name));
    });
    if (t.shape().rank() <= 1) {
      return new Act(t, t.shape().toArray(), x.order());
    }
    return Act.channelsLastOf(t);
  }

  Act concat() {
    List<Tensor> ts = new ArrayList<>();
    Act first = null;
    for (int i = 0; i < ins.size(); i++) {
      if (!(ins.get(i) instanceof Act a)) {
        throw at.error("input '" + at.inputs().get(i) + "' is a constant; Concat of activations"
            + " and constants is not supported yet");
      }
      if (a.onnx().length == 1 && a.order() != null) {
        throw at.error("input '" + at.inputs().get(i) + "' is a flattened channels-first"
            + " tensor; concatenating it is not supported yet");
      }
      first = first == null ? a : first;
      ts.add(a.tensor());
    }
    int axis = Ops.njAxis(at, first, at.integer("axis", 1));
    Tensor t = at.guard(() -> Tensor.concatenate(ts, c -> c.axis(axis).name(at.name)));
    return t.shape().rank() <= 1 ? Act.of(t, t.shape().toArray()) : Act.channelsLastOf(t);
  }
}
