package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link EnergyOptions#simulate(double)}: counted spikes and events, and their energy. */
class SimulatedEnergyTest {
  /**
   * input(2) -> dense(2), identity weights -> IF (threshold 1), one sequence of 4 steps of (0.6,
   * 0): unit 0 reaches 1.2 at steps 1 and 3 and spikes twice; the input has 4 nonzero values, each
   * feeding 2 dense units.
   */
  private static ModelEnergy energy() {
    Model model = Model.input(2).dense(2).integrateAndFire().model();
    model.layer("dense").setWeights(new float[] {1, 0, 0, 1}, new float[] {0, 0});
    ExampleData data = ExampleData.of(new float[] {0.6f, 0, 0.6f, 0, 0.6f, 0, 0.6f, 0}, 1, 4, 2);
    return model.energy(e -> e.exampleData(data).simulate(1e-3));
  }

  @Test
  void countsAndEnergy_perLayer() {
    ModelEnergy e = energy();
    SpikeCounts c = e.spikeCounts().orElseThrow();
    assertThat(c.layer("input_1")).isEqualTo(new SpikeCounts.Layer(4, 0));
    assertThat(c.layer("dense")).isEqualTo(new SpikeCounts.Layer(0, 8));
    assertThat(c.layer("if")).isEqualTo(new SpikeCounts.Layer(2, 0));
    assertThat(c.totalSpikes()).isEqualTo(6.0);
    assertThat(c.totalSynapticEvents()).isEqualTo(8.0);
    // loihi: dense 27.1e-12 J x 8 events; IF 81e-12 J x 2 neurons x 4 steps. gpu: every
    // connection and neuron each step: 0.3e-9 x 4 x 4, 0.3e-9 x 2 x 4.
    assertThat(
            e.summaryString(
                o ->
                    o.columns(
                            "name",
                            "rate",
                            "spikes",
                            "synaptic_events",
                            "energy loihi",
                            "sim_energy loihi",
                            "sim_energy gpu")
                        .timestepsPerInference(4)
                        .lineLength(SummaryOptions.AUTO)
                        .printWarnings(false)))
        .isEqualTo(
            ""
                + "Layer (type)        |Rate [Hz]|Spikes/inf|Events/inf|J/inf (loihi)|Sim J/inf (loihi)|Sim J/inf (gpu)\n"
                + "--------------------|---------|----------|----------|-------------|-----------------|---------------\n"
                + "input_1 (InputLayer)|    3e+02|         4|         0|            0|                0|              0\n"
                + "dense (Dense)       |    3e+02|         0|         8|      1.3e-10|          2.2e-10|        4.8e-09\n"
                + "if (IF)             |    3e+02|         2|         0|      6.5e-10|          6.5e-10|        2.4e-09\n"
                + "====================================================================================================\n"
                + "Total energy per inference [Joules/inf] (loihi): 7.78e-10\n"
                + "Total simulated energy per inference [Joules/inf] (loihi): 8.65e-10\n"
                + "Total simulated energy per inference [Joules/inf] (gpu): 7.20e-09\n");
  }

  @Test
  void exports_carryTheCountsAtFullPrecision() {
    String csv =
        energy().toCsv(o -> o.columns("name", "spikes", "synaptic_events", "sim_energy loihi"));
    assertThat(csv).contains("dense,Dense,0.0,8.0,2.1680000000000002E-10\n");
  }

  @Test
  void countedColumns_withoutTheSimulation_sayHowToRunIt() {
    ModelEnergy e = Model.input(2).integrateAndFire().energy();
    IllegalArgumentException x =
        assertThrows(
            IllegalArgumentException.class,
            () -> e.summaryString(o -> o.columns("name", "spikes")));
    assertThat(x)
        .hasMessageThat()
        .isEqualTo(
            "column 'spikes' needs the spiking simulation:"
                + " e -> e.exampleData(sequences).simulate(dt)");
    assertThat(e.spikeCounts()).isEmpty();
  }

  @Test
  void simulateWithoutExampleData_isAnError() {
    Model model = Model.input(2).integrateAndFire().model();
    IllegalArgumentException x =
        assertThrows(IllegalArgumentException.class, () -> model.energy(e -> e.simulate(1e-3)));
    assertThat(x)
        .hasMessageThat()
        .isEqualTo(
            "the spiking simulation (simulate(dt)) needs example"
                + " data: sequences (N, T, step...), as in"
                + " e -> e.exampleData(ExampleData.fromNpy(path)).simulate(0.001)");
  }

  @Test
  void simulateDtNotPositive_isAnErrorAtOnce() {
    IllegalArgumentException x =
        assertThrows(IllegalArgumentException.class, () -> EnergyOptions.DEFAULTS.simulate(-1));
    assertThat(x)
        .hasMessageThat()
        .isEqualTo(
            "the spiking simulation's dt must be a number of"
                + " seconds > 0 and <= 1000, was -1.0");
  }

  @Test
  void simulateDtBelowFloat32sSmallest_isAnErrorAtOnce() {
    // FuzzTest: a dt of 1e-300 on sequences of 1e30 gave an infinite total energy on loihi.
    IllegalArgumentException x =
        assertThrows(IllegalArgumentException.class, () -> EnergyOptions.DEFAULTS.simulate(1e-300));
    assertThat(x)
        .hasMessageThat()
        .isEqualTo(
            "the spiking simulation's dt of 1.0E-300 s is below"
                + " float32's smallest positive number (1.4E-45): its firing rates (per step / dt) would"
                + " not be finite");
  }
}
