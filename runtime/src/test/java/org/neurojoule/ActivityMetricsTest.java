package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Activity metrics against figures computed by hand. */
class ActivityMetricsTest {

  /**
   * input(4) -> dense d1 (3) -> relu -> dense d2 (2). d1's kernel has 7 zeros of 12, d2's 2 of 6.
   * The data [1, 0, -0.0, 2], [0, 3, 0, 0] has 5 zeros of 8; d1 gives [1, 0, 1.5], [0, 3, 0.5] (2
   * zeros of 6), relu the same, d2 [4, 1.5], [1, -2.5].
   */
  private static ModelEnergy small() {
    Model m =
        Model.of(Model.input(4).dense(3, c -> c.name("d1")).relu().dense(2, c -> c.name("d2")));
    m.layer("d1")
        .setWeights(new float[] {1, 0, -1, 0, 1, 0, 2, 0, 0, 0, 0, 1}, new float[] {0, 0, 0.5f});
    m.layer("d2").setWeights(new float[] {1, 0, 0, -1, 2, 1}, new float[] {0, 0});
    ExampleData data = ExampleData.of(new float[] {1, 0, -0.0f, 2, 0, 3, 0, 0}, 2, 4);
    return m.energy(e -> e.exampleData(data));
  }

  @Test
  void sparsityOfActivationsAndWeights() {
    ModelEnergy e = small();
    assertThat(e.activity("input_1").activationSparsity()).isEqualTo(5.0 / 8);
    assertThat(e.activity("d1").inputSparsity()).isEqualTo(5.0 / 8);
    assertThat(e.activity("d1").activationSparsity()).isEqualTo(2.0 / 6);
    assertThat(e.activity("re_lu").activationSparsity()).isEqualTo(2.0 / 6);
    assertThat(e.activity("d2").inputSparsity()).isEqualTo(2.0 / 6);
    assertThat(e.activity("d2").activationSparsity()).isEqualTo(0.0);
    assertThat(e.activity("d1").weightSparsity()).isEqualTo(7.0 / 12);
    assertThat(e.activity("d2").weightSparsity()).isEqualTo(2.0 / 6);
    assertThat(e.activity("re_lu").weightSparsity()).isNaN();
    // Model: only layers with neurons (re_lu) count for activations; kernels pooled.
    assertThat(e.activity().activationSparsity()).isEqualTo(2.0 / 6);
    assertThat(e.activity().weightSparsity()).isEqualTo(9.0 / 18);
  }

  @Test
  void footprintAndOperations() {
    ModelEnergy e = small();
    assertThat(e.activity("d1").footprintBytes(Dtype.FLOAT32)).isEqualTo(60);
    assertThat(e.activity("d2").footprintBytes(Dtype.INT8)).isEqualTo(8);
    assertThat(e.activity().footprintBytes(Dtype.FLOAT16)).isEqualTo(46);
    assertThat(e.activity().denseOps(3)).isEqualTo(54);
    // 12 x (1 - 5/8) + 6 x (1 - 2/6) = 4.5 + 4
    assertThat(e.activity("d1").effectiveMacs(1)).isEqualTo(4.5);
    assertThat(e.activity("d2").effectiveMacs(1)).isWithin(1e-12).of(4.0);
    assertThat(e.activity().effectiveMacs(3)).isWithin(1e-12).of(25.5);
    assertThat(e.activity().effectiveAcs(3)).isEqualTo(0.0);
  }

