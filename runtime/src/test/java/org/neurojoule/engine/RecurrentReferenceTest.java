package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Bidirectional;
import org.neurojoule.layer.Bidirectional.MergeMode;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.Recurrent;
import org.neurojoule.layer.WeightShapes;
import org.neurojoule.shape.Shape;

/**
 * SimpleRNN, LSTM, GRU and Bidirectional against a naive float64 reference: Keras' equations
 * written gate by gate, one unit at a time, with the same random weights.
 */
class RecurrentReferenceTest {
  private static final int N = 3;
  private static final int T = 5;
  private static final int F = 3;

  @Test
  void simpleRnn_lastStateAndSequences() {
    check(Recurrent.simpleRnn(4));
    check(Recurrent.simpleRnn(4).returnSequences(true).activation(Activation.RELU));
  }

  @Test
  void lstm_sigmoidAndHardSigmoidGates() {
    check(Recurrent.lstm(4));
    check(Recurrent.lstm(4).returnSequences(true).recurrentActivation(Activation.HARD_SIGMOID));
    check(Recurrent.lstm(3).useBias(false).activation(Activation.RELU));
  }

  @Test
  void gru_resetAfterAndBefore() {
    check(Recurrent.gru(4).returnSequences(true));
    check(Recurrent.gru(4).resetAfter(false).returnSequences(true));
    check(Recurrent.gru(2).resetAfter(false).useBias(false));
    check(Recurrent.gru(2).useBias(false));
  }

  @Test
  void recurrentBias_addsASecondStoredBias_inEveryCell() {
    check(Recurrent.simpleRnn(3).recurrentBias(true).returnSequences(true));
    check(Recurrent.lstm(4).recurrentBias(true));
    check(Recurrent.gru(3).resetAfter(false).recurrentBias(true).returnSequences(true));
    check(Bidirectional.of(Recurrent.lstm(2).recurrentBias(true)));
  }

  @Test
  void goBackwards_readsFromTheLastStepAndReturnsInThatOrder() {
    check(Recurrent.lstm(4).goBackwards(true).returnSequences(true));
    check(Recurrent.gru(3).goBackwards(true));
    check(Recurrent.simpleRnn(2).goBackwards(true).returnSequences(true));
  }

  @Test
  void bidirectional_everyMergeMode() {
    for (MergeMode mode : MergeMode.values()) {
      check(Bidirectional.of(Recurrent.lstm(3).returnSequences(true)).mergeMode(mode));
      check(Bidirectional.of(Recurrent.gru(2)).mergeMode(mode));
    }
    check(Bidirectional.of(Recurrent.simpleRnn(2).returnSequences(true).goBackwards(true)));
  }

  @Test
  void undefinedTimeAxis_runsOverTheDataLength() {
    Tensor out = Model.input(Model.NONE, F).lstm(4, r -> r.returnSequences(true));
    Model m = Model.of(out);
    float[][] w = weights(m, List.of(Shape.of(Model.NONE, F)), 7);
    m.layers().get(1).setWeights(w);
    float[] x = data(N * 6 * F, 2);

    float[] got = KernelTest.run(out, Gemm.java(), x, N, 6, F);

    assertClose(got, reference((Recurrent) m.layers().get(1).spec(), w, 0, x, 6));
  }

  // ---- the check

  private static void check(LayerSpec spec) {
    Tensor out = Model.input(T, F).apply(spec);
    Model m = Model.of(out);
    float[][] w = weights(m, List.of(Shape.of(T, F)), spec.hashCode());
    m.layers().get(1).setWeights(w);
    float[] x = data(N * T * F, 1);

    float[] got = KernelTest.run(out, Gemm.java(), x, N, T, F);

    double[] want =
        spec instanceof Bidirectional b
            ? bidirectional(b, w, x)
            : reference((Recurrent) spec, w, 0, x, T);
    assertWithMessage(spec.describe()).that(got.length).isEqualTo(want.length);
    assertClose(got, want);
  }

