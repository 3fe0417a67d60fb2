package org.neurojoule.examples;

import static com.google.common.truth.Truth.assertThat;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.neurojoule.Comparison;
import org.neurojoule.ModelEnergy;
import org.neurojoule.SpikeCounts;
import org.neurojoule.SummaryOptions;
import org.neurojoule.layer.LayerKind;

/** {@link AnnVersusSnn}: a converted pair, counted spikes beside rates, kind by kind. */
class AnnVersusSnnTest {
  @Test
  void theConversion_keepsTheArithmetic_andMovesTheNeuronsToTheirOwnKind() {
    ModelEnergy ann = AnnVersusSnn.annEnergy();
    ModelEnergy snn = AnnVersusSnn.snnEnergy();
    // Same weights, same connections: on a non-spiking device they cost the same.
    assertThat(snn.totalEnergy("cpu")).isEqualTo(ann.totalEnergy("cpu"));
    SpikeCounts counts = snn.spikeCounts().orElseThrow();
    assertThat(counts.timesteps()).isEqualTo(AnnVersusSnn.STEPS);
    assertThat(counts.layer("if").spikes()).isGreaterThan(0.0);
    // The SNN's default timesteps are its sequences' length: the rule, not a special case.
    assertThat(snn.totalEnergy("loihi"))
        .isEqualTo(snn.totalEnergy("loihi", o -> o.timestepsPerInference(AnnVersusSnn.STEPS)));
    UnaryOperator<SummaryOptions> same =
        o -> o.columns("name", "energy loihi").timestepsPerInference(AnnVersusSnn.STEPS);
    Comparison c = Comparison.of(ann, snn).named("ANN", "SNN");
    assertThat(c.energyByKind(0, "loihi", same).get(LayerKind.SPIKING_NEURONS)).isEqualTo(0.0);
    assertThat(c.energyByKind(1, "loihi", same).get(LayerKind.ACTIVATIONS)).isEqualTo(0.0);
    assertThat(c.energyByKind(1, "loihi", same).get(LayerKind.SPIKING_NEURONS))
        .isEqualTo(
            snn.layerEnergy("if", "loihi").total() + snn.layerEnergy("if_1", "loihi").total());
  }

  @Test
  void report_showsCountedAndRateBasedEnergy_andTheComparison() {
    String report = AnnVersusSnn.report();
    assertThat(report).contains("Total simulated energy per inference [Joules/inf] (loihi): ");
    assertThat(report).contains("spiking_neurons (loihi)");
    assertThat(report).contains("Timesteps per inference on spiking devices");
  }
}
