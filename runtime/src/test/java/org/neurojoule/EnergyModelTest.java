package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Activation;

/** Hand-computed energies under each {@link EnergyModel}. */
class EnergyModelTest {
  private static final double FP32_MAC = 4.6e-12;
  private static final double FP32_AC = 0.9e-12;

  private static void assertClose(double actual, double expected) {
    assertThat(actual).isWithin(Math.abs(expected) * 1e-12).of(expected);
  }

  @Test
  void mnistOnHorowitzFp32_underMacAc_isOneMacPerConnectionAndNeuron() {
    // Non-spiking: (172,616 connections + 1,096 neurons) x 4.6 pJ.
    double joules =
        GoldenSummaryTest.mnist()
            .energy()
            .totalEnergy("horowitz-fp32", o -> o.energyModel(EnergyModel.MAC_AC));
    assertThat(joules).isWithin(7.990752e-07 * 1e-12).of(7.990752e-07);
  }

  @Test
  void theEstimatesModel_appliesUnlessACallChoosesAnother() {
    ModelEnergy macAc =
        GoldenSummaryTest.mnist().model().energy(e -> e.energyModel(EnergyModel.MAC_AC));
    assertClose(macAc.totalEnergy("horowitz-fp32"), 7.990752e-07);
    // The call's own model wins: the reference's cpu figures (8.6e-9 J per synop and neuron).
    ModelEnergy reference = GoldenSummaryTest.mnist().energy();
    assertThat(macAc.totalEnergy("cpu", o -> o.energyModel(EnergyModel.REFERENCE)))
        .isEqualTo(reference.totalEnergy("cpu"));
    assertThat(reference.options().energyModel()).isEqualTo(EnergyModel.REFERENCE);
    assertThat(SummaryOptions.DEFAULTS.energyModel()).isEmpty();
  }

  /**
   * input(NONE, 4) -> spikingActivation(relu) -> dense(3), every input 1000: with dt = 1 ms each
   * unit spikes on every step, an output of 1 / dt = 1000, so the dense layer's rate is 1000 Hz.
   */
  private static ModelEnergy spikingThenDense() {
    return Model.input(Model.NONE, 4)
        .spikingActivation(Activation.RELU)
        .dense(3)
        .model()
        .energy(e -> e.exampleData(ExampleData.filled(1000, 2, 5, 4)));
  }

  @Test
  void spikingThenDense_underMacAc_paysAnAcPerSynapticEvent() {
    ModelEnergy energy = spikingThenDense();
    double rate = energy.rates().get("dense"); // 1 / 0.001f in float: 999.99994
    assertThat(rate).isWithin(1e-4).of(1000);
    double events = 12 * rate * 0.001 * 10;
    UnaryOperator10 o = new UnaryOperator10(EnergyModel.MAC_AC);
    // The dense layer's inputs are spikes: 12 connections x 1000 Hz x 0.001 s x 10 steps = 120
    // events, each one AC. No neurons (linear).
    LayerEnergy dense = energy.layerEnergy("dense", "horowitz-fp32", o);
    assertClose(dense.synop(), events * FP32_AC);
    assertThat(dense.neuron()).isEqualTo(0.0);
    // The spiking activation's 4 neurons update on each of the 10 steps: 40 x 4.6 pJ.
    assertThat(energy.layerEnergy("spiking_activation", "horowitz-fp32", o).neuron())
        .isWithin(1e-24)
        .of(40 * FP32_MAC);
    assertClose(energy.totalEnergy("horowitz-fp32", o), 40 * FP32_MAC + events * FP32_AC);
    // On loihi (spiking, no MAC/AC figures of its own) an AC is its synop figure, 27.1 pJ.
    assertClose(energy.totalEnergy("loihi", o), 40 * 81e-12 + events * (23.6 + 3.5) * 1e-12);
  }

