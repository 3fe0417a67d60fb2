package org.neurojoule.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.neurojoule.Tensor;
import org.neurojoule.layer.ChannelSlice;

/**
 * Operators on token tensors ({@link Act.Tokens}): a transformer's {@code (S, E)} and the layouts
 * PyTorch's {@code nn.MultiheadAttention} moves it through, {@code (S, N, E)} and the heads folded
 * into the batch {@code (N·H, S, hd)}. The NeuroJoule tensor keeps ONNX's axis order; each operator
 * tracks where the batch goes, so that the batch is never mixed with another axis. The {@link
 * Operator}s that take token tensors name their mapping here.
 */
final class TokenOps {
  private final NodeAt at;
  private final List<Object> ins;

  TokenOps(NodeAt at, List<Object> ins) {
    this.at = at;
    this.ins = ins;
  }

  /**
   * {@return {@code op} of this node's first input, an activation, as a token tensor (a
   * channels-last one permuted to ONNX's order first)}
   */
  static Act on(Call c, BiFunction<TokenOps, Act, Act> op) {
    return op.apply(new TokenOps(c.at, c.ins), tokens(c.at, c.x()));
  }

  /** Reshape to the constant target of input 1. */
  Act reshape(Act x) {
    return reshape(x, constant(1).longs());
  }

  /** {@code x} as a token tensor: a channels-last one permuted to ONNX's order (zero cost). */
  static Act tokens(NodeAt at, Act x) {
    return tokens(at, x, 0);
  }

  /** As {@link #tokens(NodeAt, Act)} for the node's input {@code input} (its Permute's name). */
  static Act tokens(NodeAt at, Act x, int input) {
    if (x.isTokens()) {
      return x;
    }
    int r = x.onnx().length;
    if (r <= 1) {
      if (x.order() != null) {
        throw at.error(
            "its input is a flattened channels-first tensor "
                + Const.text(x.onnx())
                + "; as a token tensor it is not supported yet");
      }
      return new Act(x.tensor(), x.onnx(), null, new Act.Tokens(0, false));
    }
    int[] dims = new int[r];
    dims[0] = r;
    for (int k = 1; k < r; k++) {
      dims[k] = k;
    }
    Tensor t =
        at.guard(
            () ->
                x.tensor()
                    .permute(
                        dims,
                        p -> p.name(at.name + "_onnx_order" + (input == 0 ? "" : "_" + input))));
    return new Act(t, x.onnx(), null, new Act.Tokens(0, false));
  }

  /** {@code x} in the convolution world: a token tensor with its batch first, channels last. */
  static Act channelsLast(NodeAt at, Act x) {
    if (!x.isTokens()) {
      return x;
    }
    if (x.tokens().axis() != 0 || x.tokens().merged()) {
      throw at.error(
          at.op()
              + " needs the batch first, but its input "
              + describe(x)
              + " has it"
              + (x.tokens().merged() ? " merged into" : " at")
              + " axis "
              + x.tokens().axis());
    }
    int r = x.onnx().length;
    if (r <= 1) {
      return Act.of(x.tensor(), x.onnx());
    }
    int[] dims = new int[r];
    for (int k = 0; k < r - 1; k++) {
      dims[k] = k + 2;
    }
    dims[r - 1] = 1;
    Tensor t = at.guard(() -> x.tensor().permute(dims, p -> p.name(at.name + "_channels_last")));
    return Act.of(t, x.onnx());
  }