  private static void assertClose(float[] got, double[] want) {
    for (int i = 0; i < want.length; i++) {
      assertWithMessage("value " + i)
          .that((double) got[i])
          .isWithin(2e-5 * Math.max(1, Math.abs(want[i])))
          .of(want[i]);
    }
  }

  private static float[][] weights(Model m, List<Shape> in, long seed) {
    List<WeightShapes.Weight> shapes = WeightShapes.of(m.layers().get(1).spec(), in);
    SplittableRandom r = new SplittableRandom(seed);
    float[][] w = new float[shapes.size()][];
    for (int i = 0; i < w.length; i++) {
      w[i] = new float[shapes.get(i).size()];
      for (int j = 0; j < w[i].length; j++) {
        w[i][j] = (float) (r.nextDouble() * 1.6 - 0.8);
      }
    }
    return w;
  }

  private static float[] data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextDouble() * 4 - 2);
    }
    return x;
  }

  // ---- the naive reference, in float64

  private static double[] bidirectional(Bidirectional b, float[][] w, float[] x) {
    int arrays = 2 + (b.layer().useBias() ? 1 : 0) + (b.layer().recurrentBias() ? 1 : 0);
    double[] fwd = reference(b.layer(), w, 0, x, T);
    double[] bwd = reference(b.layer().goBackwards(!b.layer().goBackwards()), w, arrays, x, T);
    int u = b.layer().units();
    int steps = b.layer().returnSequences() ? T : 1;
    int width = b.mergeMode() == MergeMode.CONCAT ? 2 * u : u;
    double[] out = new double[N * steps * width];
    for (int e = 0; e < N; e++) {
      for (int s = 0; s < steps; s++) {
        for (int j = 0; j < u; j++) {
          double f = fwd[(e * steps + s) * u + j];
          double r = bwd[(e * steps + (steps - 1 - s)) * u + j];
          int at = (e * steps + s) * width;
          switch (b.mergeMode()) {
            case CONCAT -> {
              out[at + j] = f;
              out[at + u + j] = r;
            }
            case SUM -> out[at + j] = f + r;
            case MUL -> out[at + j] = f * r;
            case AVE -> out[at + j] = (f + r) / 2;
          }
        }
      }
    }
    return out;
  }

  /** Every example of {@code x} through {@code r}, with weights {@code w[first...]}. */
  private static double[] reference(Recurrent r, float[][] w, int first, float[] x, int time) {
    int u = r.units();
    int steps = r.returnSequences() ? time : 1;
    double[] out = new double[N * steps * u];
    for (int e = 0; e < N; e++) {
      double[] h = new double[u];
      double[] c = new double[u];
      for (int s = 0; s < time; s++) {
        int t = r.goBackwards() ? time - 1 - s : s;
        double[] xt = new double[F];
        for (int k = 0; k < F; k++) {
          xt[k] = x[(e * time + t) * F + k];
        }
        h =
            switch (r.cell()) {
              case SIMPLE_RNN -> simpleRnnStep(r, w, first, xt, h);
              case LSTM -> lstmStep(r, w, first, xt, h, c);
              case GRU -> gruStep(r, w, first, xt, h);
            };
        if (r.returnSequences()) {
          System.arraycopy(h, 0, out, (e * steps + s) * u, u);
        }
      }
      if (!r.returnSequences()) {
        System.arraycopy(h, 0, out, e * u, u);
      }
    }
    return out;
  }

  /** Gate {@code g}'s pre-activation of unit {@code j}: input part (+ input bias). */
  private static double inputPart(Recurrent r, float[][] w, int first, int g, int j, double[] xt) {
    int width = r.cell().gates() * r.units();
    double z = 0;
    for (int k = 0; k < xt.length; k++) {
      z += xt[k] * w[first][k * width + g * r.units() + j];
    }
    double bias = r.useBias() ? w[first + 2][g * r.units() + j] : 0;
    // PyTorch's bias_hh: outside a reset-after GRU it adds beside the input bias.
    return z + bias + (r.recurrentBias() ? w[first + 3][g * r.units() + j] : 0);
  }

  /** Gate {@code g}'s recurrent part of unit {@code j} for state {@code h} (+ recurrent bias). */
  private static double recurrentPart(
      Recurrent r, float[][] w, int first, int g, int j, double[] h) {
    int width = r.cell().gates() * r.units();
    double z = 0;
    for (int k = 0; k < h.length; k++) {
      z += h[k] * w[first + 1][k * width + g * r.units() + j];
    }
    return z + (r.useBias() && r.resetAfter() ? w[first + 2][width + g * r.units() + j] : 0);
  }

  private static double[] simpleRnnStep(
      Recurrent r, float[][] w, int first, double[] xt, double[] h) {
    double[] next = new double[r.units()];
    for (int j = 0; j < next.length; j++) {
      next[j] =
          act(
              r.activation(),
              inputPart(r, w, first, 0, j, xt) + recurrentPart(r, w, first, 0, j, h));
    }
    return next;
  }

  private static double[] lstmStep(
      Recurrent r, float[][] w, int first, double[] xt, double[] h, double[] c) {
    double[] next = new double[r.units()];
    for (int j = 0; j < next.length; j++) {
      double[] z = new double[4];
      for (int g = 0; g < 4; g++) {
        z[g] = inputPart(r, w, first, g, j, xt) + recurrentPart(r, w, first, g, j, h);
      }
      double i = act(r.recurrentActivation(), z[0]);
      double f = act(r.recurrentActivation(), z[1]);
      double o = act(r.recurrentActivation(), z[3]);
      c[j] = f * c[j] + i * act(r.activation(), z[2]);
      next[j] = o * act(r.activation(), c[j]);
    }
    return next;
  }

  private static double[] gruStep(Recurrent r, float[][] w, int first, double[] xt, double[] h) {
    int u = r.units();
    double[] z = new double[u];
    double[] reset = new double[u];
    for (int j = 0; j < u; j++) {
      z[j] =
          act(
              r.recurrentActivation(),
              inputPart(r, w, first, 0, j, xt) + recurrentPart(r, w, first, 0, j, h));
      reset[j] =
          act(
              r.recurrentActivation(),
              inputPart(r, w, first, 1, j, xt) + recurrentPart(r, w, first, 1, j, h));
    }
    double[] rh = new double[u];
    for (int k = 0; k < u; k++) {
      rh[k] = reset[k] * h[k];
    }
    double[] next = new double[u];
    for (int j = 0; j < u; j++) {
      double candidate =
          r.resetAfter()
              ? inputPart(r, w, first, 2, j, xt) + reset[j] * recurrentPart(r, w, first, 2, j, h)
              : inputPart(r, w, first, 2, j, xt) + recurrentPart(r, w, first, 2, j, rh);
      next[j] = z[j] * h[j] + (1 - z[j]) * act(r.activation(), candidate);
    }
    return next;
  }

  private static double act(Activation a, double v) {
    return switch (a) {
      case LINEAR -> v;
      case TANH -> Math.tanh(v);
      case SIGMOID -> 1 / (1 + Math.exp(-v));
      case HARD_SIGMOID -> Math.max(0, Math.min(1, 0.2 * v + 0.5));
      case RELU -> Math.max(0, v);
      default -> throw new AssertionError(a);
    };
  }

  @Test
  void referenceSelfCheck_lstmOfOneUnitByHand() {
    // One unit, one feature, one step, kernel 1 for every gate, no recurrence at step 0, no
    // bias: i = f = o = sigmoid(x), c = i * tanh(x), h = o * tanh(c).
    Recurrent r = Recurrent.lstm(1).useBias(false);
    float[][] w = {{1, 1, 1, 1}, {0, 0, 0, 0}};
    double[] h = lstmStep(r, w, 0, new double[] {0.5}, new double[1], new double[1]);
    double s = 1 / (1 + Math.exp(-0.5));
    assertThat(h[0]).isWithin(1e-15).of(s * Math.tanh(s * Math.tanh(0.5)));
  }
}
