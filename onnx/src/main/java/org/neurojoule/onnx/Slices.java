package org.neurojoule.onnx;

import java.util.ArrayList;
import java.util.List;
import org.neurojoule.Tensor;
import org.neurojoule.layer.ChannelSlice;

/** Split and Slice of an activation's channels (ONNX axis 1) as ChannelSlice layers. */
final class Slices {
  private final NodeAt at;
  private final Act x;

  Slices(NodeAt at, Act x) {
    this.at = at;
    this.x = x;
  }

  /** One activation per output: the {@code split} sizes, or equal parts. */
  List<Act> split(Const sizes, int opset) {
    int channels = channels(at.integer("axis", 0));
    int outputs = at.node.getOutputCount();
    long[] parts = sizes != null ? sizes.longs() : opset < 13 ? at.integers("split") : null;
    if (parts == null) {
      if (channels % outputs != 0) {
        throw at.error("cannot split " + channels + " channels into " + outputs + " equal parts");
      }
      parts = new long[outputs];
      java.util.Arrays.fill(parts, channels / outputs);
    }
    long sum = java.util.Arrays.stream(parts).sum();
    if (parts.length != outputs
        || sum != channels
        || java.util.Arrays.stream(parts).anyMatch(p -> p < 1)) {
      throw at.error(
          "split "
              + java.util.Arrays.toString(parts)
              + " must give "
              + outputs
              + " positive sizes adding up to the "
              + channels
              + " channels of "
              + Const.text(x.onnx()));
    }
    List<Act> out = new ArrayList<>();
    int begin = 0;
    for (int i = 0; i < outputs; i++) {
      int end = begin + (int) parts[i];
      out.add(slice(begin, end, outputs == 1 ? at.name : at.derived("_" + i)));
      begin = end;
    }
    return out;
  }

  /** Opset 10+: starts, ends, axes, steps inputs; one axis, the channels, step 1. */
  Act slice(Const starts, Const ends, Const axes, Const steps) {
    if (starts.count() != 1
        || ends.count() != 1
        || axes == null
        || axes.count() != 1
        || steps != null && (steps.count() != 1 || steps.values()[0] != 1)) {
      throw at.error(
          "slices an activation "
              + Const.text(x.onnx())
              + " on one axis with"
              + " step 1 only, the channels (axis 1)");
    }
    int channels = channels((long) axes.values()[0]);
    long begin = clamp((long) starts.values()[0], channels);
    long end = clamp((long) ends.values()[0], channels);
    if (end <= begin) {
      throw at.error("slice [" + begin + ", " + end + ") of " + channels + " channels is empty");
    }
    return slice((int) begin, (int) end, at.name);
  }

  private static long clamp(long i, int size) {
    long v = i < 0 ? i + size : i;
    return Math.max(0, Math.min(size, v));
  }

  private int channels(long axis) {
    int rank = x.onnx().length;
    long a = axis < 0 ? axis + rank + 1 : axis;
    if (a != 1 || rank == 1 && x.order() != null) {
      throw at.error(
          "axis "
              + axis
              + " of "
              + Const.text(x.onnx())
              + " (batch first) is not"
              + " supported; only the channels (axis 1) are");
    }
    return x.onnx()[0];
  }

  private Act slice(int begin, int end, String name) {
    Tensor t = at.guard(() -> x.tensor().apply(ChannelSlice.of(begin, end).name(name)));
    int[] onnx = x.onnx().clone();
    onnx[0] = end - begin;
    return new Act(t, onnx, null);
  }
}
