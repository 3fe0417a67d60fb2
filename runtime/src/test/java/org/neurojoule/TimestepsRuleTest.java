package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.neurojoule.layer.LayerKind;

/**
 * {@link SummaryOptions#SEQUENCE_TIMESTEPS}: one rule for the timesteps per inference, the same in
 * totals, summaries, exports, reports and comparisons.
 */
class TimestepsRuleTest {
  /** input(2) -> dense(2) -> IF, one sequence of 4 steps: a simulated estimate with T = 4. */
  private static ModelEnergy simulated() {
    Model model = Model.input(2).dense(2).integrateAndFire().model();
    model.layer("dense").setWeights(new float[] {1, 0, 0, 1}, new float[] {0, 0});
    ExampleData data = ExampleData.of(new float[] {0.6f, 0, 0.6f, 0, 0.6f, 0, 0.6f, 0}, 1, 4, 2);
    return model.energy(e -> e.exampleData(data).simulate(1e-3));
  }

  private static ModelEnergy rates() {
    Model model = Model.input(2).dense(2).relu().model();
    model.layer("dense").setWeights(new float[] {1, 0, 0, 1}, new float[] {0, 0});
    return model.energy(e -> e.exampleData(ExampleData.filled(0.5, 3, 2)));
  }

  @Test
  void simulatedEstimate_defaultsToTheSequencesLength_everywhere() {
    ModelEnergy e = simulated();
    UnaryOperator<SummaryOptions> four = o -> o.timestepsPerInference(4);
    double loihi = e.totalEnergy("loihi");
    assertThat(e.timestepsPerInference(UnaryOperator.identity())).isEqualTo(4);
    assertThat(loihi).isEqualTo(e.totalEnergy("loihi", four));
    assertThat(loihi).isNotEqualTo(e.totalEnergy("loihi", o -> o.timestepsPerInference(1)));
    assertThat(e.totals().energy().get("loihi")).isEqualTo(loihi);
    assertThat(e.layerEnergy("if", "loihi").total())
        .isEqualTo(e.layerEnergy("if", "loihi", four).total());
    assertThat(e.toJson()).contains("\"timesteps_per_inference\": 4");
    assertThat(e.toCsv(o -> o.columns("name", "energy loihi")))
        .isEqualTo(e.toCsv(o -> o.columns("name", "energy loihi").timestepsPerInference(4)));
    assertThat(e.report(r -> r.devices("loihi")).html()).contains(Double.toString(loihi));
  }

  @Test
  void simulatedEstimate_theNoteSaysWhereTheTimestepsComeFrom() {
    String text =
        simulated().summaryString(o -> o.columns("name", "energy loihi")).replaceAll("\\s+", " ");
    assertThat(text)
        .contains(
            "* Timesteps per inference on spiking devices: 4 of 0.001 s (the length T of the"
                + " simulated example sequences");
    assertThat(text).contains("o -> o.timestepsPerInference(n)");
    // Set explicitly, it is as set.
    assertThat(
            simulated()
                .summaryString(o -> o.columns("name", "energy loihi").timestepsPerInference(7))
                .replaceAll("\\s+", " "))
        .contains("* Timesteps per inference on spiking devices: 7 of 0.001 s (as set).");
  }

  @Test
  void estimateWithoutSimulation_staysAtOneTimestep_withoutANote() {
    ModelEnergy e = rates();
    assertThat(e.timestepsPerInference(UnaryOperator.identity())).isEqualTo(1);
    assertThat(e.totalEnergy("loihi"))
        .isEqualTo(e.totalEnergy("loihi", o -> o.timestepsPerInference(1)));
    assertThat(e.summaryString(o -> o.columns("name", "energy loihi")))
        .doesNotContain("Timesteps per inference");
    assertThat(e.toJson()).contains("\"timesteps_per_inference\": 1");
  }

