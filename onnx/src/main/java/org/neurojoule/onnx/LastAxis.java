package org.neurojoule.onnx;

import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Activation;

/**
 * Softmax and LogSoftmax over one axis: NeuroJoule normalizes its last axis, so another axis is
 * permuted there and back (zero-cost {@code <node>_to_last} and {@code <node>_back} permutes).
 * Before opset 13 ONNX normalizes the axes from {@code axis} on as one: that is one axis where the
 * others are 1, and every unit (in any order) from the first axis.
 */
final class LastAxis {
  private LastAxis() {}

  static Act softmax(NodeAt at, Act x, int opset) {
    return normalize(at, x, opset, t -> t.softmax(s -> s.name(at.name)));
  }

  static Act logSoftmax(NodeAt at, Act x, int opset) {
    return normalize(at, x, opset, t -> t.activation(Activation.LOG_SOFTMAX, l -> l.name(at.name)));
  }

  private static Act normalize(NodeAt at, Act x, int opset, UnaryOperator<Tensor> last) {
    long axis = at.integer("axis", opset >= 13 ? -1 : 1);
    int[] d = x.onnx();
    int rank = d.length;
    int tokenAxis = x.njAxis(at, axis); // refuses the batch and axes beyond the rank
    if (x.isTokens()) {
      if (opset < 13 && rank > 1) {
        throw at.error(
            at.op()
                + " before opset 13 flattens the dims from axis "
                + axis
                + ";"
                + " on a token tensor only opset 13's one axis is supported");
      }
      return toLastAndBack(at, x, tokenAxis, last);
    }
    int first = (int) (axis < 0 ? axis + rank : axis - 1); // in d, without the batch
    int k = first;
    if (opset < 13 && rank > 1) {
      if (first == 0) {
        String flatName = at.derived("_flat");
        String backName = at.derived("_back");
        return keep(
            x,
            at.guard(
                () -> {
                  Tensor flat =
                      x.tensor()
                          .reshape(new int[] {Math.toIntExact(x.units())}, r -> r.name(flatName));
                  return last.apply(flat)
                      .reshape(x.tensor().shape().toArray(), r -> r.name(backName));
                }));
      }
      int[] wide = IntStream.range(first, rank).filter(i -> d[i] != 1).toArray();
      if (wide.length > 1) {
        throw at.error(
            at.op()
                + " before opset 13 normalizes the dims "
                + Const.text(java.util.Arrays.stream(d, first, rank).asLongStream().toArray())
                + " from axis "
                + axis
                + " as one; supported where one of them is above 1, or from axis 1");
      }
      k = wide.length == 1 ? wide[0] : first;
    }
    return toLastAndBack(at, x, rank == 1 || k == 0 ? rank : k, last); // channels last
  }

  /** {@code last} over NeuroJoule's 1-based axis {@code nj}, permuted there and back if need be. */
  private static Act toLastAndBack(NodeAt at, Act x, int nj, UnaryOperator<Tensor> last) {
    int rank = x.tensor().shape().rank();
    if (nj == rank) {
      return keep(x, at.guard(() -> last.apply(x.tensor())));
    }
    int[] toLast =
        IntStream.concat(IntStream.rangeClosed(1, rank).filter(i -> i != nj), IntStream.of(nj))
            .toArray();
    int[] back = new int[rank];
    for (int i = 0; i < rank; i++) {
      back[toLast[i] - 1] = i + 1;
    }
    String toLastName = at.derived("_to_last");
    String backName = at.derived("_back");
    return keep(
        x,
        at.guard(
            () ->
                last.apply(x.tensor().permute(toLast, p -> p.name(toLastName)))
                    .permute(back, p -> p.name(backName))));
  }

  /** The result of an element-wise or per-axis op: the layout of its input. */
  static Act keep(Act x, Tensor t) {
    return x.with(t);
  }
}
