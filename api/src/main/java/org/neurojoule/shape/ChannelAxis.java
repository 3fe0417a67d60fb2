package org.neurojoule.shape;

/**
 * Moves the channel axis between PyTorch's channels-first layout ({@code (C, H, W)}), which ONNX
 * and NIR files use, and NeuroJoule's channels-last one ({@code (H, W, C)}). Shapes of rank 0 or 1
 * have no separate channel axis and are returned as they are (copied).
 */
public final class ChannelAxis {
  private ChannelAxis() {}

  /**
   * {@return the channels-last shape of a channels-first one: the first axis moved last}
   *
   * @param channelsFirst the dimensions, channels first
   */
  public static int[] channelsLast(int[] channelsFirst) {
    int n = channelsFirst.length;
    if (n <= 1) {
      return channelsFirst.clone();
    }
    int[] out = new int[n];
    System.arraycopy(channelsFirst, 1, out, 0, n - 1);
    out[n - 1] = channelsFirst[0];
    return out;
  }

  /**
   * {@return the channels-first shape of a channels-last one: the last axis moved first}
   *
   * @param channelsLast the dimensions, channels last
   */
  public static int[] channelsFirst(int[] channelsLast) {
    int n = channelsLast.length;
    if (n <= 1) {
      return channelsLast.clone();
    }
    int[] out = new int[n];
    out[0] = channelsLast[n - 1];
    System.arraycopy(channelsLast, 0, out, 1, n - 1);
    return out;
  }
}
