package org.neurojoule.onnx;

import java.util.ArrayList;
import java.util.List;
import org.neurojoule.Tensor;

/**
 * One node being evaluated: the node, the values of its inputs ({@link Act}, {@link Seq}, {@link
 * Const}, or null for an absent optional input), the model's opset, and checked access to them for
 * an {@link Operator}'s fold and mapping.
 */
final class Call {
  final NodeAt at;

  /** The input values; a mapping may replace the first (a token tensor made channels last). */
  final List<Object> ins;

  final int opset;
  private final TensorData data;

  /** The import's quantized activations. */
  final Quantized quantized;

  Call(NodeAt at, List<Object> ins, int opset, TensorData data, Quantized quantized) {
    this.at = at;
    this.ins = new ArrayList<>(ins);
    this.opset = opset;
    this.data = data;
    this.quantized = quantized;
  }

  /** {@return this node with other input values (a QLinearConv as the Conv it computes)} */
  Call with(List<Object> values) {
    return new Call(at, values, opset, data, quantized);
  }

  /** {@return the first input, an activation} */
  Act x() {
    Object v = ins.get(0);
    if (!(v instanceof Act a)) {
      throw at.error("its first input '" + at.inputs().get(0) + "' must be an activation");
    }
    return a;
  }

  /** {@return input {@code i}, a constant: a weight or a folded shape} */
  Const constant(int i) {
    Object v = i < ins.size() ? ins.get(i) : null;
    if (v == null) {
      throw at.error("input " + i + " is missing");
    }
    if (!(v instanceof Const c)) {
      throw at.error(
          "input "
              + i
              + " '"
              + at.inputs().get(i)
              + "' must be a constant (a weight"
              + " or a folded shape), but it is computed from the graph input");
    }
    return c;
  }

  /** {@return input {@code i}, a constant, or null where it is absent} */
  Const optionalConstant(int i) {
    return i < ins.size() && ins.get(i) != null ? constant(i) : null;
  }

  /** {@return whether input {@code i} is given} */
  boolean present(int i) {
    return i < ins.size() && ins.get(i) != null;
  }

  /** {@return the result of a layer that keeps its input's shape and layout} */
  Act same(Tensor t) {
    return x().with(t);
  }

  /**
   * {@return the inputs of a node that folds, each with its values (absent inputs null)}
   *
   * @throws org.neurojoule.OnnxImportException where the file declares one by its shape only
   */
  List<Const> values() {
    List<Const> c = new ArrayList<>();
    for (int i = 0; i < ins.size(); i++) {
      Const k = (Const) ins.get(i);
      if (k != null && k.declaredOnly()) {
        throw at.error(
            "needs the values of input '"
                + at.inputs().get(i)
                + "', which the file"
                + " declares by its shape only (exported without weights)");
      }
      c.add(k);
    }
    return c;
  }

  /** {@return the constant folding of this node} */
  Folding folding() {
    return new Folding(at, data);
  }

  /** {@return the reader of the file's tensors (a Constant node's value)} */
  TensorData data() {
    return data;
  }
}
