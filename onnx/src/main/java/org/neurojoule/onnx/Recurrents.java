package org.neurojoule.onnx;

import java.util.List;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Recurrent;
import org.neurojoule.onnx.Seq.Layout;
import org.neurojoule.onnx.proto.OnnxProto.AttributeProto;

/**
 * ONNX's LSTM, GRU and RNN (forward, zero initial state) as Keras' recurrent layers returning
 * sequences. ONNX stacks its gates i, o, f, c (LSTM) where Keras has i, f, c, o; GRU's z, r, h are
 * Keras' order, and {@code linear_before_reset} is Keras' {@code reset_after}. ONNX's two biases
 * (input and recurrent) are kept as stored: a reset-after GRU's two, else the input bias and the
 * {@code recurrentBias} option's second one.
 */
final class Recurrents {
  private final NodeAt at;
  private final List<Object> ins;

  Recurrents(NodeAt at, List<Object> ins) {
    this.at = at;
    this.ins = ins;
  }

  /** {@return the {@code cell} layer of {@code x}, returning sequences} */
  Seq apply(Recurrent.Cell cell, Seq x) {
    checkSupported();
    Const w = weight(1);
    Const r = weight(2);
    Const b = present(3) ? weight(3) : null;
    int gates = cell.gates();
    if (w.dims().length != 3 || w.dims()[0] != 1 || w.dims()[1] % gates != 0) {
      throw at.error("W " + Const.text(w.dims()) + " must be (1, " + gates + " * hidden, input)");
    }
    int hidden = Math.toIntExact(w.dims()[1] / gates);
    int in = x.features();
    if (w.dims()[2] != in) {
      throw at.error(
          "W "
              + Const.text(w.dims())
              + " takes "
              + w.dims()[2]
              + " features, but its"
              + " input has "
              + in);
    }
    if (at.integer("hidden_size", hidden) != hidden) {
      throw at.error(
          "hidden_size "
              + at.integer("hidden_size", hidden)
              + " disagrees with W "
              + Const.text(w.dims()));
    }
    expectDims(r, "R", 1, (long) gates * hidden, hidden);
    if (b != null) {
      expectDims(b, "B", 1, 2L * gates * hidden);
    }
    boolean resetAfter = cell == Recurrent.Cell.GRU && at.integer("linear_before_reset", 0) != 0;
    Activation activation = activation(cell);
    java.util.function.UnaryOperator<Recurrent> spec =
        s ->
            s.returnSequences(true)
                .useBias(b != null)
                .resetAfter(resetAfter)
                .recurrentBias(b != null && !resetAfter)
                .activation(activation)
                .name(at.name);
    Tensor t =
        at.guard(
            () ->
                switch (cell) {
                  case LSTM -> x.tensor().lstm(hidden, spec);
                  case GRU -> x.tensor().gru(hidden, spec);
                  case SIMPLE_RNN -> x.tensor().simpleRnn(hidden, spec);
                });
    if (!w.declaredOnly() && !r.declaredOnly() && (b == null || !b.declaredOnly())) {
      int[] gate =
          cell == Recurrent.Cell.LSTM
              ? new int[] {0, 2, 3, 1}
              : cell == Recurrent.Cell.GRU ? new int[] {0, 1, 2} : new int[] {0};
      float[] kernel = transposedGates(w.values(), gate, hidden, in);
      float[] recurrent = transposedGates(r.values(), gate, hidden, hidden);
      at.guard(
          () -> {
            if (b == null) {
              t.layer().setWeights(kernel, recurrent);
            } else {
              float[][] biases = biases(b.values(), gate, hidden);
              if (resetAfter) {
                t.layer().setWeights(kernel, recurrent, concat(biases[0], biases[1]));
              } else {
                t.layer().setWeights(kernel, recurrent, biases[0], biases[1]);
              }
            }
            return null;
          });
    }
    return new Seq(t, Layout.DIRECTIONS);
  }

