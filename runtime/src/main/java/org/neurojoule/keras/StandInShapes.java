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
      case "RepeatVector" -> {
        return Optional.of(Shape.of(c.positiveInt("n"), d[d.length - 1]));
      }
      case "SimpleRNN", "LSTM", "GRU" -> {
        return Optional.of(recurrent(c, in, 1));
      }
      case "Bidirectional" -> {
        Cfg inner = c.object("layer", c.where()).object("config", c.where());
        String mode = c.optString("merge_mode").orElse("concat");
        return Optional.of(recurrent(inner, in, mode.equals("concat") ? 2 : 1));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static Shape recurrent(Cfg c, Shape in, int factor) {
    int units = Math.multiplyExact(c.positiveInt("units"), factor);
    return c.bool("return_sequences", false) ? Shape.of(in.get(0), units) : Shape.of(units);
  }
}
