package org.neurojoule;

import java.util.ArrayList;
import java.util.List;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.shape.Shape;

/**
 * Warns about inputs that look channels-first. NeuroJoule is channels-last, as Keras is by default,
 * so {@code input(3, 32, 32).conv2d(32, 3)} convolves 3x32 "images" of 32 channels: a valid
 * network, and almost never the one meant.
 */
final class LayoutWarnings {
  /** At most this many channels look like colour or grey channels: 1, 3 (RGB) or 4 (RGBA). */
  private static final int FEW_CHANNELS = 4;

  private LayoutWarnings() {}

  /** One warning per model input that a spatial layer reads as channels-first data. */
  static List<String> of(Model model) {
    List<String> warnings = new ArrayList<>();
    for (Tensor node : model.executionOrder()) {
      LayerSpec spec = node.layer().spec();
      if (!spec.readsChannelsLast()) {
        continue;
      }
      for (Tensor in : node.inputs()) {
        if (in.layer().spec().isInput() && looksChannelsFirst(in.shape())) {
          String warning =
              "Input '"
                  + model.nameOf(in.layer())
                  + "' has shape "
                  + in.shape().toKerasString()
                  + ", which looks channels-first; NeuroJoule is"
                  + " channels-last (as Keras by default), so '"
                  + model.nameOf(node.layer())
                  + "' ("
                  + spec.type()
                  + ") reads its last axis, "
                  + last(in.shape())
                  + ", as the channels. If the data has "
                  + in.shape().get(0)
                  + " channels, declare the input with the channels last: Model.input"
                  + channelsLast(in.shape())
                  + ".";
          if (!warnings.contains(warning)) {
            warnings.add(warning);
          }
        }
      }
    }
    return warnings;
  }

  /** A few channels first and many last, with every axis known: (3, 32, 32), (1, 28, 28). */
  static boolean looksChannelsFirst(Shape shape) {
    if (shape.rank() < 2 || !shape.isFullyDefined()) {
      return false;
    }
    int first = shape.get(0);
    int last = last(shape);
    return first <= FEW_CHANNELS
        && last > FEW_CHANNELS
        && last >= 4 * first
        && shape.get(shape.rank() - 2) > FEW_CHANNELS;
  }

  private static int last(Shape shape) {
    return shape.get(shape.rank() - 1);
  }

  private static String channelsLast(Shape shape) {
    int[] dims = shape.toArray();
    StringBuilder out = new StringBuilder("(");
    for (int i = 1; i < dims.length; i++) {
      out.append(dims[i]).append(", ");
    }
    return out.append(dims[0]).append(')').toString();
  }
}