  /** ONNX {@code (gates * hidden, n)} to Keras {@code (n, gates * hidden)} in Keras' gate order. */
  private static float[] transposedGates(double[] v, int[] gate, int hidden, int n) {
    int width = gate.length * hidden;
    float[] out = new float[n * width];
    for (int g = 0; g < gate.length; g++) {
      for (int j = 0; j < hidden; j++) {
        int row = gate[g] * hidden + j;
        for (int k = 0; k < n; k++) {
          out[k * width + g * hidden + j] = (float) v[row * n + k];
        }
      }
    }
    return out;
  }

  /** ONNX's {@code B = [Wb, Rb]} as the input and the recurrent bias, in Keras' gate order. */
  private static float[][] biases(double[] v, int[] gate, int hidden) {
    int width = gate.length * hidden;
    float[][] out = new float[2][width];
    for (int g = 0; g < gate.length; g++) {
      for (int j = 0; j < hidden; j++) {
        int input = gate[g] * hidden + j;
        out[0][g * hidden + j] = (float) v[input];
        out[1][g * hidden + j] = (float) v[width + input];
      }
    }
    return out;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private void checkSupported() {
    String direction = at.text("direction", "forward");
    if (!direction.equals("forward")) {
      throw at.error("direction " + direction + " is not supported yet (forward is)");
    }
    if (at.integer("layout", 0) != 0 || at.has("clip") || at.integer("input_forget", 0) != 0) {
      throw at.error("layout, clip and input_forget are not supported (PyTorch exports none)");
    }
    if (present(4)) {
      throw at.error("sequence_lens is not supported (every sequence has the full length)");
    }
    for (int i = 5; i <= 6; i++) {
      if (present(i) && !zeros(i)) {
        throw at.error(
            "input "
                + i
                + " '"
                + at.inputs().get(i)
                + "' (an initial state) must be"
                + " constant zeros, as Keras' recurrent layers start from zero");
      }
    }
    if (present(7)) {
      throw at.error("peepholes (input P) are not supported");
    }
  }

  /** The state's activation; the gates must keep their defaults (sigmoid). */
  private Activation activation(Recurrent.Cell cell) {
    List<String> given = activations();
    List<String> defaults =
        switch (cell) {
          case LSTM -> List.of("Sigmoid", "Tanh", "Tanh");
          case GRU -> List.of("Sigmoid", "Tanh");
          case SIMPLE_RNN -> List.of("Tanh");
        };
    if (given.isEmpty() || given.equals(defaults)) {
      return Activation.TANH;
    }
    if (cell == Recurrent.Cell.SIMPLE_RNN && given.equals(List.of("Relu"))) {
      return Activation.RELU;
    }
    throw at.error(
        "activations "
            + given
            + " are not supported ("
            + defaults
            + " are"
            + (cell == Recurrent.Cell.SIMPLE_RNN ? ", and [Relu]" : "")
            + ")");
  }

  private List<String> activations() {
    for (AttributeProto a : at.node.getAttributeList()) {
      if (a.getName().equals("activations")) {
        return a.getStringsList().stream().map(s -> s.toStringUtf8()).toList();
      }
    }
    return List.of();
  }

  private boolean present(int i) {
    return i < ins.size() && ins.get(i) != null;
  }

  private boolean zeros(int i) {
    if (!(ins.get(i) instanceof Const c) || c.declaredOnly()) {
      return false;
    }
    for (double v : c.values()) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  private Const weight(int i) {
    if (!present(i) || !(ins.get(i) instanceof Const c)) {
      throw at.error("input " + i + " must be a constant weight");
    }
    return c;
  }

  private void expectDims(Const c, String what, long... dims) {
    if (!java.util.Arrays.equals(c.dims(), dims)) {
      throw at.error(what + " " + Const.text(c.dims()) + " must be " + Const.text(dims));
    }
  }
}
