package org.neurojoule.onnx;

import static org.neurojoule.shape.ChannelAxis.channelsFirst;

import java.util.Arrays;
import org.neurojoule.Tensor;

/**
 * An activation of the graph: the NeuroJoule tensor, its ONNX shape per example and how the two lay
 * out their axes. In the convolution world ({@code tokens} null) the batch is ONNX axis 0 and a
 * tensor of rank 2 or more is channels last in NeuroJoule ({@code (C, H, W)} is {@code (H, W, C)});
 * a flat one keeps in {@code order} where each unit sits in ONNX's channels-first order (after a
 * Flatten of a channels-first tensor), null where the two agree. A token tensor (a transformer's
 * {@code (S, E)}, already features last) keeps ONNX's axis order, and its batch may sit on any ONNX
 * axis ({@link Tokens}).
 *
 * @param tensor the NeuroJoule tensor
 * @param onnx the ONNX dimensions of one example
 * @param order the channels-first index of each unit of a flat tensor, or null
 * @param tokens where a token tensor's batch is, or null in the convolution world
 */
record Act(Tensor tensor, int[] onnx, UnitOrder order, Tokens tokens) {
  /** Unit {@code s * channels + c} of NeuroJoule is unit {@code c * spatial + s} of ONNX. */
  record UnitOrder(int channels, long spatial) {
    int at(int unit) {
      return Math.toIntExact((unit % channels) * spatial + unit / channels);
    }
  }

  /**
   * The batch of a token tensor: ONNX axis {@code axis} (of the shape with the batch). Alone there
   * ({@code merged} false) it is no axis of {@code onnx}; merged ({@code (N·H, S, hd)}, as
   * PyTorch's attention folds the heads into the batch, N outermost) that axis holds N times the
   * example's {@code onnx[axis]}, which stays an axis of its own.
   */
  record Tokens(int axis, boolean merged) {}

  Act(Tensor tensor, int[] onnx, UnitOrder order) {
    this(tensor, onnx, order, null);
  }

  static Act of(Tensor t, int[] onnx) {
    return new Act(t, onnx, null);
  }

  /** A token tensor; one without a leading batch merged into it and of rank 1 is just flat. */
  static Act tokens(Tensor t, int[] onnx, Tokens tokens) {
    if (onnx.length <= 1 && tokens.axis() == 0 && !tokens.merged()) {
      return of(t, onnx);
    }
    return new Act(t, onnx, null, tokens);
  }

  /** {@return this activation's layout for another tensor of the same shape} */
  Act with(Tensor t) {
    return new Act(t, onnx, order, tokens);
  }

  boolean isTokens() {
    return tokens != null;
  }

  /** {@return the ONNX shape with a batch of 1} */
  long[] withBatch() {
    if (tokens == null) {
      return Folding.withBatch(onnx);
    }
    long[] o = Arrays.stream(onnx).asLongStream().toArray();
    if (tokens.merged()) {
      return o;
    }
    long[] d = new long[o.length + 1];
    System.arraycopy(o, 0, d, 0, tokens.axis());
    d[tokens.axis()] = 1;
    System.arraycopy(o, tokens.axis(), d, tokens.axis() + 1, o.length - tokens.axis());
    return d;
  }

  /** {@return whether NeuroJoule's unit order is ONNX's (one channel, or no spatial extent)} */
  boolean plainOrder() {
    if (tokens != null) {
      return true;
    }
    if (onnx.length <= 1) {
      return order == null;
    }
    return onnx[0] == 1 || units() == onnx[0];
  }

  long units() {
    long n = 1;
    for (int d : onnx) {
      n *= d;
    }
    return n;
  }

  /** The order in which a flatten of this tensor lists its units. */
  UnitOrder flatOrder() {
    if (tokens != null) {
      return null;
    }
    if (onnx.length <= 1) {
      return order;
    }
    return plainOrder() ? null : new UnitOrder(onnx[0], units() / onnx[0]);
  }

  /** {@return the activation of a NeuroJoule tensor whose layout is channels last} */
  static Act channelsLastOf(Tensor t) {
    return of(t, channelsFirst(t.shape().toArray()));
  }

  /** {@return the NeuroJoule axis (1-based) of ONNX axis {@code axis} (batch included)} */
  int njAxis(NodeAt at, long axis) {
    if (isTokens()) {
      return TokenOps.axis(at, this, axis) + 1;
    }
    int rank = onnx.length;
    long a = axis < 0 ? axis + rank + 1 : axis;
    if (a < 1 || a > rank) {
      throw at.error(
          "axis "
              + axis
              + " of its input "
              + Const.text(onnx)
              + " (batch"
              + " first) is not supported; only axes past the batch are");
    }
    int noBatch = (int) a - 1;
    if (rank == 1) {
      return 1;
    }
    return noBatch == 0 ? rank : noBatch;
  }
}
