package org.neurojoule.layer;

/**
 * Which arithmetic the statistics count.
 *
 * <p>{@link #KERAS_SPIKING} applies KerasSpiking's rules exactly, so published figures are
 * reproduced, including the layers it cannot count (depthwise and separable convolutions, pooling,
 * ...), which get zero and a warning. {@link #COMPLETE} also counts the arithmetic the reference
 * drops: depthwise and separable convolutions, average pooling and global average pooling. Batch
 * normalization (folded into the previous layer on deployment) and max pooling (comparisons, no
 * multiplications) count zero in both.
 */
public enum Accounting {
  /** KerasSpiking's rules exactly; its published figures, uncounted layers zero with a warning. */
  KERAS_SPIKING,
  /** Also counts what the reference drops: depthwise, separable and average pooling work. */
  COMPLETE
}
