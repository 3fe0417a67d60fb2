package org.neurojoule.keras;

import org.neurojoule.layer.PoolKind;
import org.neurojoule.layer.Pooling;

/**
 * Keras' MaxPooling and AveragePooling in 1 to 3 dimensions: {@code strides} defaults to the pool
 * size, which binding by name would not give. (The global poolings bind by name.)
 */
final class PoolingLayers {
  private PoolingLayers() {}

  /** {@return Keras' {@code MaxPooling2D} and the like, by kind and rank} */
  static KerasLayerDescriptor pooling(PoolKind kind, int rank) {
    String className = (kind == PoolKind.MAX ? "Max" : "Average") + "Pooling" + rank + "D";
    return KerasLayerDescriptor.of(
        className,
        (c, in) -> {
          int[] pool = ConfigKeys.toArray(c.positiveInts("pool_size", rank, 2));
          int[] strides =
              c.has("strides") ? ConfigKeys.toArray(c.positiveInts("strides", rank)) : pool;
          return Pooling.of(kind, rank, pool)
              .strides(strides)
              .padding(ConfigKeys.padding(c))
              .name(ConfigKeys.name(c));
        },
        "pool_size",
        "strides",
        "padding");
  }
}
