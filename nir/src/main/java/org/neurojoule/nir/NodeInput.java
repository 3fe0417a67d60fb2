package org.neurojoule.nir;

import java.util.Arrays;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Padding;

/**
 * A node being mapped, with the output that feeds it: the steps node mappings share (per-unit
 * constants and vectors in NeuroJoule's unit order, explicit padding, messages about the input).
 *
 * @param at the node, its parameters and errors that name it
 * @param in the (summed) output that feeds it
 * @param from the name of the node its (first) input comes from
 * @param recurrent its folded recurrent Affine/Linear node, or null
 */
record NodeInput(NodeContext at, NirImporter.Out in, String from, NodeContext recurrent) {
  /** {@return an output of the input's shape and unit order} */
  NirImporter.Out same(Tensor t) {
    return new NirImporter.Out(t, in.nirShape(), in.order());
  }

  /** {@return "its input 'x' gives (shape)", for messages} */
  String inputText() {
    return "its input '" + from + "' gives " + Layout.text(in.nirShape());
  }

  /** A 1-D parameter of {@code n} values, such as a bias. */
  float[] vector(String key, int n) {
    NirArray a = at.numbers(key);
    if (a.size() != n) {
      throw at.error(key + " " + a + " must hold " + n + " values, one per output");
    }
    float[] out = new float[n];
    double[] v = a.values();
    for (int i = 0; i < n; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  /**
   * A per-unit constant in NeuroJoule's unit order: one value if all units share it (or NIR gives
   * one), else one per unit; a count that is neither is an error.
   */
  double[] perUnit(String key, NirArray a) {
    double[] v = a.values();
    int units = in.units();
    if (v.length == 0 || (v.length != 1 && v.length != units)) {
      throw at.error(key + " " + a + " must hold one value or one per unit, but " + inputText());
    }
    boolean uniform = true;
    for (double x : v) {
      uniform &= Double.compare(x, v[0]) == 0;
    }
    if (uniform) {
      return new double[] {v[0]};
    }
    double[] out = new double[units];
    for (int i = 0; i < units; i++) {
      out[i] = v[Layout.at(in.order(), i)];
    }
    return out;
  }

  /** Padding of NIR's pools and convolutions; strings "same" or "valid", or sizes. */
  Padding paddingMode() {
    NirArray p = at.param("padding");
    if (p.text() == null) {
      return Padding.VALID;
    }
    return switch (p.text()) {
      case "same" -> Padding.SAME;
      case "valid" -> Padding.VALID;
      default -> throw at.error("padding must be 'same', 'valid' or sizes, was '" + p.text() + "'");
    };
  }

  /** Explicit (integer) padding as a ZeroPadding layer before the convolution or pool. */
  Tensor padded(int rank) {
    if (at.optional("padding").isEmpty() || at.param("padding").text() != null) {
      return in.tensor();
    }
    int[] pad = at.perAxis("padding", rank, 0, 0);
    if (Arrays.stream(pad).allMatch(p -> p == 0)) {
      return in.tensor();
    }
    return at.guard(
        () ->
            rank == 1
                ? in.tensor().zeroPadding1d(pad, z -> z.name(at.name() + "_pad"))
                : in.tensor().zeroPadding2d(pad, z -> z.name(at.name() + "_pad")));
  }
}
