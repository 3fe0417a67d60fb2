package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.KerasImportException;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.Filter;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.shape.Shape;

/**
 * KerasSpiking's SpikingActivation, Lowpass and Alpha in a hand-written Keras 2 config, as
 * KerasSpiking's examples build them: Dense over time, spiking ReLU, then the filters, with the
 * fields KerasSpiking 0.3's get_config writes.
 */
class KerasFilterImportTest {
  private static final String MODEL =
      "{\"class_name\": \"Functional\", \"config\": {\"name\":"
          + " \"model\", \"layers\": ["
          + "{\"class_name\": \"InputLayer\", \"name\": \"input_1\", \"config\": {\"batch_input_shape\":"
          + " [null, null, 10], \"dtype\": \"float32\", \"name\": \"input_1\"}, \"inbound_nodes\": []},"
          + " {\"class_name\": \"Dense\", \"name\": \"dense\", \"config\": {\"name\": \"dense\","
          + " \"units\": 20, \"activation\": \"linear\", \"use_bias\": true}, \"inbound_nodes\":"
          + " [[[\"input_1\", 0, 0, {}]]]},"
          + " {\"class_name\": \"keras-spiking>SpikingActivation\", \"name\": \"spiking_activation\","
          + " \"config\": {\"name\": \"spiking_activation\", \"dt\": 0.001, \"return_sequences\": true,"
          + " \"return_state\": false, \"stateful\": false, \"unroll\": false, \"time_major\": false,"
          + " \"activation\": \"relu\", \"seed\": null, \"spiking_aware_training\": true},"
          + " \"inbound_nodes\": [[[\"dense\", 0, 0, {}]]]},"
          + " {\"class_name\": \"keras-spiking>Lowpass\", \"name\": \"lowpass\", \"config\": {\"name\":"
          + " \"lowpass\", \"trainable\": true, \"dtype\": \"float32\", \"dt\": 0.001,"
          + " \"return_sequences\": true, \"return_state\": false, \"stateful\": STATEFUL,"
          + " \"unroll\": false, \"time_major\": false, \"tau_initializer\": {\"class_name\":"
          + " \"Constant\", \"config\": {\"value\": 0.01}}, \"apply_during_training\": true,"
          + " \"level_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
          + " \"initial_level_constraint\": null, \"tau_constraint\": null},"
          + " \"inbound_nodes\": [[[\"spiking_activation\", 0, 0, {}]]]},"
          + " {\"class_name\": \"keras-spiking>Alpha\", \"name\": \"alpha\", \"config\": {\"name\":"
          + " \"alpha\", \"trainable\": true, \"dtype\": \"float32\", \"dt\": 0.002,"
          + " \"return_sequences\": false, \"return_state\": false, \"stateful\": false,"
          + " \"unroll\": false, \"time_major\": false, \"tau_initializer\": TAU,"
          + " \"apply_during_training\": false, \"level_initializer\": \"zeros\","
          + " \"initial_level_constraint\": null, \"tau_constraint\": null},"
          + " \"inbound_nodes\": [[[\"lowpass\", 0, 0, {}]]]}],"
          + " \"input_layers\": [[\"input_1\", 0, 0]], \"output_layers\": [[\"alpha\", 0, 0]]},"
          + " \"keras_version\": \"2.4.0\", \"backend\": \"tensorflow\"}";

  @TempDir Path tmp;

  @Test
  void spikingActivationLowpassAlpha_shapesParamsAndSpecsAsTheConfig() throws IOException {
    Model m = KerasModels.load(write(MODEL.replace("STATEFUL", "false").replace("TAU", "0.005")));

    assertThat(m.layerNames())
        .containsExactly("input_1", "dense", "spiking_activation", "lowpass", "alpha")
        .inOrder();
    assertThat(shape(m, "lowpass")).isEqualTo(Shape.of(Shape.NONE, 20));
    assertThat(shape(m, "alpha")).isEqualTo(Shape.of(20));
    assertThat(m.layer("lowpass").spec()).isEqualTo(Filter.lowpass(0.01).name("lowpass"));
    assertThat(m.layer("alpha").spec())
        .isEqualTo(
            Filter.alpha(0.005)
                .dt(0.002)
                .returnSequences(false)
                .applyDuringTraining(false)
                .name("alpha"));
    // dense 10 * 20 + 20; lowpass initial level and tau, 20 each, trainable; alpha's are not
    assertThat(m.params()).isEqualTo(new ParamCount(220 + 40, 40));
  }

  @Test
  void statistics_filtersCountANeuronPerUnitInComplete_andWarnInTheReference() throws IOException {
    Model m = KerasModels.load(write(MODEL.replace("STATEFUL", "false").replace("TAU", "0.005")));

    ModelEnergy complete = m.energy(e -> e.accounting(Accounting.COMPLETE));
    assertThat(complete.layerStats("lowpass").neurons()).isEqualTo(20);
    assertThat(complete.layerStats("alpha").neurons()).isEqualTo(20);
    assertThat(complete.layerStats("alpha").connections()).isEqualTo(0);
    ModelEnergy reference = m.energy(e -> e.accounting(Accounting.KERAS_SPIKING));
    assertThat(reference.layerStats("lowpass").neurons()).isEqualTo(0);
    assertThat(reference.warnings())
        .containsAtLeast(
            "Cannot compute stats for layer of type 'Lowpass'",
            "Cannot compute stats for layer of type 'Alpha'");
  }

  @Test
  void statefulOrANonConstantTau_isRefusedNamingTheLayerAndTheField() throws IOException {
    Path stateful = write(MODEL.replace("STATEFUL", "true").replace("TAU", "0.005"));
    assertThat(assertThrows(KerasImportException.class, () -> KerasModels.load(stateful)))
        .hasMessageThat()
        .isEqualTo(
            stateful
                + ": layer 'lowpass' (Lowpass): field 'stateful' is"
                + " true; NeuroJoule's Lowpass restarts from its initial level on each input");
    Path random = write(MODEL.replace("STATEFUL", "false").replace("TAU", "\"glorot_uniform\""));
    assertThat(assertThrows(KerasImportException.class, () -> KerasModels.load(random)))
        .hasMessageThat()
        .isEqualTo(
            random
                + ": layer 'alpha' (Alpha): field 'tau_initializer'"
                + " must be a number or a Zeros, Ones or Constant initializer, was \"glorot_uniform\"");
  }

  private Path write(String json) throws IOException {
    Path f = Files.createTempFile(tmp, "model", ".json");
    Files.writeString(f, json);
    return f;
  }

  private static Shape shape(Model m, String layer) {
    return m.applications(m.layer(layer)).get(0).shape();
  }
}
