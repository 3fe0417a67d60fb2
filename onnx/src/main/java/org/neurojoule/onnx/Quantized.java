package org.neurojoule.onnx;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.neurojoule.Dtype;
import org.neurojoule.Layer;
import org.neurojoule.Precision;
import org.neurojoule.Tensor;

/**
 * The quantized activations of one import and the {@link Precision} of the layers around them. An
 * activation always carries its dequantized values; this records which ones the file stores as
 * integers (after a QuantizeLinear, a QLinear operator or a graph input of an integer type), and
 * gives the layer that produces one that type as its activations'. A layer with weights records the
 * type of each weight (int8 where a DequantizeLinear made it from an int8 initializer) and, as its
 * activations, the type of its quantized input until a QuantizeLinear of its output says otherwise.
 */
final class Quantized {
  private final Map<Tensor, Dtype> types = new IdentityHashMap<>();

  /** {@return the integer type the file stores {@code t} in, or null for a float activation} */
  Dtype typeOf(Tensor t) {
    return types.get(t);
  }

  /** Records that the file stores {@code t} as {@code dtype}; its layer's activations are that. */
  void mark(Tensor t, Dtype dtype) {
    types.put(t, dtype);
    Layer l = t.layer();
    l.setPrecision(
        l.hasWeights()
            ? l.precision()
                .map(old -> new Precision(dtype, weightsOf(old)))
                .orElse(Precision.of(dtype, Dtype.FLOAT32))
            : Precision.uniform(dtype));
  }

  /** An empty list stores the weights like the activations: spelled out before those change. */
  private static List<Dtype> weightsOf(Precision p) {
    return p.weights().isEmpty() ? List.of(p.activations()) : p.weights();
  }

  /**
   * Gives the layer of a node whose weights the file stores as integers (int8 where a
   * DequantizeLinear made it from an int8 initializer) its precision: those weights' types, and
   * float32 activations until a QuantizeLinear of its output says otherwise. Nothing where the
   * node's operator recorded one itself, or made no layer of its own.
   */
  void record(Operator op, Call c, List<?> outs) {
    if (outs.isEmpty() || !(outs.get(0) instanceof Act y)) {
      return;
    }
    Layer l = y.tensor().layer();
    for (Object v : c.ins) {
      if (v instanceof Act a && a.tensor() == y.tensor()) {
        return; // a pass-through: the layer is an earlier node's
      }
    }
    if (l.precision().isPresent() || !l.hasWeights()) {
      return;
    }
    List<Dtype> weights = new ArrayList<>();
    boolean quantized = false;
    for (int i = 0; i < c.ins.size(); i++) {
      if ((op.weightAt(i) || op.storedOperands())
          && c.ins.get(i) instanceof Const k
          && (!op.storedOperands() || k.count() > 1)) {
        weights.add(k.quantized() ? k.stored() : Dtype.FLOAT32);
        quantized |= k.quantized();
      }
    }
    if (quantized) {
      l.setPrecision(new Precision(Dtype.FLOAT32, weights));
    }
  }
}
