package org.neurojoule.nir;

/**
 * A folded recurrent Affine/Linear node's weight (units, units) as the neuron's {@code
 * recurrent_kernel} (Keras layout: from-unit, to-unit, in NeuroJoule's unit order) and its bias as
 * {@code recurrent_bias}.
 */
final class RecurrentWeights {
  private final NodeContext at;
  private final NirImporter.Out in;
  private final String neuron;

  RecurrentWeights(NodeContext at, NirImporter.Out in, String neuron) {
    this.at = at;
    this.in = in;
    this.neuron = neuron;
  }

  float[][] values() {
    int units = in.units();
    NirArray w = at.numbers("weight");
    int[] s = w.shape();
    if (s.length != 2 || s[0] != units || s[1] != units) {
      throw at.error(
          "feeds neuron '"
              + neuron
              + "' of "
              + units
              + " units back into itself, so"
              + " its weight must be ("
              + units
              + ", "
              + units
              + "), is "
              + w);
    }
    double[] v = w.values();
    float[] kernel = new float[Math.multiplyExact(units, units)];
    for (int i = 0; i < units; i++) {
      int fromUnit = Layout.at(in.order(), i);
      for (int j = 0; j < units; j++) {
        kernel[i * units + j] = (float) v[Layout.at(in.order(), j) * units + fromUnit];
      }
    }
    if (!at.type().equals("Affine")) {
      return new float[][] {kernel};
    }
    NirArray b = at.numbers("bias");
    if (b.size() != units) {
      throw at.error(
          "bias " + b + " must hold " + units + " values, one per unit of '" + neuron + "'");
    }
    double[] bv = b.values();
    float[] bias = new float[units];
    for (int j = 0; j < units; j++) {
      bias[j] = (float) bv[Layout.at(in.order(), j)];
    }
    return new float[][] {kernel, bias};
  }
}
