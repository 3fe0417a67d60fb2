package org.neurojoule.onnx;

import java.util.Arrays;
import java.util.List;
import org.neurojoule.Tensor;
import org.neurojoule.shape.ChannelAxis;

/**
 * The operators that change a tensor's shape, as {@link Operator}s: on constants folded, on a token
 * tensor by {@link TokenOps}, on a sequence by {@link Sequences}, and on an activation of the
 * convolution world as a Flatten, Reshape or Permute, or no layer where the units keep their order.
 * Shape reads the dimensions of any value.
 */
final class ShapeOperators {
  private ShapeOperators() {}

  static final Operator RESHAPE =
      Operator.named("Reshape")
          .inputs(2)
          .folds(
              c -> {
                List<Const> v = c.values();
                return c.folding().reshape(v.get(0), v.get(1));
              })
          .onTokens(c -> TokenOps.on(c, TokenOps::reshape))
          .maps(
              c ->
                  reshapeTo(
                      c,
                      c.x(),
                      withoutBatch(
                          Shapes.resolve(
                              c.at, Folding.withBatch(c.x().onnx()), c.constant(1).longs()))))
          .build();
  static final Operator FLATTEN =
      Operator.named("Flatten")
          .reads("axis")
          .folds(c -> c.folding().flatten(c.values().get(0)))
          .onTokens(c -> TokenOps.on(c, TokenOps::flatten))
          .maps(ShapeOperators::flatten)
          .build();
  static final Operator SQUEEZE =
      Operator.named("Squeeze")
          .reads("axes")
          .folds(
              c -> {
                List<Const> v = c.values();
                return c.folding().squeeze(v.get(0), c.folding().axes(v));
              })
          .onTokens(c -> TokenOps.on(c, TokenOps::squeeze))
          .onSequence(c -> Sequences.on(c, Sequences::squeeze))
          .maps(ShapeOperators::squeeze)
          .build();
  static final Operator UNSQUEEZE =
      Operator.named("Unsqueeze")
          .reads("axes")
          .folds(
              c -> {
                List<Const> v = c.values();
                return c.folding().unsqueeze(v.get(0), c.folding().axes(v));
              })
          .onTokens(c -> TokenOps.on(c, TokenOps::squeeze))
          .maps(ShapeOperators::squeeze)
          .build();
  static final Operator TRANSPOSE =
      Operator.named("Transpose")
          .reads("perm")
          .folds(c -> c.folding().transpose(c.values().get(0)))
          .onTokens(c -> TokenOps.on(c, TokenOps::transpose))
          .onSequence(c -> Sequences.on(c, Sequences::transpose))
          .maps(
              c ->
                  Sequences.startsSequence(c)
                      ? Sequences.on(c, Sequences::transpose)
                      : transpose(c))
          .build();
  static final Operator SHAPE =
      Operator.named("Shape")
          .reads("end", "start")
          .folds(c -> Folding.shape(c.ins.get(0)))
          .foldsAnyInput()
          .onSequence(c -> Sequences.on(c, Sequences::shape))
          .build();

  private static Act flatten(Call c) {
    Act x = c.x();
    if (c.at.integer("axis", 1) != 1) {
      throw c.at.error(
          "Flatten with axis "
              + c.at.integer("axis", 1)
              + " is not supported (axis"
              + " 1 keeps the batch and flattens the rest)");
    }
    return reshapeTo(c, x, new int[] {Math.toIntExact(x.units())});
  }

  private static int[] withoutBatch(long[] full) {
    return Arrays.stream(full).skip(1).mapToInt(Math::toIntExact).toArray();
  }

  /** Squeeze or Unsqueeze: axes from the second input (opset 13) or the attribute. */
  private static Act squeeze(Call c) {
    Act x = c.x();
    long[] axes = c.present(1) ? c.constant(1).longs() : c.at.integers("axes");
    Const shape =
        new Folding(c.at, null)
            .reshaped(c.at.op(), new Const(Folding.withBatch(x.onnx()), new double[0]), axes);
    return reshapeTo(c, x, withoutBatch(shape.dims()));
  }

  /**
   * A change of shape that keeps the unit order: a flatten (the units keep their channels-first
   * index), or a reshape where the two layouts agree.
   */
  private static Act reshapeTo(Call c, Act x, int[] target) {
    NodeAt at = c.at;
    if (target.length > 0 && target.length == x.onnx().length && Arrays.equals(target, x.onnx())) {
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
    if (target.length > 0
        && (x.plainOrder() && probe.plainOrder() || sameSpatial(x.onnx(), target))) {
      Tensor t =
          at.guard(
              () -> x.tensor().reshape(ChannelAxis.channelsLast(target), r -> r.name(at.name)));
      return Act.of(t, target);
    }
    if (target.length > 1 && x.order() == null) {
      return new Regroup(at).reshape(x, target);
    }
    throw at.error(
        "reshapes "
            + Const.text(x.onnx())
            + " to "
            + Const.text(target)
            + ", which"
            + " reorders channels-first data; not supported yet");
  }

  /**
   * Same channels, the spatial axes merged or split ({@code (768, 14, 14) -> (768, 196)}): channels
   * last, the positions keep their row-major order, so the unit order is kept.
   */
  private static boolean sameSpatial(int[] a, int[] b) {
    return a.length >= 2 && b.length >= 2 && a[0] == b[0];
  }

  private static Act transpose(Call c) {
    NodeAt at = c.at;
    Act x = c.x();
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
      throw at.error(
          "Transpose "
              + (perm == null ? "without perm" : Arrays.toString(perm))
              + " of an activation "
              + Const.text(x.onnx())
              + " is not supported (it must keep the"
              + " batch first)");
    }
    return new Regroup(at).transpose(x, perm);
  }
}
