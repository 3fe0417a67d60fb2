package org.neurojoule.onnx;

/** Expand of a constant (the zero initial states of an exported LSTM): numpy broadcasting. */
final class Expand {
  private Expand() {}

  static Const fold(NodeAt at, Const x, Const shape) {
    if (shape.declaredOnly() || shape.dims().length != 1) {
      throw at.error("needs a constant input and a 1-D constant shape");
    }
    long[] to = shape.longs();
    if (x.declaredOnly()) {
      return keptShape(at, x, to);
    }
    int rank = Math.max(to.length, x.dims().length);
    long[] out = new long[rank];
    for (int i = 0; i < rank; i++) {
      long a = dim(x.dims(), i, rank);
      long b = dim(to, i, rank);
      if (a != b && a != 1 && b != 1 || a < 0 || b < 0) {
        throw at.error("cannot broadcast " + Const.text(x.dims()) + " to " + Const.text(to));
      }
      out[i] = a == 1 ? b : a;
    }
    if (TensorData.countOf(out) > TensorData.MAX_VALUES) {
      throw at.error(
          "expands to " + Const.text(out) + ", more than " + TensorData.MAX_VALUES + " values");
    }
    double[] v = TensorData.folded(at, TensorData.countOf(out), x.count());
    for (int flat = 0; flat < v.length; flat++) {
      long rest = flat;
      long src = 0;
      long stride = 1;
      for (int i = rank - 1; i >= 0; i--) {
        long idx = rest % out[i];
        rest /= out[i];
        long d = dim(x.dims(), i, rank);
        src += (d == 1 ? 0 : idx) * stride;
        stride *= d;
      }
      v[flat] = x.values()[(int) src];
    }
    return new Const(out, v);
  }

  /**
   * A weight that the file declares by its shape only (ViT's class token) passes on when the expand
   * keeps its shape, as {@code x.expand(1, -1, -1)} on a batch of 1 does.
   */
  private static Const keptShape(NodeAt at, Const x, long[] to) {
    int rank = Math.max(to.length, x.dims().length);
    for (int i = 0; i < rank; i++) {
      long b = dim(to, i, rank);
      if (rank != x.dims().length || b != 1 && b != -1 && b != dim(x.dims(), i, rank)) {
        throw at.error(
            "expands the weight "
                + Const.text(x.dims())
                + ", which the file"
                + " declares by its shape only, to "
                + Const.text(to)
                + "; only an expand that keeps"
                + " its shape is supported on it");
      }
    }
    return x;
  }

  /** Dimension {@code i} of {@code dims} right-aligned to {@code rank} axes (1 where absent). */
  private static long dim(long[] dims, int i, int rank) {
    int j = i - (rank - dims.length);
    return j < 0 ? 1 : dims[j];
  }
}
