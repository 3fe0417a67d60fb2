package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code energy.totals()}, {@code toCsv()} and {@code toJson()}: exact text and round trips. */
class ExportTest {
  private static final String MNIST_CSV =
      """
      layer,type,output_shape,params,connections,neurons,energy_j_cpu
      input_1,InputLayer,"[(None, 28, 28, 1)]",0,0,0,0.0
      conv2d,Conv2D,"(None, 22, 22, 2)",100,47432,0,4.079152E-4
      re_lu,ReLU,"(None, 22, 22, 2)",0,0,968,8.324799999999999E-6
      flatten,Flatten,"(None, 968)",0,0,0,0.0
      dense,Dense,"(None, 128)",124032,123904,0,0.0010655743999999998
      re_lu_1,ReLU,"(None, 128)",0,0,128,1.1008E-6
      dense_1,Dense,"(None, 10)",1290,1280,0,1.1007999999999999E-5
      total,,,125422,172616,1096,0.0014939232
      """;

  private static final String MNIST_JSON =
      """
      {
        "accounting": "complete",
        "energy_model": "reference",
        "timesteps_per_inference": 1,
        "dt_s": 0.001,
        "example_data": null,
        "layers": [
          {"layer": "input_1", "type": "InputLayer", "output_shape": "[(None, 28, 28, 1)]", \
      "params": 0, "connections": 0, "neurons": 0, "energy_j_cpu": 0.0},
          {"layer": "conv2d", "type": "Conv2D", "output_shape": "(None, 22, 22, 2)", \
      "params": 100, "connections": 47432, "neurons": 0, "energy_j_cpu": 4.079152E-4},
          {"layer": "re_lu", "type": "ReLU", "output_shape": "(None, 22, 22, 2)", \
      "params": 0, "connections": 0, "neurons": 968, "energy_j_cpu": 8.324799999999999E-6},
          {"layer": "flatten", "type": "Flatten", "output_shape": "(None, 968)", \
      "params": 0, "connections": 0, "neurons": 0, "energy_j_cpu": 0.0},
          {"layer": "dense", "type": "Dense", "output_shape": "(None, 128)", \
      "params": 124032, "connections": 123904, "neurons": 0, "energy_j_cpu": 0.0010655743999999998},
          {"layer": "re_lu_1", "type": "ReLU", "output_shape": "(None, 128)", \
      "params": 0, "connections": 0, "neurons": 128, "energy_j_cpu": 1.1008E-6},
          {"layer": "dense_1", "type": "Dense", "output_shape": "(None, 10)", \
      "params": 1290, "connections": 1280, "neurons": 0, "energy_j_cpu": 1.1007999999999999E-5}
        ],
        "totals": {"params": 125422, "connections": 172616, "neurons": 1096, \
      "energy_j_cpu": 0.0014939232},
        "warnings": []
      }
      """;

  private static final String HOSTILE = "say \"hi\", then\r\nbye\t\u221a \uD835\uDD18 \\ \u0001";

  private static ModelEnergy mnist() {
    return GoldenSummaryTest.mnist().energy();
  }

  @Test
  void mnistCsv_isExact() {
    assertThat(mnist().toCsv()).isEqualTo(MNIST_CSV);
  }

  @Test
  void mnistJson_isExact() {
    assertThat(mnist().toJson()).isEqualTo(MNIST_JSON);
  }

  @Test
  void chosenColumns_inOrder_withUnitsAndNaNRates_duplicatesOnce() {
    String csv =
        mnist()
            .toCsv(
                o ->
                    o.columns(
                        "rate",
                        "energy gpu",
                        "name",
                        "synop_energy cpu",
                        "neuron_energy CPU",
                        "rate"));
    assertThat(csv)
        .isEqualTo(
            """
        layer,type,rate_hz,energy_j_gpu,synop_energy_j_cpu,neuron_energy_j_cpu
        input_1,InputLayer,NaN,0.0,0.0,0.0
        conv2d,Conv2D,NaN,1.42296E-5,4.079152E-4,0.0
        re_lu,ReLU,NaN,2.904E-7,0.0,8.324799999999999E-6
        flatten,Flatten,NaN,0.0,0.0,0.0
        dense,Dense,NaN,3.71712E-5,0.0010655743999999998,0.0
        re_lu_1,ReLU,NaN,3.84E-8,0.0,1.1008E-6
        dense_1,Dense,NaN,3.84E-7,1.1007999999999999E-5,0.0
        total,,,5.211360000000001E-5,0.0014844976,9.425599999999998E-6
        """);
    Map<?, ?> json = (Map<?, ?>) TextFormats.parseJson(mnist().toJson(o -> o.columns("rate")));
    Map<?, ?> first = (Map<?, ?>) ((List<?>) json.get("layers")).get(0);
    assertThat(first.containsKey("rate_hz")).isTrue();
    assertThat(first.get("rate_hz")).isNull();
    assertThat((Map<?, ?>) json.get("totals")).isEmpty();
  }

