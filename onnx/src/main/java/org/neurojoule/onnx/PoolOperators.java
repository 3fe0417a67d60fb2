package org.neurojoule.onnx;

import org.neurojoule.layer.PoolKind;

/**
 * Pooling, padding and resizing as {@link Operator}s, each mapped by {@link Pools} onto a
 * channels-last activation (a token tensor is permuted to channels last first).
 */
final class PoolOperators {
  private PoolOperators() {}

  static final Operator MAX_POOL =
      Operator.named("MaxPool")
          .reads("auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "strides")
          .maps(c -> new Pools(c.at, c.x()).pool(PoolKind.MAX))
          .build();
  static final Operator AVERAGE_POOL =
      Operator.named("AveragePool")
          .reads(
              "auto_pad",
              "ceil_mode",
              "count_include_pad",
              "dilations",
              "kernel_shape",
              "pads",
              "strides")
          .maps(c -> new Pools(c.at, c.x()).pool(PoolKind.AVERAGE))
          .build();
  static final Operator GLOBAL_AVERAGE_POOL =
      Operator.named("GlobalAveragePool")
          .maps(c -> new Pools(c.at, c.x()).global(PoolKind.AVERAGE))
          .build();
  static final Operator GLOBAL_MAX_POOL =
      Operator.named("GlobalMaxPool")
          .maps(c -> new Pools(c.at, c.x()).global(PoolKind.MAX))
          .build();

  /** Over every spatial axis: a global average pooling. */
  static final Operator REDUCE_MEAN =
      Operator.named("ReduceMean")
          .reads("axes", "keepdims")
          .maps(c -> new Pools(c.at, c.x()).reduceMean(c.ins.size() > 1 ? c.constant(1) : null))
          .build();

  static final Operator PAD =
      Operator.named("Pad")
          .reads("mode", "pads", "value")
          .maps(c -> new Pools(c.at, c.x()).pad(c.ins.size() > 1 ? c.constant(1) : null, c.ins))
          .build();
  static final Operator RESIZE =
      Operator.named("Resize")
          .reads("mode", "scales")
          .maps(c -> new Pools(c.at, c.x()).resize(c.ins))
          .build();
  static final Operator UPSAMPLE =
      Operator.named("Upsample")
          .reads("mode", "scales")
          .maps(c -> new Pools(c.at, c.x()).resize(c.ins))
          .build();
}
