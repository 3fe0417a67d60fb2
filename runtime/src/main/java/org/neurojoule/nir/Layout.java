package org.neurojoule.nir;

/**
 * NIR's channels-first shapes and NeuroJoule's channels-last ones: {@code (C, H, W)} is {@code
 * (H, W, C)}, {@code (C, N)} is {@code (N, C)}; a 1-D shape is the same in both.
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

  /** NeuroJoule's shape of a NIR shape: the channel axis moved last. */
  static int[] channelsLast(int[] nir) {
    if (nir.length <= 1) {
      return nir.clone();
    }
    int[] out = new int[nir.length];
    System.arraycopy(nir, 1, out, 0, nir.length - 1);
    out[nir.length - 1] = nir[0];
    return out;
  }

  /** NIR's shape of a NeuroJoule shape: the last (channel) axis moved first. */
  static int[] channelsFirst(int[] nj) {
    if (nj.length <= 1) {
      return nj.clone();
    }
    int[] out = new int[nj.length];
    out[0] = nj[nj.length - 1];
    System.arraycopy(nj, 0, out, 1, nj.length - 1);
    return out;
  }

  /**
   * For each unit of the channels-last layout of NIR shape {@code nir}, its index in NIR's
   * row-major channels-first layout; null where the two agree (1-D).
   */
  static int[] order(int[] nir) {
    if (nir.length <= 1 || nir[0] == 1) {
      return null;
    }
    int channels = nir[0];
    int spatial = Math.toIntExact(count(nir) / channels);
    int[] order = new int[channels * spatial];
    for (int s = 0; s < spatial; s++) {
      for (int c = 0; c < channels; c++) {
        order[s * channels + c] = c * spatial + s;
      }
    }
    return order;
  }

  static int at(int[] order, int i) {
    return order == null ? i : order[i];
  }

  static String text(int[] shape) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      b.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return b.append(shape.length == 1 ? ",)" : ")").toString();
  }
}
