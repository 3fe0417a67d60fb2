package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Channels {@code [begin, end)} of the last axis, the other axes whole: ONNX's {@code Split} and
 * {@code Slice} of channels (ShuffleNet's {@code x.chunk(2, dim=1)}). Keras has no such layer.
 *
 * <p>No parameters. It moves data: connections and neurons are 0 under {@link Accounting#COMPLETE};
 * the reference has no rule for it (0 with a warning under {@link Accounting#KERAS_SPIKING}).
 *
 * @param begin the first channel kept, {@code >= 0}
 * @param end one past the last channel kept, {@code > begin}
 * @param name the name the user gave, or empty for an automatic one
 */
public record ChannelSlice(int begin, int end, Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param begin the first channel kept, {@code >= 0}
   * @param end one past the last channel kept, {@code > begin}
   * @param name the name the user gave, or empty for an automatic one
   */
  public ChannelSlice {
    if (begin < 0 || end <= begin) {
      throw new IllegalArgumentException(
          "channels [" + begin + ", " + end + ") must be a" + " non-empty range from 0 up");
    }
    name = Checks.name(name);
  }

  /**
   * {@return the channels {@code [begin, end)}}
   *
   * @param begin the first channel kept
   * @param end one past the last channel kept
   */
  public static ChannelSlice of(int begin, int end) {
    return new ChannelSlice(begin, end, Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public ChannelSlice name(String name) {
    return new ChannelSlice(begin, end, Optional.of(name));
  }

  @Override
  public String type() {
    return "ChannelSlice";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    int channels = in.get(in.rank() - 1);
    if (end > channels) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "channels ["
              + begin
              + ", "
              + end
              + ") do not fit the input "
              + in
              + " ("
              + channels
              + " channels)");
    }
    int[] out = in.toArray();
    out[out.length - 1] = end - begin;
    return Shape.of(out);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return accounting == Accounting.KERAS_SPIKING ? Optional.empty() : Optional.of(LayerStats.NONE);
  }

  @Override
  public String describe() {
    return "channelSlice(" + begin + ", " + end + ")";
  }
}
