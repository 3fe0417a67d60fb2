package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.Reset;
import org.neurojoule.SpikeCounts;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.Padding;
import org.neurojoule.layer.SpikingNeuron;
import org.neurojoule.nir.NirModels;
import org.neurojoule.shape.Shape;

/**
 * The spiking simulation against naive float64 step loops written here, on a small model and on the
 * NIR paper's networks (test resources, nir/SOURCES.md).
 */
class SpikingSimulationTest {
  private static Path resource(String name) throws Exception {
    return Path.of(SpikingSimulationTest.class.getResource("/nir/" + name).toURI());
  }

  /** Seeded Bernoulli events, 0 or 1. */
  private static float[] events(long seed, int length, double p) {
    Random r = new Random(seed);
    float[] x = new float[length];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() < p ? 1f : 0f;
    }
    return x;
  }

  private static SpikingSimulation.Result simulate(
      Model model, float[] x, double dt, int... shape) {
    return SpikingSimulation.simulate(
        model, ExampleData.of(x, shape), dt, Reset.TO_V_RESET, 2, Accounting.COMPLETE);
  }

  // ---------------------------------------------------------------- a small model, naive oracle

  /**
   * 5x5x1 events -> conv2d(3, 3x3, stride 2, same) -> IF -> flatten -> dense(4) -> LIF, against a
   * float64 loop of the same equations: exact spike and event counts (few neurons, so float32
   * rounding in the kernels cannot move a threshold crossing).
   */
  @Test
  void smallModel_countsMatchNaiveLoop() {
    Model model =
        Model.input(5, 5, 1)
            .conv2d(3, 3, c -> c.strides(2).padding(Padding.SAME))
            .integrateAndFire(n -> n.vThreshold(0.3))
            .flatten()
            .dense(4)
            .lif(n -> n.tau(0.004).vThreshold(0.2))
            .model();
    model.initializeWeights(3);
    int seqs = 5;
    int steps = 40;
    float[] x = events(11, seqs * steps * 25, 0.3);
    SpikeCounts counts = simulate(model, x, 1e-3, seqs, steps, 5, 5, 1).counts();

    float[] k = model.layer("conv2d").weights().get(0); // (3, 3, 1, 3)
    float[] kb = model.layer("conv2d").weights().get(1);
    float[] w = model.layer("dense").weights().get(0); // (27, 4)
    float[] wb = model.layer("dense").weights().get(1);
    long inSpikes = 0;
    long convEvents = 0;
    long ifSpikes = 0;
    long denseEvents = 0;
    long lifSpikes = 0;
    for (int s = 0; s < seqs; s++) {
      double[] vIf = new double[27];
      double[] vLif = new double[4];
      for (int t = 0; t < steps; t++) {
        int base = (s * steps + t) * 25;
        // same padding, stride 2 on 5: 3 outputs, padding 1 before.
        double[] conv = new double[27];
        for (int oy = 0; oy < 3; oy++) {
          for (int ox = 0; ox < 3; ox++) {
            for (int f = 0; f < 3; f++) {
              double sum = kb[f];
              for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 3; kx++) {
                  int y = oy * 2 - 1 + ky;
                  int xx = ox * 2 - 1 + kx;
                  if (y >= 0 && y < 5 && xx >= 0 && xx < 5 && x[base + y * 5 + xx] != 0) {
                    sum += (double) k[(ky * 3 + kx) * 3 + f] * x[base + y * 5 + xx];
                    convEvents++;
                  }
                }
              }
              conv[(oy * 3 + ox) * 3 + f] = sum;
            }
          }
        }
        for (int p = 0; p < 25; p++) {
          inSpikes += x[base + p] != 0 ? 1 : 0;
        }
        double[] spikes = new double[27];
        for (int u = 0; u < 27; u++) {
          vIf[u] += conv[u];
          if (vIf[u] > 0.3) {
            spikes[u] = 1;
            vIf[u] = 0;
            ifSpikes++;
            denseEvents += 4;
          }
        }
        for (int o = 0; o < 4; o++) {
          double in = wb[o];
          for (int u = 0; u < 27; u++) {
            in += spikes[u] * w[u * 4 + o];
          }
          vLif[o] += 1e-3 / 0.004 * (0 - vLif[o] + in);
          if (vLif[o] > 0.2) {
            vLif[o] = 0;
            lifSpikes++;
          }
        }
      }
    }
    assertThat(ifSpikes).isGreaterThan(0L);
    assertThat(lifSpikes).isGreaterThan(0L);
    assertThat(counts.layer("input_1").spikes()).isEqualTo((double) inSpikes / seqs);
    assertThat(counts.layer("conv2d").synapticEvents()).isEqualTo((double) convEvents / seqs);
    assertThat(counts.layer("if").spikes()).isEqualTo((double) ifSpikes / seqs);
    assertThat(counts.layer("dense").synapticEvents()).isEqualTo((double) denseEvents / seqs);
    assertThat(counts.layer("lif").spikes()).isEqualTo((double) lifSpikes / seqs);
    assertThat(counts.timesteps()).isEqualTo(steps);
    assertThat(counts.sequences()).isEqualTo(seqs);
  }

  /** The batch size changes nothing: states reset between sequences, not between batches. */
  @Test
  void counts_doNotDependOnBatchSize() {
    Model model = Model.input(6).dense(5).lif(n -> n.tau(0.003).vThreshold(0.1)).model();
    model.initializeWeights(5);
    float[] x = events(2, 7 * 30 * 6, 0.4);
    SpikeCounts one =
        SpikingSimulation.simulate(
                model, ExampleData.of(x, 7, 30, 6), 1e-3, Reset.TO_V_RESET, 1, Accounting.COMPLETE)
            .counts();
    SpikeCounts three =
        SpikingSimulation.simulate(
                model, ExampleData.of(x, 7, 30, 6), 1e-3, Reset.TO_V_RESET, 3, Accounting.COMPLETE)
            .counts();
    assertThat(one.layer("lif").spikes()).isGreaterThan(0.0);
    assertThat(three.layers()).isEqualTo(one.layers());
  }

  /** Reset by subtraction keeps what the spike did not use: more spikes on a strong input. */
  @Test
  void resetBySubtraction_keepsTheRemainder() {
    Model model = Model.input(1).integrateAndFire(n -> n.vThreshold(1)).model();
    float[] x = {2.5f, 0, 0, 0};
    SpikeCounts toReset = simulate(model, x, 1e-3, 1, 4, 1).counts();
    SpikeCounts subtract =
        SpikingSimulation.simulate(
                model, ExampleData.of(x, 1, 4, 1), 1e-3, Reset.SUBTRACT, 1, Accounting.COMPLETE)
            .counts();
    // v: 2.5 -> spike, 0 (to v_reset) | 1.5 -> spike, 0.5, no more.
    assertThat(toReset.layer("if").spikes()).isEqualTo(1.0);
    assertThat(subtract.layer("if").spikes()).isEqualTo(2.0);
  }

  /** A delay of 2 ms at dt = 1 ms shifts each unit's input by 2 steps; scale multiplies. */
  @Test
  void delayAndScale_shiftAndMultiply() {
    Model model = Model.input(2).delay(0.002, 0.001).scale().threshold(0.5).model();
    model.layer("scale").setWeights(new float[] {2, 0.25f});
    float[] x = {0.3f, 1, 0, 0, 0, 0, 0, 0}; // (1, 4, 2): unit 0 gets 0.3 x 2, unit 1 1 x 0.25
    List<String> fired = new java.util.ArrayList<>();
    SpikingSimulation.simulate(
        model,
        ExampleData.of(x, 1, 4, 2),
        1e-3,
        Reset.TO_V_RESET,
        1,
        Accounting.COMPLETE,
        (layer, t, v, out, n) -> {
          for (int u = 0; u < 2; u++) {
            if (out[u] != 0) {
              fired.add("unit " + u + " at step " + t);
            }
          }
        });
    assertThat(fired).containsExactly("unit 0 at step 2");
  }

  // ---------------------------------------------------------------- the NIR paper's CNN

  /**
   * {@code cnn_sinabs.nir} on synthetic N-MNIST-like events (2x34x34 per step, Bernoulli 0.05): the
   * CNN task's shapes (16x16x16 after the first convolution), the data's events and the first
   * convolution's synaptic events counted here by brute force over its padded 5x5 stride-2 windows,
   * and the second convolution's from the first IF layer's own spikes.
   */
  @Test
  void cnnSinabs_shapesAndEventsOnSyntheticEvents() throws Exception {
    Model model = NirModels.load(resource("cnn_sinabs.nir"));
    assertThat(shape(model, "0")).isEqualTo(Shape.of(16, 16, 16));
    assertThat(shape(model, "3")).isEqualTo(Shape.of(16, 16, 16));
    assertThat(shape(model, "4")).isEqualTo(Shape.of(8, 8, 16));
    assertThat(shape(model, "5")).isEqualTo(Shape.of(8, 8, 8));
    assertThat(shape(model, "7")).isEqualTo(Shape.of(4, 4, 8));
    assertThat(shape(model, "12")).isEqualTo(Shape.of(10));
    int seqs = 2;
    int steps = 15;
    int step = 34 * 34 * 2;
    float[] x = events(42, seqs * steps * step, 0.05);
    long[] conv2Events = {0};
    long[] if1Spikes = {0};
    SpikingSimulation.Result r =
        SpikingSimulation.simulate(
            model,
            ExampleData.of(x, seqs, steps, 34, 34, 2),
            1e-3,
            Reset.TO_V_RESET,
            2,
            Accounting.COMPLETE,
            (layer, t, v, out, n) -> {
              if (model.nameOf(layer).equals("1")) {
                for (int i = 0; i < n * 4096; i++) {
                  if (out[i] != 0) {
                    if1Spikes[0]++;
                    int p = (i % 4096) / 16;
                    conv2Events[0] +=
                        16L * windows(p / 16, 16, 3, 1, 1) * windows(p % 16, 16, 3, 1, 1);
                  }
                }
              }
            });
    long inEvents = 0;
    long conv1Events = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] != 0) {
        inEvents++;
        int p = (i % step) / 2;
        conv1Events += 16L * windows(p / 34, 34, 5, 2, 1) * windows(p % 34, 34, 5, 2, 1);
      }
    }
    SpikeCounts c = r.counts();
    assertThat(c.layer("input").spikes()).isEqualTo((double) inEvents / seqs);
    assertThat(c.layer("0").synapticEvents()).isEqualTo((double) conv1Events / seqs);
    assertThat(if1Spikes[0]).isGreaterThan(0L);
    assertThat(c.layer("1").spikes()).isEqualTo((double) if1Spikes[0] / seqs);
    assertThat(c.layer("2").synapticEvents()).isEqualTo((double) conv2Events[0] / seqs);
    assertThat(c.layer("12").spikes()).isGreaterThan(0.0);
    assertThat(c.layer("0").spikes()).isEqualTo(0.0);
  }

  private static Shape shape(Model model, String layer) {
    return model.applications(model.layer(layer)).get(0).shape();
  }

  /** Windows of size k, stride s over n + 2 pad positions that cover input index i. */
  private static long windows(int i, int n, int k, int s, int pad) {
    int outLen = (n + 2 * pad - k) / s + 1;
    long count = 0;
    for (int o = 0; o < outLen; o++) {
      int from = o * s - pad;
      count += i >= from && i < from + k ? 1 : 0;
    }
    return count;
  }

  // ---------------------------------------------------------------- the Braille RNN

  /**
   * The Braille network (CubaLIF with a recurrent weight, snnTorch's export at dt = 1e-4 s) on
   * random 12-channel events, against a float64 loop of the same equations: exact spike counts of
   * both neuron layers and the recurrent events (each spike of the previous step times 38).
   */
  @Test
  void braille_runsWithItsRecurrence_matchesNaiveLoop() throws Exception {
    Model model = NirModels.load(resource("braille_noDelay_bias_zero.nir"));
    int seqs = 3;
    int steps = 60;
    float[] x = events(9, seqs * steps * 12, 0.2);
    SpikeCounts c = simulate(model, x, 1e-4, seqs, steps, 12).counts();

    Layer fc1 = model.layer("fc1");
    Layer lif1 = model.layer("lif1.lif");
    Layer fc2 = model.layer("fc2");
    Layer lif2 = model.layer("lif2");
    float[] rec = lif1.weights().get(0);
    float[] recBias = lif1.weights().size() > 1 ? lif1.weights().get(1) : new float[38];
    long spikes1 = 0;
    long spikes2 = 0;
    long recurrentEvents = 0;
    for (int s = 0; s < seqs; s++) {
      Cuba n1 = new Cuba((SpikingNeuron) lif1.spec(), 38);
      Cuba n2 = new Cuba((SpikingNeuron) lif2.spec(), 7);
      double[] previous = new double[38];
      for (int t = 0; t < steps; t++) {
        double[] in = new double[12];
        for (int j = 0; j < 12; j++) {
          in[j] = x[(s * steps + t) * 12 + j];
        }
        double[] a = dense(fc1, in, 38);
        for (int from = 0; from < 38; from++) {
          if (previous[from] != 0) {
            recurrentEvents += 38;
            for (int to = 0; to < 38; to++) {
              a[to] += previous[from] * rec[from * 38 + to];
            }
          }
        }
        if (previous != null) {
          for (int to = 0; to < 38; to++) {
            a[to] += recBias[to];
          }
        }
        previous = n1.step(a);
        spikes1 += (long) java.util.Arrays.stream(previous).sum();
        spikes2 += (long) java.util.Arrays.stream(n2.step(dense(fc2, previous, 7))).sum();
      }
    }
    assertThat(spikes1).isGreaterThan(0L);
    assertThat(spikes2).isGreaterThan(0L);
    assertThat(recurrentEvents).isGreaterThan(0L);
    assertThat(c.layer("lif1.lif").spikes()).isEqualTo((double) spikes1 / seqs);
    assertThat(c.layer("lif2").spikes()).isEqualTo((double) spikes2 / seqs);
    assertThat(c.layer("lif1.lif").synapticEvents()).isEqualTo((double) recurrentEvents / seqs);
  }

  private static double[] dense(Layer layer, double[] in, int units) {
    List<float[]> w = layer.weights();
    double[] out = new double[units];
    for (int o = 0; o < units; o++) {
      out[o] = w.size() > 1 ? w.get(1)[o] : 0;
      for (int i = 0; i < in.length; i++) {
        out[o] += in[i] * w.get(0)[i * units + o];
      }
    }
    return out;
  }

  /** NIR's CubaLIF by forward Euler, current first, reset to v_reset. */
  private static final class Cuba {
    final SpikingNeuron spec;
    final double[] i;
    final double[] v;

    Cuba(SpikingNeuron spec, int units) {
      this.spec = spec;
      this.i = new double[units];
      this.v = new double[units];
    }

    double[] step(double[] x) {
      double[] z = new double[v.length];
      double dt = 1e-4;
      for (int u = 0; u < v.length; u++) {
        i[u] += dt / spec.constant("tauSyn").at(u) * (-i[u] + spec.constant("wIn").at(u) * x[u]);
        v[u] +=
            dt
                / spec.constant("tauMem").at(u)
                * (spec.constant("vLeak").at(u) - v[u] + spec.constant("r").at(u) * i[u]);
        if (v[u] > spec.constant("vThreshold").at(u)) {
          z[u] = 1;
          v[u] = spec.constant("vReset").at(u);
        }
      }
      return z;
    }
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void dataOfTheWrongShape_namesBothShapes() {
    Model model = Model.input(34, 34, 2).integrateAndFire().model();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> simulate(model, new float[2 * 3 * 2 * 34 * 34], 1e-3, 2, 3, 2, 34, 34));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "example data (array) has shape (2, 3, 2, 34, 34),"
                + " but the spiking simulation takes sequences (N, T, step...) of the model's step shape"
                + " (34, 34, 2): (N, T, 34, 34, 2)");
  }

  @Test
  void nanData_isAnErrorNamingTheValue() {
    Model model = Model.input(2).integrateAndFire().model();
    float[] x = {0, 1, 0, Float.NaN};
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> simulate(model, x, 1e-3, 1, 2, 2));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "example data value 3 (at [0, 1, 1]) is NaN; firing" + " rates need finite numbers");
  }

  @Test
  void dtBelowFloat32sSmallest_isAnError_notAnInfiniteRate() {
    // FuzzTest: dense(3) -> cubaLif simulated with dt 4.9E-324 gave an infinite total energy.
    Model model = Model.input(2).integrateAndFire().model();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> simulate(model, new float[4], Double.MIN_VALUE, 1, 2, 2));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "the spiking simulation's dt of 4.9E-324 s is below"
                + " float32's smallest positive number (1.4E-45): its firing rates (per step / dt) would"
                + " not be finite");
    assertThat(simulate(model, new float[4], Float.MIN_VALUE, 1, 2, 2)).isNotNull();
  }

  @Test
  void recurrentNeuron_afterFlattenOfAnUndefinedTimeAxis_isAClearError() {
    // FuzzTest: input (None, 1) -> flatten -> leakyIntegrator(recurrent) on sequences (3, 5, 3,
    // 1): the declared shape (None) has 1 unit, the step 3; it was an index out of bounds.
    Model model =
        Model.input(Model.NONE, 1)
            .flatten()
            .leakyIntegrator(n -> n.recurrent(true).recurrentBias(true))
            .model();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> simulate(model, new float[15], 0.001, 1, 5, 3, 1));
    assertThat(e)
        .hasMessageThat()
        .contains("its recurrent weights are for 1 units, but the step" + " has 3 units");
    assertThat(e).hasMessageThat().doesNotContain("out of bounds");
  }

  @Test
  void dtNotPositive_isAnError() {
    Model model = Model.input(2).integrateAndFire().model();
    for (double dt : new double[] {0, -1e-3, Double.NaN, 1e9}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> simulate(model, new float[4], dt, 1, 2, 2));
      assertThat(e)
          .hasMessageThat()
          .isEqualTo(
              "the spiking simulation's dt must be a number of"
                  + " seconds > 0 and <= 1000, was "
                  + dt);
    }
  }

  @Test
  void dtLongerThanATimeConstant_namesTheLayer() {
    Model model = Model.input(2).lif(n -> n.tau(0.001).name("fast")).model();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> simulate(model, new float[4], 0.002, 1, 2, 2));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "layer 'fast' (LIF): dt 0.002 is longer than its"
                + " tau 0.001, so forward Euler would overshoot; use a dt <= tau");
  }
}
