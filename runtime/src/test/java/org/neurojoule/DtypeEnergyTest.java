package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/**
 * A layer's recorded data types in the footprint, the {@code dtype} column and its export fields,
 * and the per-type energy figures of the {@code horowitz} device, against figures computed by hand.
 */
class DtypeEnergyTest {
  private static final double FP32_MAC = 4.6e-12;
  private static final double INT8_MAC = 0.23e-12;
  private static final double NEURON = 4.6e-12;

  /** SRAM's 8 KB tier: 10 pJ per 64-bit word, so an element costs its bits / 64 of that. */
  private static final double WORD_8 = 10e-12 * 8 / 64;

  private static final double WORD_32 = 10e-12 * 32 / 64;

  private static void assertClose(double actual, double expected) {
    assertThat(actual).isWithin(Math.abs(expected) * 1e-12).of(expected);
  }

  /** A convolution like the first of the MLPerf Tiny keyword-spotting model, quantized to int8. */
  private static Model kwsConv() {
    Model m =
        Model.of(
            Model.input(49, 10, 1)
                .conv2d(
                    64,
                    1,
                    c ->
                        c.kernelSize(10, 4)
                            .strides(2, 2)
                            .padding(Padding.SAME)
                            .activation(Activation.RELU)
                            .name("conv")));
    m.layer("conv").setPrecision(Precision.of(Dtype.INT8, Dtype.INT8, Dtype.INT32));
    return m;
  }

  /**
   * input(4) -> q: dense(3, relu), int8 throughout -> h: dense(2), int8 weights and float32
   * activations -> s: dense(2), int16, which horowitz has no figures for -> f: dense(2), float32.
   */
  private static ModelEnergy mixed() {
    Model m =
        Model.of(
            Model.input(4)
                .dense(3, c -> c.activation(Activation.RELU).name("q"))
                .dense(2, c -> c.name("h"))
                .dense(2, c -> c.name("s"))
                .dense(2, c -> c.name("f")));
    m.layer("q").setPrecision(Precision.of(Dtype.INT8, Dtype.INT8, Dtype.INT32));
    m.layer("h").setPrecision(Precision.of(Dtype.FLOAT32, Dtype.INT8, Dtype.FLOAT32));
    m.layer("s").setPrecision(Precision.uniform(Dtype.INT16));
    return m.energy();
  }

  @Test
  void footprint_countsEachWeightArrayInItsOwnFormat() {
    ModelEnergy e = kwsConv().energy();
    // 10 x 4 x 1 x 64 = 2560 int8 weights, 64 int32 biases.
    assertThat(e.activity("conv").params()).isEqualTo(2624);
    assertThat(e.activity("conv").footprintBytes()).isEqualTo(2560 + 64 * 4);
    assertThat(e.activity().footprintBytes()).isEqualTo(2816);
    // As docs/counting.md shows it.
    assertThat(e.summaryString(o -> o.columns("name", "dtype", "footprint")))
        .isEqualTo(
            ""
                + "Layer (type)        |Dtype  |Bytes\n"
                + "--------------------|-------|-----\n"
                + "input_1 (InputLayer)|float32|    0\n"
                + "conv (Conv2D)       |   int8| 2816\n");
    // An explicit format overrides the stored ones for every layer.
    assertThat(e.activity("conv").footprintBytes(Dtype.FLOAT32)).isEqualTo(2624 * 4);
    assertThat(e.toCsv(o -> o.columns("name", "footprint")))
        .contains("\nconv,Conv2D,2816\ntotal,,2816\n");
    assertThat(e.toCsv(o -> o.columns("name", "footprint").footprintDtype(Dtype.FLOAT16)))
        .contains("\nconv,Conv2D,5248\ntotal,,5248\n");
  }

  @Test
  void footprint_ofFloat32Layers_isFourBytesPerParameter() {
    ModelEnergy e = mixed();
    // q: 12 int8 + 3 int32; h: 6 int8 + 2 float32; s: 6 int16; f: 6 float32.
    assertThat(e.activity("q").footprintBytes()).isEqualTo(12 + 3 * 4);
    assertThat(e.activity("h").footprintBytes()).isEqualTo(6 + 2 * 4);
    assertThat(e.activity("s").footprintBytes()).isEqualTo(6 * 2);
    assertThat(e.activity("f").footprintBytes()).isEqualTo(6 * 4);
    assertThat(e.activity().footprintBytes()).isEqualTo(24 + 14 + 12 + 24);
  }

  @Test
  void dtypeColumn_inTheTable_csvAndJson() {
    ModelEnergy e = mixed();
    assertThat(e.summaryString(o -> o.columns("name", "dtype", "footprint")))
        .isEqualTo(
            ""
                + "Layer (type)        |Dtype       |Bytes\n"
                + "--------------------|------------|-----\n"
                + "input_1 (InputLayer)|     float32|    0\n"
                + "q (Dense)           |        int8|   24\n"
                + "h (Dense)           |int8/float32|   14\n"
                + "s (Dense)           |       int16|   12\n"
                + "f (Dense)           |     float32|   24\n");
    assertThat(e.toCsv(o -> o.columns("name", "dtype", "footprint")))
        .contains(
            "layer,type,weights_dtype,activations_dtype,footprint_bytes\n"
                + "input_1,InputLayer,float32,float32,0\n"
                + "q,Dense,int8,int8,24\n"
                + "h,Dense,int8,float32,14\n"
                + "s,Dense,int16,int16,12\n"
                + "f,Dense,float32,float32,24\n"
                + "total,,,,74\n");
    assertThat(e.toJson(o -> o.columns("name", "dtype")))
        .contains(
            "{\"layer\": \"h\", \"type\": \"Dense\", \"weights_dtype\": \"int8\","
                + " \"activations_dtype\": \"float32\"}");
    // The export's field names work as columns too.
    assertThat(e.toCsv(o -> o.columns("weights_dtype")))
        .startsWith("layer,type,weights_dtype,activations_dtype\n");
  }

