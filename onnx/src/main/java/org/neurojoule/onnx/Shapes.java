package org.neurojoule.onnx;

/** ONNX's Reshape target: {@code 0} copies the input's dimension, {@code -1} is inferred. */
final class Shapes {
  private Shapes() {}

  static long[] resolve(NodeAt at, long[] in, long[] target) {
    long total = 1;
    for (long d : in) {
      total *= d;
    }
    long[] out = target.clone();
    int inferred = -1;
    long known = 1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 0) {
        if (i >= in.length) {
          throw at.error(
              "Reshape target "
                  + Const.text(target)
                  + " copies dimension "
                  + i
                  + ", which its input "
                  + Const.text(in)
                  + " does not have");
        }
        out[i] = in[i];
      }
      if (out[i] == -1) {
        if (inferred >= 0) {
          throw at.error("Reshape target " + Const.text(target) + " has more than one -1");
        }
        inferred = i;
      } else if (out[i] < 0) {
        throw at.error("Reshape target " + Const.text(target) + " has a negative size");
      } else {
        known = Math.multiplyExact(known, out[i]);
      }
    }
    if (inferred >= 0) {
      if (known == 0 || total % known != 0) {
        throw at.error("cannot reshape " + Const.text(in) + " to " + Const.text(target));
      }
      out[inferred] = total / known;
    } else if (known != total) {
      throw at.error(
          "cannot reshape "
              + Const.text(in)
              + " ("
              + total
              + " values) to "
              + Const.text(target)
              + " ("
              + known
              + ")");
    }
    return out;
  }
}