  @Test
  void comparison_eachModelFollowsTheRule_andTheJsonSaysSo() {
    Comparison c = Comparison.of(rates(), simulated()).named("ann", "snn");
    UnaryOperator<SummaryOptions> loihi = o -> o.columns("name", "energy loihi");
    assertThat(c.energy(1, "loihi", loihi)).isEqualTo(simulated().totalEnergy("loihi"));
    assertThat(c.timesteps(0, loihi)).isEqualTo(1);
    assertThat(c.timesteps(1, loihi)).isEqualTo(4);
    assertThat(c.toCsv(loihi)).contains(",4\n");
    assertThat(c.toCsv(loihi).lines().toList().get(2)).endsWith(",4");
    assertThat(c.toCsv(loihi).lines().toList().get(1)).endsWith(",1");
    assertThat(c.toJson(loihi)).contains("\"timesteps_per_inference\": null");
    assertThat(c.summaryString(loihi).replaceAll("\\s+", " "))
        .contains("ann 1, snn 4 (its simulated sequences' T); set one for all with");
    // The CSV of the comparison reads the same figure as the model's own total.
    assertThat(c.toCsv(loihi)).contains("," + simulated().totalEnergy("loihi") + ",");
  }

  @Test
  void spikingNeurons_areTheirOwnKind() {
    Comparison c = Comparison.of(rates(), simulated()).named("ann", "snn");
    UnaryOperator<SummaryOptions> loihi = o -> o.columns("name", "energy loihi");
    assertThat(c.energyByKind(0, "loihi", loihi).get(LayerKind.SPIKING_NEURONS)).isEqualTo(0.0);
    assertThat(c.energyByKind(0, "loihi", loihi).get(LayerKind.ACTIVATIONS)).isGreaterThan(0.0);
    assertThat(c.energyByKind(1, "loihi", loihi).get(LayerKind.ACTIVATIONS)).isEqualTo(0.0);
    assertThat(c.energyByKind(1, "loihi", loihi).get(LayerKind.SPIKING_NEURONS))
        .isEqualTo(simulated().layerEnergy("if", "loihi").total());
    assertThat(c.summaryString(loihi)).contains("spiking_neurons (loihi)");
  }

  @Test
  void comparisonCsv_hasOneHeader_whicheverModels() {
    UnaryOperator<SummaryOptions> cpu = o -> o.columns("name", "energy cpu");
    String dense =
        Comparison.of(Model.input(4).dense(2).energy(), Model.input(4).dense(3).energy())
            .toCsv(cpu);
    String conv =
        Comparison.of(
                Model.input(8, 8, 1).conv2d(2, 3).maxPooling2d(2).energy(),
                Model.input(8, 8, 1).depthwiseConv2d(3).flatten().dense(2).energy())
            .toCsv(cpu);
    assertThat(conv.lines().findFirst()).isEqualTo(dense.lines().findFirst());
    assertThat(dense.lines().findFirst().orElseThrow())
        .isEqualTo(
            "model,accounting,params,storage_bytes,connections,neurons,"
                + "energy_j_cpu,reduction_percent_params,reduction_percent_connections,"
                + "reduction_percent_neurons,reduction_percent_cpu,energy_j_cpu_convolution,"
                + "energy_j_cpu_depthwise,energy_j_cpu_dense,energy_j_cpu_pooling,"
                + "energy_j_cpu_activations,energy_j_cpu_spiking_neurons,energy_j_cpu_other,"
                + "timesteps_per_inference");
  }

  @Test
  void timestepsOption_refusesZero_butDefaultsToTheRule() {
    assertThat(SummaryOptions.DEFAULTS.timestepsPerInference())
        .isEqualTo(SummaryOptions.SEQUENCE_TIMESTEPS);
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class, () -> SummaryOptions.DEFAULTS.timestepsPerInference(0));
    assertThat(zero).hasMessageThat().isEqualTo("timestepsPerInference must be >= 1, was 0");
  }
}
