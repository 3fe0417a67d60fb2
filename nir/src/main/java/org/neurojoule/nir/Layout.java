package org.neurojoule.nir;

/**
 * NIR's channels-first shapes and NeuroJoule's channels-last ones: {@code (C, H, W)} is {@code (H,
 * W, C)}, {@code (C, N)} is {@code (N, C)}; a 1-D shape is the same in both.
 */
final class Layout {
  private Layout() {}

  static long count(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** The product of the dimensions, or {@code Long.MAX_VALUE} if it overflows. */
  static long countOrMax(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d != 0 && n > Long.MAX_VALUE / d) {
        return Long.MAX_VALUE;
      }
      n *= d;
    }
    return n;
  }

  /**
   * Where each unit of a channels-last tensor sits in NIR's channels-first layout: unit {@code s *
   * channels + c} of NeuroJoule is unit {@code c * spatial + s} of NIR. Computed, not stored, so a
   * large tensor costs nothing.
   */
  record Order(int channels, long spatial) {
    int at(int unit) {
      return Math.toIntExact((unit % channels) * spatial + unit / channels);
    }
  }

  /** The order of NIR shape {@code nir} in channels-last layout; null where the two agree. */
  static Order order(int[] nir) {
    if (nir.length <= 1 || nir[0] == 1) {
      return null;
    }
    return new Order(nir[0], count(nir) / nir[0]);
  }

  static int at(Order order, int i) {
    return order == null ? i : order.at(i);
  }

  static String text(int[] shape) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      b.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return b.append(shape.length == 1 ? ",)" : ")").toString();
  }
}
