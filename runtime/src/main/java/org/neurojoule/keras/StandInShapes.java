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
      case "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D" ->
          resizeSpatial(d, c, "padding", className.charAt(11) - '0', +1);
      case "Cropping1D", "Cropping2D", "Cropping3D" ->
          resizeSpatial(d, c, "cropping", className.charAt(8) - '0', -1);
      case "UpSampling1D", "UpSampling2D", "UpSampling3D" -> {
        int rank = className.charAt(10) - '0';
        List<Integer> size = c.positiveInts("size", rank, 2);
        for (int i = 0; i < rank; i++) {
          d[i] = d[i] < 0 ? -1 : Math.multiplyExact(d[i], size.get(i));
        }
      }
      case "RepeatVector" -> {
        return Optional.of(Shape.of(c.positiveInt("n"), d[d.length - 1]));
      }
      case "Embedding" -> {
        int[] out = java.util.Arrays.copyOf(d, d.length + 1);
        out[d.length] = c.positiveInt("output_dim");
        return Optional.of(Shape.of(out));
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
    return Optional.of(Shape.of(d));
  }

  private static Shape recurrent(Cfg c, Shape in, int factor) {
    int units = Math.multiplyExact(c.positiveInt("units"), factor);
    return c.bool("return_sequences", false) ? Shape.of(in.get(0), units) : Shape.of(units);
  }

  /** Padding ({@code sign} +1) or cropping (-1): an int, one per axis, or (before, after) pairs. */
  private static void resizeSpatial(int[] d, Cfg c, String field, int rank, int sign) {
    var e = c.raw(field);
    for (int i = 0; i < rank; i++) {
      long total;
      if (e instanceof com.google.gson.JsonArray a && a.size() == rank
          && a.get(i) instanceof com.google.gson.JsonArray pair && pair.size() == 2) {
        total = need(c, field, pair.get(0)) + need(c, field, pair.get(1));
      } else if (e instanceof com.google.gson.JsonArray a && rank == 1 && a.size() == 2) {
        total = need(c, field, a.get(0)) + need(c, field, a.get(1));
      } else if (e instanceof com.google.gson.JsonArray a && a.size() == rank) {
        total = 2 * need(c, field, a.get(i));
      } else {
        total = 2 * need(c, field, e);
      }
      if (d[i] >= 0) {
        long out = d[i] + sign * total;
        if (out <= 0 || out > Integer.MAX_VALUE) {
          throw c.error("field '" + field + "' leaves axis " + (i + 1) + " with " + out
              + " entries");
        }
        d[i] = (int) out;
      }
    }
  }

  private static long need(Cfg c, String field, com.google.gson.JsonElement e) {
    Long v = Cfg.asLong(e);
    if (v == null || v < 0 || v > Integer.MAX_VALUE) {
      throw c.error("field '" + field + "' must hold non-negative integers, was "
          + Cfg.shortText(c.raw(field)));
    }
    return v;
  }
}