  @Test
  void withRates_csvAndJsonRoundTripEveryFigureExactly() {
    ModelEnergy energy = GoldenRatesTest.mnistEnergy();
    var columns =
        (java.util.function.UnaryOperator<SummaryOptions>)
            o ->
                o.columns(
                        "name",
                        "params",
                        "rate",
                        "energy cpu",
                        "synop_energy loihi",
                        "neuron_energy loihi")
                    .timestepsPerInference(10)
                    .dt(0.002);
    List<List<String>> csv = TextFormats.parseCsv(energy.toCsv(columns));
    Map<?, ?> json = (Map<?, ?>) TextFormats.parseJson(energy.toJson(columns));
    List<?> layers = (List<?>) json.get("layers");
    assertThat(csv.get(0))
        .containsExactly(
            "layer",
            "type",
            "params",
            "rate_hz",
            "energy_j_cpu",
            "synop_energy_j_loihi",
            "neuron_energy_j_loihi")
        .inOrder();
    List<String> names = new ArrayList<>(energy.rates().keySet());
    assertThat(csv).hasSize(names.size() + 2);
    assertThat(layers).hasSize(names.size());
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      List<String> row = csv.get(i + 1);
      Map<?, ?> object = (Map<?, ?>) layers.get(i);
      LayerEnergy loihi = energy.layerEnergy(name, "loihi", columns);
      assertThat(row.get(0)).isEqualTo(name);
      assertThat(object.get("layer")).isEqualTo(name);
      assertThat(Double.parseDouble(row.get(3))).isEqualTo(energy.rates().get(name));
      assertThat(object.get("rate_hz")).isEqualTo(energy.rates().get(name));
      assertThat(Double.parseDouble(row.get(4))).isEqualTo(energy.layerEnergy(name, "cpu").total());
      assertThat(Double.parseDouble(row.get(5))).isEqualTo(loihi.synop());
      assertThat(object.get("synop_energy_j_loihi")).isEqualTo(loihi.synop());
      assertThat(Double.parseDouble(row.get(6))).isEqualTo(loihi.neuron());
    }
    List<String> total = csv.get(names.size() + 1);
    assertThat(total.subList(0, 4)).containsExactly("total", "", "125422", "").inOrder();
    assertThat(Double.parseDouble(total.get(4))).isEqualTo(energy.totalEnergy("cpu"));
    assertThat(json.get("timesteps_per_inference")).isEqualTo(10L);
    assertThat(json.get("dt_s")).isEqualTo(0.002);
    assertThat((String) json.get("example_data")).isEqualTo("array");
    Map<?, ?> totals = (Map<?, ?>) json.get("totals");
    assertThat(totals.keySet())
        .containsExactly("params", "energy_j_cpu", "synop_energy_j_loihi", "neuron_energy_j_loihi")
        .inOrder();
    assertThat(totals.get("params")).isEqualTo(125422L);
  }

  @Test
  void hostileName_isQuotedInCsvAndEscapedInJson() {
    ModelEnergy energy = Model.input(4).dense(2, d -> d.name(HOSTILE)).energy();
    String csv = energy.toCsv(o -> o.columns("name", "params"));
    assertThat(csv)
        .isEqualTo(
            "layer,type,params\ninput_1,InputLayer,0\n"
                + "\"say \"\"hi\"\", then\r\nbye\t\u221a \uD835\uDD18 \\ \u0001\",Dense,10\n"
                + "total,,10\n");
    assertThat(TextFormats.parseCsv(csv).get(2).get(0)).isEqualTo(HOSTILE);
    String json = energy.toJson(o -> o.columns("params"));
    assertThat(json)
        .contains(
            "{\"layer\": \"say \\\"hi\\\", then\\r\\nbye\\t\u221a \uD835\uDD18"
                + " \\\\ \\u0001\", \"type\": \"Dense\", \"params\": 10}");
    Map<?, ?> parsed = (Map<?, ?>) TextFormats.parseJson(json);
    assertThat(((Map<?, ?>) ((List<?>) parsed.get("layers")).get(1)).get("layer"))
        .isEqualTo(HOSTILE);
  }

  @Test
  void jsonString_escapesSeparatorsAndUnpairedSurrogates() {
    assertThat(org.neurojoule.energy.Json.string("a\u2028b\uD800c\uDC00"))
        .isEqualTo("\"a\\u2028b\\ud800c\\udc00\"");
  }

  @Test
  void warnings_areInTheJson() {
    ModelEnergy energy =
        Model.of(Model.input(3, 32, 32).conv2d(32, 3)).energy(e -> e.logWarnings(false));
    List<?> warnings =
        (List<?>) ((Map<?, ?>) TextFormats.parseJson(energy.toJson())).get("warnings");
    assertThat(warnings).isEqualTo(energy.warnings());
    assertThat(warnings).hasSize(1);
  }

  @Test
  void totals_withoutExampleData_nonSpikingDevicesOnly() {
    EnergyTotals t = mnist().totals();
    assertThat(t.params()).isEqualTo(125422);
    assertThat(t.trainableParams()).isEqualTo(125422);
    assertThat(t.nonTrainableParams()).isEqualTo(0);
    assertThat(t.connections()).isEqualTo(172616);
    assertThat(t.neurons()).isEqualTo(1096);
    List<String> expected =
        ModelEnergy.devices().stream().filter(d -> !ModelEnergy.device(d).spiking()).toList();
    assertThat(t.energy().keySet()).containsExactlyElementsIn(expected).inOrder();
    assertThat(t.energy().get("cpu")).isEqualTo(0.0014939232);
    assertThat(t.energy().get("gpu")).isEqualTo(mnist().totalEnergy("gpu"));
  }

  @Test
  void totals_withExampleData_everyDevice_withTimesteps() {
    ModelEnergy energy = GoldenRatesTest.mnistEnergy();
    EnergyTotals t = energy.totals(o -> o.timestepsPerInference(10));
    assertThat(t.energy().keySet()).containsExactlyElementsIn(ModelEnergy.devices()).inOrder();
    assertThat(t.energy().get("loihi"))
        .isEqualTo(energy.totalEnergy("loihi", o -> o.timestepsPerInference(10)));
    assertThat(t.energy().get("loihi")).isNotEqualTo(energy.totalEnergy("loihi"));
  }

  @Test
  void totals_splitTrainableParams() {
    EnergyTotals t = Model.input(4).dense(3).batchNormalization().energy().totals();
    assertThat(t.params()).isEqualTo(27);
    assertThat(t.trainableParams()).isEqualTo(21);
    assertThat(t.nonTrainableParams()).isEqualTo(6);
    assertThrows(UnsupportedOperationException.class, () -> t.energy().put("x", 1.0));
  }

  @Test
  void spikingColumnWithoutData_andUnknownColumn_areTheSummarysErrors() {
    IllegalStateException spiking =
        assertThrows(
            IllegalStateException.class,
            () -> mnist().toCsv(o -> o.columns("name", "energy loihi")));
    assertThat(spiking).hasMessageThat().startsWith("device 'loihi' is spiking");
    IllegalArgumentException column =
        assertThrows(
            IllegalArgumentException.class, () -> mnist().toJson(o -> o.columns("name", "watts")));
    assertThat(column)
        .hasMessageThat()
        .isEqualTo(
            "unknown column 'watts'; valid columns: name,"
                + " output_shape, params, connections, neurons, rate, energy <device>,"
                + " synop_energy <device>, neuron_energy <device>, mac_energy <device>,"
                + " memory_energy <device>, sparsity, weight_sparsity, footprint, dtype, dense_ops,"
                + " effective_macs, effective_acs, spikes, synaptic_events, sim_energy <device>");
  }
}
