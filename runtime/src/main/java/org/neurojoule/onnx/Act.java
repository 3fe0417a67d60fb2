package org.neurojoule.onnx;

import static org.neurojoule.shape.ChannelAxis.channelsFirst;

import org.neurojoule.Tensor;

/**
 * An activation of the graph: the NeuroJoule tensor and its ONNX shape without the batch. A
 * tensor of rank 2 or more is channels last in NeuroJoule ({@code (C, H, W)} is {@code (H, W,
 * C)}); a flat one keeps in {@code order} where each unit sits in ONNX's channels-first order
 * (after a Flatten of a channels-first tensor), null where the two agree.
 *
 * @param tensor the NeuroJoule tensor
 * @param onnx the ONNX dimensions without the batch
 * @param order the channels-first index of each unit of a flat tensor, or null
 */
record Act(Tensor tensor, int[] onnx, UnitOrder order) {
  /** Unit {@code s * channels + c} of NeuroJoule is unit {@code c * spatial + s} of ONNX. */
  record UnitOrder(int channels, long spatial) {
    int at(int unit) {
      return Math.toIntExact((unit % channels) * spatial + unit / channels);
    }
  }

  static Act of(Tensor t, int[] onnx) {
    return new Act(t, onnx, null);
  }

  /** {@return whether NeuroJoule's unit order is ONNX's (one channel, or no spatial extent)} */
  boolean plainOrder() {
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
    if (onnx.length <= 1) {
      return order;
    }
    return plainOrder() ? null : new UnitOrder(onnx[0], units() / onnx[0]);
  }

  /** {@return the activation of a NeuroJoule tensor whose layout is channels last} */
  static Act channelsLastOf(Tensor t) {
    return of(t, channelsFirst(t.shape().toArray()));
  }
}