  @Test
  void columnsAndExports() {
    ModelEnergy e = small();
    String table =
        e.summaryString(
            o ->
                o.columns(
                        "name",
                        "sparsity",
                        "weight_sparsity",
                        "footprint",
                        "dense_ops",
                        "effective_macs",
                        "effective_acs")
                    .lineLength(SummaryOptions.AUTO));
    assertThat(table)
        .isEqualTo(
            String.join(
                "\n",
                "Layer (type)        |Sparsity|W sparsity|Bytes|Dense ops|Eff MACs|Eff ACs",
                "--------------------|--------|----------|-----|---------|--------|-------",
                "input_1 (InputLayer)|    0.62|       nan|    0|        0|       0|      0",
                "d1 (Dense)          |    0.33|      0.58|   60|       12|       5|      0",
                "re_lu (ReLU)        |    0.33|       nan|    0|        0|       0|      0",
                "d2 (Dense)          |       0|      0.33|   32|        6|       4|      0",
                ""));
    String csv =
        e.toCsv(
            o ->
                o.columns(
                        "name",
                        "sparsity",
                        "weight_sparsity",
                        "footprint",
                        "dense_ops",
                        "effective_macs",
                        "effective_acs")
                    .footprintDtype(Dtype.INT8));
    assertThat(csv)
        .isEqualTo(
            String.join(
                "\n",
                "layer,type,sparsity,weight_sparsity,footprint_bytes,dense_ops,effective_macs,"
                    + "effective_acs",
                "input_1,InputLayer,0.625,NaN,0,0,0.0,0.0",
                "d1,Dense,0.3333333333333333,0.5833333333333334,15,12,4.5,0.0",
                "re_lu,ReLU,0.3333333333333333,NaN,0,0,0.0,0.0",
                "d2,Dense,0.0,0.3333333333333333,8,6,4.0,0.0",
                "total,,0.3333333333333333,0.5,23,18,8.5,0.0",
                ""));
    assertThat(e.toJson(o -> o.columns("name", "footprint")))
        .contains("{\"layer\": \"d1\", \"type\": \"Dense\", \"footprint_bytes\": 60}");
  }

  @Test
  void withoutExampleDataSparsityIsMissing() {
    Model m = Model.of(Model.input(4).dense(3).relu());
    m.layer("dense").setWeights(new float[] {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1}, new float[3]);
    ModelEnergy e = m.energy();
    assertThat(e.activity("dense").activationSparsity()).isNaN();
    assertThat(e.activity("dense").effectiveMacs(1)).isNaN();
    assertThat(e.activity("dense").weightSparsity()).isEqualTo(0.25);
    assertThat(e.activity().effectiveMacs(1)).isNaN();
    // Not fed by spikes: no accumulates, data or not.
    assertThat(e.activity().effectiveAcs(1)).isEqualTo(0.0);
    String table = e.summaryString(o -> o.columns("name", "sparsity", "effective_macs"));
    assertThat(table).contains("dense (Dense)");
    assertThat(table.lines().filter(l -> l.startsWith("dense ")).findFirst().orElseThrow())
        .isEqualTo("dense (Dense)       |     nan|     nan");
  }

  @Test
  void defaultWeightsAreCountedAsTheEngineMakesThem() {
    // glorot_uniform kernels: no exact zeros in practice; zero biases are not kernels.
    ModelEnergy e = Model.input(8).dense(4).energy();
    assertThat(e.activity("dense").kernelWeights()).isEqualTo(32);
    assertThat(e.activity("dense").zeroWeights()).isEqualTo(0);
  }

  @Test
  void negativeZeroIsZeroAndNanDataIsRefused() {
    ExampleData signed = ExampleData.of(new float[] {-0.0f, 0.0f, 1, -1}, 1, 4);
    ModelEnergy e = Model.of(Model.input(4).relu()).energy(o -> o.exampleData(signed));
    assertThat(e.activity("input_1").activationSparsity()).isEqualTo(0.5);
    // NaN is never counted as a zero: data holding one is refused before any pass.
    IllegalArgumentException err =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExampleData.of(new float[] {Float.NaN, 0, 1, 1}, 1, 4));
    assertThat(err)
        .hasMessageThat()
        .isEqualTo("example data value 0 (at [0, 0]) is NaN; firing rates need finite numbers");
  }

  @Test
  void unknownActivityLayerNamesTheLayers() {
    IllegalArgumentException err =
        assertThrows(IllegalArgumentException.class, () -> small().activity("d3"));
    assertThat(err)
        .hasMessageThat()
        .isEqualTo("no layer named 'd3'; the layers are [input_1, d1, re_lu, d2]");
  }
}