  @Test
  void dtypeColumn_inTheReportAndMarkdown_isText() {
    ModelEnergy e = mixed();
    String html = e.report(o -> o.summary(o.summary().columns("name", "dtype"))).html();
    assertThat(html).contains(">Dtype<");
    assertThat(html).contains(">int8/float32<");
    assertThat(e.toMarkdown(o -> o.columns("name", "dtype"))).contains("| int8/float32 |");
  }

  @Test
  void macAc_chargesEachLayerTheMacOfItsWeightsType() {
    ModelEnergy e = mixed();
    java.util.function.UnaryOperator<SummaryOptions> macAc = o -> o.energyModel(EnergyModel.MAC_AC);
    LayerEnergy q = e.layerEnergy("q", "horowitz", macAc);
    assertClose(q.synop(), 12 * INT8_MAC);
    assertClose(q.neuron(), 3 * NEURON); // neuron updates stay at the device's figure
    assertClose(e.layerEnergy("h", "horowitz", macAc).synop(), 6 * INT8_MAC);
    assertClose(e.layerEnergy("s", "horowitz", macAc).synop(), 4 * FP32_MAC); // no int16 figure
    assertClose(e.layerEnergy("f", "horowitz", macAc).synop(), 4 * FP32_MAC);
    assertClose(e.totalEnergy("horowitz", macAc), (12 + 6) * INT8_MAC + 8 * FP32_MAC + 3 * NEURON);
    // The single-type devices charge every layer alike, as before.
    assertClose(e.layerEnergy("q", "horowitz-fp32", macAc).synop(), 12 * FP32_MAC);
    assertClose(e.layerEnergy("f", "horowitz-int8", macAc).synop(), 4 * INT8_MAC);
  }

  @Test
  void memoryAware_readsWeightsAtTheirWidth_andActivationsAtTheirs() {
    ModelEnergy e = mixed();
    java.util.function.UnaryOperator<SummaryOptions> memory =
        o -> o.energyModel(EnergyModel.MEMORY_AWARE);
    // q: 12 weight reads + 3 bias reads, 4 inputs, 3 outputs, 3 potentials read and written, all
    // 8-bit words of the 8 KB SRAM.
    assertClose(e.layerEnergy("q", "horowitz", memory).memory(), (12 + 3 + 4 + 3 + 6) * WORD_8);
    // The same as on the int8 device, whose every access is 8-bit.
    assertClose(
        e.layerEnergy("q", "horowitz-int8", memory).memory(),
        e.layerEnergy("q", "horowitz", memory).memory());
    // h: 6 weight reads + 2 bias reads at 8 bits; 3 inputs and 2 outputs in float32.
    assertClose(e.layerEnergy("h", "horowitz", memory).memory(), 8 * WORD_8 + 5 * WORD_32);
    // s: int16 has no figures, so the device's default 32-bit words.
    assertClose(e.layerEnergy("s", "horowitz", memory).memory(), (6 + 2 + 2) * WORD_32);
    assertClose(e.layerEnergy("f", "horowitz", memory).memory(), (6 + 2 + 2) * WORD_32);
    assertClose(e.layerEnergy("h", "horowitz", memory).synop(), 6 * INT8_MAC);
  }

  @Test
  void aFloat32Model_onHorowitz_isHorowitzFp32_underEveryModel() {
    ModelEnergy e =
        Model.of(
                Model.input(8, 8, 1)
                    .conv2d(4, 3, c -> c.activation(Activation.RELU))
                    .flatten()
                    .dense(10))
            .energy();
    for (EnergyModel m :
        new EnergyModel[] {EnergyModel.REFERENCE, EnergyModel.MAC_AC, EnergyModel.MEMORY_AWARE}) {
      assertThat(e.totalEnergy("horowitz", o -> o.energyModel(m)))
          .isEqualTo(e.totalEnergy("horowitz-fp32", o -> o.energyModel(m)));
    }
  }

  @Test
  void notes_sayWhichFiguresEachTypeOfLayerWasCharged() {
    ModelEnergy e = mixed();
    String text =
        e.summaryString(o -> o.columns("name", "energy horowitz").energyModel(EnergyModel.MAC_AC));
    // The note, unwrapped: it follows the energy model's.
    assertThat(text.replace("\n  ", " "))
        .contains(
            "MAC_AC: one MAC per connection, one AC per synaptic event of event-driven layers,"
                + " and the device's figure per neuron update (see EnergyModel).\n* Figures by data"
                + " type on horowitz: float32 for 1 layer (MAC 4.6 pJ), int8 for 2 (MAC 0.23 pJ),"
                + " int16 for 1 (no int16 figures: the default, MAC 4.6 pJ).\n");
    // Devices of one type only, and the reference's energy model, have no such note.
    assertThat(
            e.summaryString(
                o -> o.columns("name", "energy horowitz-int8").energyModel(EnergyModel.MAC_AC)))
        .doesNotContain("Figures by data type");
    assertThat(e.summaryString(o -> o.columns("name", "energy horowitz")))
        .doesNotContain("Figures by data type");
  }
}
