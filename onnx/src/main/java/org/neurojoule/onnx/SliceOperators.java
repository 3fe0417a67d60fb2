package org.neurojoule.onnx;

import java.util.List;

/**
 * Split, Slice and Gather as {@link Operator}s: on constants folded; on an activation's channels
 * (or a token tensor's last axis) ChannelSlice layers; a Gather of one index a cropping, of a
 * constant table by ids an embedding ({@link Sequences}).
 */
final class SliceOperators {
  private SliceOperators() {}

  static final Operator SPLIT =
      Operator.named("Split")
          .reads("axis", "split")
          .mapsEach(c -> new Slices(c.at, c.x()).split(c.optionalConstant(1), c.opset))
          .build();
  static final Operator SLICE =
      Operator.named("Slice")
          .inputsSince(10, 3)
          .folds(c -> c.folding().slice(c.values()))
          .onTokens(c -> TokenOps.on(c, TokenOps::slice))
          .maps(SliceOperators::slice)
          .build();
  static final Operator GATHER =
      Operator.named("Gather")
          .inputs(2, 2)
          .reads("axis")
          .anyLayout()
          .folds(
              c -> {
                List<Const> v = c.values();
                return c.folding().gather(v.get(0), v.get(1), c.at.small("axis", 0));
              })
          .onSequence(c -> Sequences.on(c, Sequences::gatherOrEmbedding))
          .maps(SliceOperators::gather)
          .build();

  /** Opset 10+ inputs starts, ends, axes, steps; one axis (the channels), step 1. */
  private static Act slice(Call c) {
    if (c.opset < 10) {
      throw c.at.error("Slice before opset 10 (attributes) of an activation is not supported");
    }
    return new Slices(c.at, c.x())
        .slice(c.constant(1), c.constant(2), c.optionalConstant(3), c.optionalConstant(4));
  }

  /** Rows of a constant table by an activation's ids (an embedding), or one index of a tensor. */
  private static Object gather(Call c) {
    if (c.ins.size() == 2 && c.ins.get(0) instanceof Const && c.ins.get(1) instanceof Act) {
      return Sequences.on(c, Sequences::gatherOrEmbedding);
    }
    return TokenOps.on(c, TokenOps::gather);
  }
}
