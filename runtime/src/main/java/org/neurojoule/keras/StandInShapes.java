package org.neurojoule.keras;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;

/**
 * Output shapes of the common Keras layers NeuroJoule has no spec for yet, so that a model with
 * them still imports with {@code allowUnknown}. A stand-in only: when the layer algebra gains a
 * spec for one of these classes, LayerMapping maps it and its case here goes.
 */
final class StandInShapes {
  private StandInShapes() {}

  /** {@return the output shape, or empty if this class keeps its (first) input's shape} */
  static Optional<Shape> of(String className, Cfg c, Shape in) {
    int[] d = in.toArray();
    switch (className) {
      case "Embedding" -> {
        int[] out = java.util.Arrays.copyOf(d, d.length + 1);
        out[d.length] = c.positiveInt("output_dim");
        return Optional.of(Shape.of(out));
      }
      default -> {
        return Optional.empty();
      }
    }
  }
}