  @Test
  void spikingThenDense_withoutExampleData_namesTheEventDrivenLayer() {
    ModelEnergy energy =
        Model.input(Model.NONE, 4).spikingActivation(Activation.RELU).dense(3).energy();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> energy.totalEnergy("horowitz-fp32", o -> o.energyModel(EnergyModel.MAC_AC)));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "layer 'dense' is event-driven (its inputs are"
                + " spikes), so its energy under MAC_AC depends on its firing rate: give example data,"
                + " as in model.energy(e -> e.exampleData(ExampleData.of(values, shape)))");
    // The reference model still counts it as a non-spiking layer, and totals leave the device
    // out rather than fail.
    assertThat(energy.totalEnergy("horowitz-fp32")).isGreaterThan(0.0);
    assertThat(energy.totals(o -> o.energyModel(EnergyModel.MAC_AC)).energy()).isEmpty();
  }

  @Test
  void dense4to3Relu_underMemoryAware_addsEveryAccess() {
    ModelEnergy energy = Model.input(4).dense(3, c -> c.activation(Activation.RELU)).energy();
    // Operations: 12 MACs and 3 neuron updates at 4.6 pJ.
    double synop = 12 * FP32_MAC;
    double neuron = 3 * FP32_MAC;
    // Each tensor fits the 8 KB SRAM: 10 pJ per 64-bit word, 5 pJ per 32-bit element.
    double access = 10e-12 * 32 / 64;
    double weights = 12 * access; // one weight read per MAC
    double biases = 3 * access; // one bias read per output element
    double inputs = 4 * access; // a dense layer reads each of its 4 inputs once
    double outputs = 3 * access; // each output element written once
    double potentials = 2 * 3 * access; // each neuron's value read and written once
    LayerEnergy dense =
        energy.layerEnergy("dense", "horowitz-fp32", o -> o.energyModel(EnergyModel.MEMORY_AWARE));
    assertClose(dense.synop(), synop);
    assertClose(dense.neuron(), neuron);
    assertClose(dense.memory(), weights + biases + inputs + outputs + potentials);
    assertClose(
        energy.totalEnergy("horowitz-fp32", o -> o.energyModel(EnergyModel.MEMORY_AWARE)), 209e-12);
    assertClose(
        energy.totalEnergy("horowitz-fp32", o -> o.energyModel(EnergyModel.MAC_AC)), 69e-12);
  }

  @Test
  void spikingThenDense_underMemoryAware_readsPerEventAndAddressesEachEvent() {
    ModelEnergy energy = spikingThenDense();
    UnaryOperator10 o = new UnaryOperator10(EnergyModel.MEMORY_AWARE);
    double access = 10e-12 * 32 / 64; // every tensor fits the 8 KB SRAM
    double rate = energy.rates().get("dense");
    double events = 12 * rate * 0.001 * 10;
    LayerEnergy dense = energy.layerEnergy("dense", "horowitz-fp32", o);
    // One AC per event for the sum, one for its target's address.
    assertClose(dense.synop(), 2 * events * FP32_AC);
    double weights = events * access;
    double biases = 3 * 10 * access; // a bias per output element on every step
    double inputSpikes = 4 * rate * 0.001 * 10 * access;
    double potentials = 2 * events * access; // the target potential read and written
    assertClose(dense.memory(), weights + biases + inputSpikes + potentials);
    // The spiking activation: 4 potentials read and written on each of 10 steps.
    LayerEnergy spiking = energy.layerEnergy("spiking_activation", "horowitz-fp32", o);
    assertClose(spiking.memory(), 2 * 4 * 10 * access);
    assertClose(spiking.neuron(), 40 * FP32_MAC);
  }

  @Test
  void theSummary_showsMacAndMemoryColumnsAndSaysWhichModel() {
    ModelEnergy energy = Model.input(4).dense(3, c -> c.activation(Activation.RELU)).energy();
    String s =
        energy.summaryString(
            o ->
                o.columns(
                        "name",
                        "energy horowitz-fp32",
                        "mac_energy horowitz-fp32",
                        "memory_energy horowitz-fp32")
                    .energyModel(EnergyModel.MEMORY_AWARE)
                    .lineLength(SummaryOptions.AUTO));
    assertThat(s)
        .contains(
            "dense (Dense)       |              2.1e-10|                  6.9e-11|"
                + "                     1.4e-10\n");
    assertThat(s).contains("Total energy per inference [Joules/inf] (horowitz-fp32): 2.09e-10");
    assertThat(s).contains("* Energy model MEMORY_AWARE: MAC/AC operations plus weight, bias,");
    // The reference's text never gains the note.
    assertThat(energy.summaryString()).doesNotContain("Energy model");
  }

  @Test
  void macAndMemoryColumns_underTheReference_areAnErrorNamingColumnAndModel() {
    ModelEnergy energy = GoldenSummaryTest.mnist().energy();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> energy.summaryString(o -> o.columns("name", "memory_energy cpu")));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "column 'memory_energy cpu' needs the MAC_AC or"
                + " MEMORY_AWARE energy model, but this estimate uses REFERENCE; choose one with"
                + " o -> o.energyModel(EnergyModel.MAC_AC)");
    assertThrows(
        IllegalArgumentException.class,
        () -> energy.toCsv(o -> o.columns("name", "mac_energy cpu")));
  }

  @Test
  void exports_recordTheModelAndItsFields() {
    ModelEnergy energy = Model.input(4).dense(3, c -> c.activation(Activation.RELU)).energy();
    String json =
        energy.toJson(
            o ->
                o.columns("name", "energy horowitz-fp32", "memory_energy horowitz-fp32")
                    .energyModel(EnergyModel.MEMORY_AWARE));
    assertThat(json).contains("\"energy_model\": \"memory-aware\",");
    assertThat(json).contains("\"memory_energy_j_horowitz-fp32\": ");
    String csv =
        energy.toCsv(
            o -> o.columns("name", "mac_energy horowitz-fp32").energyModel(EnergyModel.MAC_AC));
    assertThat(csv).startsWith("layer,type,mac_energy_j_horowitz-fp32\n");
  }

  @Test
  void parse_acceptsTheLabelsAndListsThemOtherwise() {
    assertThat(EnergyModel.parse("mac-ac")).isEqualTo(EnergyModel.MAC_AC);
    assertThat(EnergyModel.parse("MEMORY_AWARE")).isEqualTo(EnergyModel.MEMORY_AWARE);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EnergyModel.parse("joules"));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "unknown energy model 'joules'; valid energy"
                + " models: reference, mac-ac, memory-aware, calibrated");
  }

  /** Ten timesteps of 1 ms under one model. */
  private record UnaryOperator10(EnergyModel model)
      implements java.util.function.UnaryOperator<SummaryOptions> {
    @Override
    public SummaryOptions apply(SummaryOptions o) {
      return o.timestepsPerInference(10).energyModel(model);
    }
  }
}