  /** {@code (197, N, 768)}: the ONNX shape with the batch written as N (times its part). */
  static String describe(Act x) {
    long[] d = x.withBatch();
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < d.length; i++) {
      b.append(i > 0 ? ", " : "");
      if (x.tokens() != null && i == x.tokens().axis()) {
        b.append(x.tokens().merged() ? "N*" + d[i] : "N");
      } else {
        b.append(d[i]);
      }
    }
    return b.append(d.length == 1 ? ",)" : ")").toString();
  }

  private Const constant(int i) {
    Object v = i < ins.size() ? ins.get(i) : null;
    if (!(v instanceof Const c) || c.declaredOnly()) {
      throw at.error("input " + i + " must be a constant with values");
    }
    return c;
  }

  /** The NeuroJoule axis of ONNX axis {@code a} (with the batch); the batch itself is an error. */
  static int axis(NodeAt at, Act x, long a) {
    int rank = x.withBatch().length;
    long r = a < 0 ? a + rank : a;
    if (r < 0 || r >= rank) {
      throw at.error("axis " + a + " is out of range for " + describe(x));
    }
    int b = x.tokens().axis();
    if (r == b) {
      throw at.error(
          "axis "
              + a
              + " of "
              + describe(x)
              + " is the batch"
              + (x.tokens().merged() ? " (merged with the heads)" : "")
              + "; not supported");
    }
    return (int) (x.tokens().merged() || r < b ? r : r - 1);
  }

  /**
   * A reshape that keeps each example's values together: the batch lands on the first output axis
   * whose preceding sizes multiply to those before it in the input, as the outermost factor of that
   * axis ({@code (S, N, E) -> (S, N·H, hd)}); where that axis is N alone it is dropped.
   */
  Act reshape(Act x, long[] target) {
    long[] in = x.withBatch();
    long[] out = Shapes.resolve(at, in, target);
    int b = x.tokens().axis();
    long before = 1;
    for (int i = 0; i < b; i++) {
      before *= in[i];
    }
    int j = -1;
    long p = 1;
    for (int i = 0; i < out.length && j < 0; i++) {
      if (p == before) {
        j = i;
      }
      p *= out[i];
    }
    if (j < 0) {
      throw at.error(
          "reshapes "
              + describe(x)
              + " to "
              + Const.text(out)
              + ", which splits the"
              + " axes before the batch differently; the batch would mix with other axes");
    }
    boolean merged = out[j] != 1;
    int[] example = new int[merged ? out.length : out.length - 1];
    int k = 0;
    for (int i = 0; i < out.length; i++) {
      if (merged || i != j) {
        example[k++] = Math.toIntExact(out[i]);
      }
    }
    Act.Tokens layout = new Act.Tokens(j, merged);
    if (Arrays.equals(example, x.onnx())) {
      return Act.tokens(x.tensor(), example, layout);
    }
    Tensor t = at.guard(() -> x.tensor().reshape(example, r -> r.name(at.name)));
    return Act.tokens(t, example, layout);
  }

  Act flatten(Act x) {
    long[] in = x.withBatch();
    int axis = (int) at.integer("axis", 1);
    int a = axis < 0 ? axis + in.length : axis;
    if (a < 0 || a > in.length) {
      throw at.error("axis " + axis + " is out of range for " + describe(x));
    }
    long outer = 1;
    for (int i = 0; i < a; i++) {
      outer *= in[i];
    }
    return reshape(x, new long[] {outer, -1});
  }

  Act squeeze(Act x) {
    long[] axes = ins.size() > 1 && ins.get(1) != null ? constant(1).longs() : at.integers("axes");
    Const shape =
        new Folding(at, null).reshaped(at.op(), new Const(x.withBatch(), new double[0]), axes);
    return reshape(x, shape.dims());
  }

  /** A Permute of the example's axes (none where only the batch moves). */
  Act transpose(Act x) {
    long[] perm = at.integers("perm");
    int rank = x.withBatch().length;
    long[] p = perm;
    if (p == null) {
      p = new long[rank];
      for (int i = 0; i < rank; i++) {
        p[i] = rank - 1 - i;
      }
    }
    boolean[] seen = new boolean[rank];
    for (long a : p) {
      if (p.length != rank || a < 0 || a >= rank || seen[(int) a]) {
        throw at.error(
            "perm " + Arrays.toString(p) + " is not a permutation of the axes of " + describe(x));
      }
      seen[(int) a] = true;
    }
    int b = x.tokens().axis();
    boolean merged = x.tokens().merged();
    if (b == 0 && !merged && Arrays.equals(p, new long[] {0, 2, 1})) {
      // (L, C) back to (C, L): channels last, that is this very tensor.
      return Act.of(x.tensor(), new int[] {x.onnx()[1], x.onnx()[0]});
    }
    int newBatch = -1;
    List<Integer> from = new ArrayList<>();
    for (int k = 0; k < rank; k++) {
      if (p[k] == b) {
        newBatch = k;
        if (!merged) {
          continue;
        }
      }
      from.add((int) (merged || p[k] < b ? p[k] : p[k] - 1));
    }
    int[] dims = new int[from.size()];
    int[] example = new int[from.size()];
    boolean identity = true;
    for (int i = 0; i < dims.length; i++) {
      dims[i] = from.get(i) + 1;
      example[i] = x.onnx()[from.get(i)];
      identity &= from.get(i) == i;
    }
    Act.Tokens layout = new Act.Tokens(newBatch, merged);
    if (identity) {
      return Act.tokens(x.tensor(), example, layout);
    }
    Tensor t = at.guard(() -> x.tensor().permute(dims, q -> q.name(at.name)));
    return Act.tokens(t, example, layout);
  }

  /**
   * Batched over the leading axes, the batch on the same axis of both (the heads of attention's
   * {@code Q Kᵀ} and {@code softmax · V}); as the MatMul layer, COMPLETE mode counting M·K·N
   * multiply-adds per batch entry.
   */
  Act matMul(Act a, Act b) {
    int r = a.withBatch().length;
    if (!a.tokens().equals(b.tokens()) || r != b.withBatch().length) {
      throw at.error(
          "MatMul of "
              + describe(a)
              + " and "
              + describe(b)
              + " needs the batch on"
              + " the same axis of both, of the same rank");
    }
    if (a.tokens().axis() >= r - 2) {
      throw at.error(
          "MatMul of "
              + describe(a)
              + " and "
              + describe(b)
              + " has the batch on a"
              + " matrix axis; it must be one of the leading ones");
    }
    int[] x = a.onnx();
    int[] y = b.onnx();
    if (x[x.length - 1] != y[y.length - 2]) {
      throw at.error(
          "MatMul of "
              + describe(a)
              + " and "
              + describe(b)
              + ": the last axis of"
              + " the first must equal the second-last of the second");
    }
    Tensor t = at.guard(() -> Tensor.matMul(a.tensor(), b.tensor(), m -> m.name(at.name)));
    return Act.tokens(t, t.shape().toArray(), a.tokens());
  }

  /** One index on one axis, as {@code x[:, 0]} reads the class token: a cropping (zero cost). */
  Act gather(Act x) {
    Const index = constant(1);
    long axis = at.integer("axis", 0);
    int k = axis(at, x, axis);
    int[] d = x.onnx();
    if (index.count() != 1 || index.dims().length > 1) {
      throw at.error(
          "Gather of an activation "
              + describe(x)
              + " takes one index (a scalar or"
              + " one element), has dims "
              + Const.text(index.dims()));
    }
    long i = (long) index.values()[0];
    long at0 = i < 0 ? i + d[k] : i;
    if (at0 < 0 || at0 >= d[k]) {
      throw at.error("index " + i + " is out of range for axis " + axis + " of " + describe(x));
    }
    int begin = (int) at0;
    Tensor kept;
    if (k == d.length - 1) {
      kept =
          at.guard(
              () -> x.tensor().apply(ChannelSlice.of(begin, begin + 1).name(at.name + "_slice")));
    } else if (k == 0 && d.length == 2) {
      kept =
          d[0] == 1
              ? x.tensor()
              : at.guard(
                  () ->
                      x.tensor()
                          .cropping1d(
                              new int[] {begin, d[0] - 1 - begin}, c -> c.name(at.name + "_crop")));
    } else {
      throw at.error(
          "Gather on axis "
              + axis
              + " of "
              + describe(x)
              + " is supported on the"
              + " last axis or the first of a rank-2 example only");
    }
    int[] one = d.clone();
    one[k] = 1;
    boolean drop = index.dims().length == 0;
    int[] example = drop ? removeAxis(one, k) : one;
    Act.Tokens layout = x.tokens();
    long full = axis < 0 ? axis + x.withBatch().length : axis;
    if (drop && full < layout.axis()) {
      layout = new Act.Tokens(layout.axis() - 1, layout.merged());
    }
    Tensor t =
        at.guard(
            () ->
                kept.reshape(example.length == 0 ? new int[] {1} : example, r -> r.name(at.name)));
    return Act.tokens(t, example.length == 0 ? new int[] {1} : example, layout);
  }

  private static int[] removeAxis(int[] d, int k) {
    int[] out = new int[d.length - 1];
    for (int i = 0, j = 0; i < d.length; i++) {
      if (i != k) {
        out[j++] = d[i];
      }
    }
    return out;
  }

  /** Last-axis Slice with step 1 (attention's q, k, v from in_proj's output): a ChannelSlice. */
  Act slice(Act x) {
    Const starts = constant(1);
    Const ends = constant(2);
    Const axes = ins.size() > 3 && ins.get(3) != null ? constant(3) : null;
    Const steps = ins.size() > 4 && ins.get(4) != null ? constant(4) : null;
    int rank = x.withBatch().length;
    long axis = axes == null ? 0 : (long) axes.values()[0];
    if (starts.count() != 1
        || ends.count() != 1
        || axes != null && axes.count() != 1
        || steps != null && (steps.count() != 1 || steps.values()[0] != 1)
        || (axis < 0 ? axis + rank : axis) != rank - 1) {
      throw at.error(
          "slices a token tensor " + describe(x) + " on its last axis with step 1" + " only");
    }
    int k = axis(at, x, axis);
    int size = x.onnx()[k];
    long begin = clamp((long) starts.values()[0], size);
    long end = clamp((long) ends.values()[0], size);
    if (end <= begin) {
      throw at.error("slice [" + begin + ", " + end + ") of " + size + " features is empty");
    }
    Tensor t =
        at.guard(() -> x.tensor().apply(ChannelSlice.of((int) begin, (int) end).name(at.name)));
    int[] example = x.onnx().clone();
    example[k] = (int) (end - begin);
    return Act.tokens(t, example, x.tokens());
  }

  private static long clamp(long i, int size) {
    long v = i < 0 ? i + size : i;
    return Math.max(0, Math.min(size, v));
  }

  /**
   * ONNX's LayerNormalization (or the written-out pattern folded into one, see {@link Patterns})
   * over the last axis: a LayerNormalization layer with gamma and beta as its weights.
   */
  Act layerNorm(Act x) {
    long axis = at.integer("axis", -1);
    int rank = x.withBatch().length;
    if ((axis < 0 ? axis + rank : axis) != rank - 1) {
      throw at.error(
          "LayerNormalization over axis "
              + axis
              + " of "
              + describe(x)
              + " is not"
              + " supported (only the last axis)");
    }
    int features = x.onnx()[x.onnx().length - 1];
    Object g = ins.size() > 1 ? ins.get(1) : null;
    Object bb = ins.size() > 2 ? ins.get(2) : null;
    Const gamma = g instanceof Const c ? c : null;
    Const beta = bb instanceof Const c ? c : null;
    if (gamma == null
        || gamma.count() != features
        || bb != null && (beta == null || beta.count() != features)) {
      throw at.error(
          "LayerNormalization of "
              + describe(x)
              + " needs a constant scale"
              + (bb == null ? "" : " and bias")
              + " of "
              + features
              + " values");
    }
    double eps = at.real("epsilon", 1e-5);
    boolean center = beta != null;
    Tensor t =
        at.guard(
            () -> x.tensor().layerNormalization(l -> l.epsilon(eps).center(center).name(at.name)));
    if (!gamma.declaredOnly() && (beta == null || !beta.declaredOnly())) {
      at.guard(
          () -> {
            if (beta == null) {
              t.layer().setWeights(gamma.floats());
            } else {
              t.layer().setWeights(gamma.floats(), beta.floats());
            }
            return null;
          });
    }
    return x.with(t);
  }
}
