package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Activation;

/** The README's table of two models under each energy model on horowitz-fp32 and loihi. */
class ReadmeEnergyModelsTest {
  /** input(NONE, 784) -> dense(128) -> spikingActivation(relu) -> dense(10), seed 1. */
  static ModelEnergy spikingMlp() {
    Model m =
        Model.input(Model.NONE, 784)
            .dense(128)
            .spikingActivation(Activation.RELU)
            .dense(10)
            .model();
    m.initializeWeights(1);
    float[] x = new float[4 * 8 * 784];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (100 * (i % 17) / 16.0);
    }
    return m.energy(e -> e.exampleData(ExampleData.of(x, 4, 8, 784)));
  }

  private static List<String> row(ModelEnergy energy, int timesteps) {
    List<String> out = new ArrayList<>();
    // The README's table: the three counting models (CALIBRATED prices measured devices only).
    for (EnergyModel model :
        List.of(EnergyModel.REFERENCE, EnergyModel.MAC_AC, EnergyModel.MEMORY_AWARE)) {
      for (String device : List.of("horowitz-fp32", "loihi")) {
        out.add(
            String.format(
                Locale.ROOT,
                "%.2e",
                energy.totalEnergy(
                    device, o -> o.energyModel(model).timestepsPerInference(timesteps))));
      }
    }
    return out;
  }

  @Test
  void theReadmesFigures() {
    // REFERENCE, MAC_AC, MEMORY_AWARE, each on horowitz-fp32 then loihi.
    assertThat(row(GoldenRatesTest.mnistEnergy(), 1))
        .containsExactly("7.99e-07", "8.99e-08", "7.99e-07", "8.99e-08", "7.51e-06", "1.15e-07")
        .inOrder();
    assertThat(row(spikingMlp(), 8))
        .containsExactly("4.68e-07", "1.18e-06", "4.67e-07", "1.18e-06", "5.51e-06", "4.75e-06")
        .inOrder();
  }
}
