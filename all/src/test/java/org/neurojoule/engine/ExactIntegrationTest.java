package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.Integration;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Reset;
import org.neurojoule.layer.Accounting;
import org.neurojoule.nir.NirModels;

/**
 * {@link Integration#EXACT}: the NIR paper's LIF task against its exact solution and Rockpool's
 * trace ({@code lif_exact.csv}, {@code lif_rockpool.csv}, nir/SOURCES.md), and snnTorch's Braille
 * export at the default dt of 1 ms, longer than its time constants.
 */
class ExactIntegrationTest {
  private static final double DT = 1e-4;
  private static final double TAU = 0.0025;

  private static Path resource(String name) throws Exception {
    return Path.of(ExactIntegrationTest.class.getResource("/nir/" + name).toURI());
  }

  /** The CSV's columns: input, membrane voltage, spike; one row per step. */
  private static double[][] csv(String name) throws Exception {
    List<String> lines = Files.readAllLines(resource(name));
    double[][] rows = new double[lines.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] =
          java.util.Arrays.stream(lines.get(i).split(","))
              .mapToDouble(Double::parseDouble)
              .toArray();
    }
    return rows;
  }

  private record Trace(double[] v, List<Integer> spikes) {}

  private static Trace lif(Integration integration) throws Exception {
    double[][] rows = csv("lif_exact.csv");
    float[] input = new float[rows.length];
    for (int t = 0; t < input.length; t++) {
      input[t] = (float) rows[t][0];
    }
    Model model = NirModels.load(resource("lif_norse.nir"), o -> o.integration(integration));
    double[] v = new double[input.length];
    List<Integer> spikes = new ArrayList<>();
    SpikingSimulation.simulate(
        model,
        ExampleData.of(input, 1, input.length, 1),
        DT,
        Reset.TO_V_RESET,
        8,
        Accounting.COMPLETE,
        (layer, t, state, out, n) -> {
          v[t] = state[0];
          if (out[0] != 0) {
            spikes.add(t);
          }
        });
    return new Trace(v, spikes);
  }

  /**
   * Up to the first spike the traces agree to rounding; the exact solution then resets at the
   * crossing inside the step and integrates the rest of it (0.0062 at step 460), where a stepped
   * neuron resets to 0, so the spike steps are compared from there on.
   */
  @Test
  void lif_exact_followsTheExactSolution() throws Exception {
    Trace exact = lif(Integration.EXACT);
    double[][] rows = csv("lif_exact.csv");
    double worst = 0;
    List<Integer> spikes = new ArrayList<>();
    for (int t = 0; t < rows.length; t++) {
      if (t < 460) {
        worst = Math.max(worst, Math.abs(exact.v()[t] - rows[t][1]));
      }
      if (rows[t][2] != 0) {
        spikes.add(t);
      }
    }
    assertThat(worst).isLessThan(1e-8);
    // Forward Euler is off by about 1e-3 on the same steps.
    Trace euler = lif(Integration.EULER);
    double eulerWorst = 0;
    for (int t = 0; t < 460; t++) {
      eulerWorst = Math.max(eulerWorst, Math.abs(euler.v()[t] - rows[t][1]));
    }
    assertThat(eulerWorst).isGreaterThan(5e-4);
    assertThat(exact.spikes()).containsExactlyElementsIn(spikes).inOrder();
    assertThat(exact.spikes()).containsExactly(460, 510, 710, 760).inOrder();
  }

  /**
   * Rockpool decays by exp(-dt/tau) too, but gains dt/tau r per input: before the first spike the
   * neuron is linear and starts at 0, so its trace is the exact one scaled by (dt/tau) / (1 -
   * exp(-dt/tau)). Rockpool computes in float32.
   */
  @Test
  void lif_exact_decaysAsRockpool() throws Exception {
    Trace exact = lif(Integration.EXACT);
    double[][] rockpool = csv("lif_rockpool.csv");
    double scale = (DT / TAU) / -Math.expm1(-DT / TAU);
    double worst = 0;
    for (int t = 0; t < 440; t++) {
      worst = Math.max(worst, Math.abs(exact.v()[t] * scale - rockpool[t][1]));
    }
    assertThat(worst).isLessThan(1e-6);
    // Forward Euler decays by 1 - dt/tau instead: far from Rockpool's trace.
    Trace euler = lif(Integration.EULER);
    double eulerWorst = 0;
    for (int t = 0; t < 440; t++) {
      eulerWorst = Math.max(eulerWorst, Math.abs(euler.v()[t] - rockpool[t][1]));
    }
    assertThat(eulerWorst).isGreaterThan(5e-4);
  }

  private static ExampleData braille() {
    Random r = new Random(11);
    int n = 2;
    int steps = 50;
    float[] x = new float[n * steps * 12];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat() < 0.2 ? 1 : 0;
    }
    return ExampleData.of(x, n, steps, 12);
  }

  @Test
  void snnTorchExport_defaultDt_failsUnderEuler_namingTheOptions() throws Exception {
    Path file = resource("braille_noDelay_bias_zero.nir");
    Model m = NirModels.load(file);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> m.energy(o -> o.exampleData(braille()).simulate(1e-3)));

    assertThat(e)
        .hasMessageThat()
        .contains(
            "layer 'lif1.lif' (CubaLIF): dt 0.001 is longer than its tauMem"
                + " 9.999997615814777E-4, so forward Euler would overshoot; use a dt <= tauMem"
                + " (EnergyOptions.simulate(dt)), or integrate exactly"
                + " (NirModels.Options.integration(Integration.EXACT))");
  }

  @Test
  void snnTorchExport_defaultDt_runsUnderExact() throws Exception {
    Path file = resource("braille_noDelay_bias_zero.nir");
    Model m = NirModels.load(file, o -> o.integration(Integration.EXACT));

    ModelEnergy e = m.energy(o -> o.exampleData(braille()).simulate(1e-3));

    assertThat(m.integration()).isEqualTo(Integration.EXACT);
    double spikes = e.spikeCounts().orElseThrow().layer("lif2").spikes();
    assertThat(Double.isFinite(spikes)).isTrue();
    assertThat(spikes).isAtLeast(0.0);
    assertThat(e.rates().values().stream().allMatch(v -> Double.isNaN(v) || v >= 0)).isTrue();
  }
}
