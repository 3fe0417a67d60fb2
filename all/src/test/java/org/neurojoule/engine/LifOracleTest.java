package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.Reset;
import org.neurojoule.layer.Accounting;
import org.neurojoule.nir.NirModels;

/**
 * The NIR paper's LIF task: {@code lif_norse.nir} driven by the input column of {@code
 * lif_norse.csv} at dt = 1e-4 s for 1000 steps (test resources, nir/SOURCES.md).
 */
class LifOracleTest {
  private static Path resource(String name) throws Exception {
    return Path.of(LifOracleTest.class.getResource("/nir/" + name).toURI());
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

  private record Run(List<Integer> spikeSteps, double[] v, double spikesPerInference) {}

  private static Run run() throws Exception {
    double[][] norse = csv("lif_norse.csv");
    float[] input = new float[norse.length];
    for (int t = 0; t < input.length; t++) {
      input[t] = (float) norse[t][0];
    }
    Model model = NirModels.load(resource("lif_norse.nir"));
    List<Integer> spikes = new ArrayList<>();
    double[] v = new double[input.length];
    SpikingSimulation.Result r =
        SpikingSimulation.simulate(
            model,
            ExampleData.of(input, 1, input.length, 1),
            1e-4,
            Reset.TO_V_RESET,
            8,
            Accounting.COMPLETE,
            (layer, t, state, out, n) -> {
              v[t] = state[0];
              if (out[0] != 0) {
                spikes.add(t);
              }
            });
    return new Run(spikes, v, r.counts().layer("1").spikes());
  }

  @Test
  void spikesFourTimes_whereTheExactSolutionSpikes() throws Exception {
    Run run = run();
    List<Integer> exact = new ArrayList<>();
    double[][] rows = csv("lif_exact.csv");
    for (int t = 0; t < rows.length; t++) {
      if (rows[t][2] != 0) {
        exact.add(t);
      }
    }
    assertThat(exact).hasSize(4);
    assertThat(run.spikeSteps()).hasSize(4);
    assertThat(run.spikesPerInference()).isEqualTo(4.0);
    for (int i = 0; i < 4; i++) {
      assertThat(Math.abs(run.spikeSteps().get(i) - exact.get(i))).isAtMost(1);
    }
  }

  /**
   * Norse steps the same forward Euler in float32: the traces differ by float32 rounding only, a
   * few ulps of values below 0.11, so 1e-6 (about 1e-5 relative) bounds it with room.
   */
  @Test
  void membraneTrace_followsNorse() throws Exception {
    Run run = run();
    double[][] norse = csv("lif_norse.csv");
    double worst = 0;
    for (int t = 0; t < norse.length; t++) {
      worst = Math.max(worst, Math.abs(run.v()[t] - norse[t][1]));
    }
    assertThat(worst).isLessThan(1e-6);
    assertThat(run.spikeSteps()).containsExactly(460, 510, 710, 760).inOrder();
  }
}
