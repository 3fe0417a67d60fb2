package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.LayerKind;

/** {@link Comparison}: the exact table, the exports' round trips and its errors. */
class ComparisonTest {
  /** A convolution and its depthwise-separable replacement, as the examples' variants do. */
  private static Model parent() {
    return Model.input(28, 28, 1).conv2d(8, 3).relu().maxPooling2d(2).flatten().dense(10).model();
  }

  private static Model candidate() {
    return Model.input(28, 28, 1)
        .depthwiseConv2d(3)
        .conv2d(8, 1)
        .relu()
        .maxPooling2d(2)
        .flatten()
        .dense(10)
        .model();
  }

  private static Comparison comparison(Accounting accounting) {
    return Comparison.of(
            parent().energy(e -> e.accounting(accounting)),
            candidate().energy(e -> e.accounting(accounting)))
        .named("parent", "candidate");
  }

  @Test
  void tableOnCpuAndGpu() {
    String text =
        comparison(Accounting.COMPLETE).summaryString(o -> o.columns("energy cpu", "energy gpu"));
    assertThat(text)
        .isEqualTo(
            """
                         |parent  |candidate|Reduction
        -----------------|--------|---------|---------
        Accounting       |complete| complete|        \s
        J/inf (cpu)      |5.81e-04| 2.62e-04|   55.0 %
        J/inf (gpu)      |2.03e-05| 9.13e-06|   55.0 %
        Param #          |   13610|    13556|    0.4 %
        Storage (float32)|53.16 KB| 52.95 KB|    0.4 %
        Conn #           |   62192|    25012|   59.8 %
        Neuron #         |    5408|     5408|    0.0 %

        Energy by layer kind|parent  |Share |candidate|Share\s
        --------------------|--------|------|---------|------
        convolution (cpu)   |4.19e-04|72.0 %| 4.65e-05|17.8 %
        depthwise (cpu)     |0.00e+00| 0.0 %| 5.23e-05|20.0 %
        dense (cpu)         |1.16e-04|20.0 %| 1.16e-04|44.4 %
        pooling (cpu)       |0.00e+00| 0.0 %| 0.00e+00| 0.0 %
        activations (cpu)   |4.65e-05| 8.0 %| 4.65e-05|17.8 %
        other (cpu)         |0.00e+00| 0.0 %| 0.00e+00| 0.0 %
        convolution (gpu)   |1.46e-05|72.0 %| 1.62e-06|17.8 %
        depthwise (gpu)     |0.00e+00| 0.0 %| 1.83e-06|20.0 %
        dense (gpu)         |4.06e-06|20.0 %| 4.06e-06|44.4 %
        pooling (gpu)       |0.00e+00| 0.0 %| 0.00e+00| 0.0 %
        activations (gpu)   |1.62e-06| 8.0 %| 1.62e-06|17.8 %
        other (gpu)         |0.00e+00| 0.0 %| 0.00e+00| 0.0 %
        * These are estimates only; see the documentation of ModelEnergy for a list of the assumptions
          being made.
        """);
  }

  @Test
  void kerasSpikingCountsNoDepthwiseWork() {
    Comparison c = comparison(Accounting.KERAS_SPIKING);
    assertThat(c.accounting(1)).isEqualTo("keras-spiking");
    assertThat(c.energyByKind(1, "cpu", o -> o).get(LayerKind.DEPTHWISE)).isEqualTo(0.0);
    // conv 1x1: 26*26*8 connections; dense: 13*13*8*10; relu: 5408 neurons.
    assertThat(c.energy(1, "cpu", o -> o))
        .isEqualTo(8.6e-9 * 5408 + 8.6e-9 * 13520 + 8.6e-9 * 5408);
  }

  @Test
  void defaultDevicesSkipSpikingOnesWithoutExampleData() {
    Comparison c = comparison(Accounting.COMPLETE);
    // Other tests may register devices: every non-spiking one is compared, in device order.
    assertThat(c.devices(o -> o)).containsExactlyElementsIn(nonSpikingDevices()).inOrder();
    assertThat(c.devices(o -> o).subList(0, 3)).containsExactly("cpu", "gpu", "arm").inOrder();
    // The catalogue's devices are compared when named, not by default.
    assertThat(c.devices(o -> o)).doesNotContain("horowitz-fp32");
    assertThat(c.devices(o -> o.columns("energy horowitz-fp32"))).containsExactly("horowitz-fp32");
    assertThat(c.summaryString(o -> o.columns("energy cpu"))).doesNotContain("Not compared");
    assertThat(c.summaryString(o -> o.lineLength(SummaryOptions.AUTO)).replace("\n  ", " "))
        .contains("* Not compared: loihi, spinnaker, spinnaker2");
    assertThat(c.summaryString(o -> o.printWarnings(false))).doesNotContain("*");
  }

  @Test
  void sweepHasAReductionPerCandidate() {
    Model wider =
        Model.input(28, 28, 1).conv2d(16, 3).relu().maxPooling2d(2).flatten().dense(10).model();
    Comparison c = Comparison.of(parent().energy(), candidate().energy(), wider.energy());
    assertThat(c.names()).containsExactly("model 1", "model 2", "model 3").inOrder();
    String firstLines =
        c.summaryString(o -> o.columns("energy cpu"))
            .lines()
            .limit(4)
            .reduce((a, b) -> a + "\n" + b)
            .orElseThrow();
    assertThat(firstLines)
        .isEqualTo(
            """
                         |model 1 |model 2 |Reduction|model 3  |Reduction
        -----------------|--------|--------|---------|---------|---------
        Accounting       |complete|complete|         | complete|        \s
        J/inf (cpu)      |5.81e-04|2.62e-04|   55.0 %| 1.16e-03| -100.0 %""");
    assertThat(c.reduction(2, "cpu", o -> o))
        .isEqualTo(100 * (1 - c.energy(2, "cpu", o -> o) / c.energy(0, "cpu", o -> o)));
  }

  @Test
  void mixedAccountingIsLabelledAndNoted() {
    Comparison c =
        Comparison.of(
            parent().energy(), candidate().energy(e -> e.accounting(Accounting.KERAS_SPIKING)));
    assertThat(c.mixesAccounting()).isTrue();
    String text = c.summaryString(o -> o.columns("energy cpu").lineLength(SummaryOptions.AUTO));
    assertThat(text).contains("Accounting       |complete|keras-spiking|         \n");
    assertThat(text.replace("\n  ", " "))
        .contains(
            "* The models were estimated with different accounting modes, so"
                + " their figures do not count the same operations; estimate them all with energy(e ->"
                + " e.accounting(...)) of one mode.\n");
    assertThat(c.toJson(o -> o.columns("energy cpu")))
        .contains("\"warnings\": [\"the models were estimated with different accounting modes\"]");
  }

  @Test
  void csvRoundTripsEveryFigureExactly() {
    Comparison c = comparison(Accounting.COMPLETE).named("par,\"ent\"", "cand\nidate");
    List<List<String>> records = TextFormats.parseCsv(c.toCsv());
    List<String> header = records.get(0);
    assertThat(header.subList(0, 9))
        .containsExactly(
            "model",
            "accounting",
            "params",
            "storage_bytes",
            "connections",
            "neurons",
            "energy_j_cpu",
            "energy_j_gpu",
            "energy_j_arm")
        .inOrder();
    assertThat(header).contains("reduction_percent_gpu");
    assertThat(header).contains("energy_j_arm_depthwise");
    assertThat(records).hasSize(3);
    for (int m = 0; m < 2; m++) {
      Map<String, String> r = record(header, records.get(m + 1));
      assertThat(r.get("model")).isEqualTo(c.names().get(m));
      assertThat(Long.parseLong(r.get("params"))).isEqualTo(c.totals(m, o -> o).params());
      assertThat(Long.parseLong(r.get("storage_bytes")))
          .isEqualTo(4 * c.totals(m, o -> o).params());
      for (String d : List.of("cpu", "gpu", "arm")) {
        assertThat(Double.parseDouble(r.get("energy_j_" + d))).isEqualTo(c.energy(m, d, o -> o));
        assertThat(Double.parseDouble(r.get("energy_j_" + d)))
            .isEqualTo(c.models().get(m).totalEnergy(d));
        assertThat(Double.parseDouble(r.get("reduction_percent_" + d)))
            .isEqualTo(c.reduction(m, d, o -> o));
        for (LayerKind k : c.kinds()) {
          assertThat(Double.parseDouble(r.get("energy_j_" + d + "_" + k.label())))
              .isEqualTo(c.energyByKind(m, d, o -> o).get(k));
        }
      }
    }
  }

  @Test
  void jsonRoundTripsEveryFigureExactly() {
    Comparison c = comparison(Accounting.COMPLETE).named("<b>\"p\"</b>", "c\\\u2028");
    @SuppressWarnings("unchecked")
    Map<String, Object> json =
        (Map<String, Object>)
            TextFormats.parseJson(
                c.toJson(o -> o.columns("energy cpu", "energy gpu", "energy arm")));
    assertThat(json.get("baseline")).isEqualTo("<b>\"p\"</b>");
    assertThat(json.get("devices")).isEqualTo(List.of("cpu", "gpu", "arm"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> models = (List<Map<String, Object>>) json.get("models");
    assertThat(models).hasSize(2);
    for (int m = 0; m < 2; m++) {
      Map<String, Object> r = models.get(m);
      assertThat(r.get("model")).isEqualTo(c.names().get(m));
      assertThat(r.get("accounting")).isEqualTo("complete");
      assertThat(r.get("connections")).isEqualTo(c.totals(m, o -> o).connections());
      assertThat(r.get("example_data")).isNull();
      for (String d : List.of("cpu", "gpu", "arm")) {
        assertThat(r.get("energy_j_" + d)).isEqualTo(c.energy(m, d, o -> o));
        assertThat(r.get("reduction_percent_" + d)).isEqualTo(c.reduction(m, d, o -> o));
        for (LayerKind k : c.kinds()) {
          assertThat(r.get("energy_j_" + d + "_" + k.label()))
              .isEqualTo(c.energyByKind(m, d, o -> o).get(k));
        }
      }
    }
  }

  @Test
  void aReductionFromZeroIsEmptyOrNull() {
    Model a = Model.input(4).flatten().model();
    Model b = Model.input(4).relu().model();
    Comparison c = Comparison.of(a.energy(), b.energy());
    assertThat(Double.isNaN(c.reduction(1, "cpu", o -> o))).isTrue();
    List<List<String>> records = TextFormats.parseCsv(c.toCsv(o -> o.columns("energy cpu")));
    assertThat(record(records.get(0), records.get(2)).get("reduction_percent_cpu")).isEmpty();
    assertThat(c.toJson(o -> o.columns("energy cpu"))).contains("\"reduction_percent_cpu\": null");
    assertThat(c.summaryString(o -> o.columns("energy cpu")))
        .contains("J/inf (cpu)      | 0.00e+00| 3.44e-08|        -\n");
  }

  @Test
  void spikingDevicesNeedEveryModelsExampleData() {
    ModelEnergy withData =
        parent()
            .initializeWeights(0)
            .energy(e -> e.exampleData(ExampleData.filled(0.5, 2, 28, 28, 1)));
    Comparison c = Comparison.of(withData, candidate().energy()).named("parent", "candidate");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> c.summaryString(o -> o.columns("energy loihi")));
    assertThat(e).hasMessageThat().startsWith("model 'candidate': device 'loihi' is spiking");
    assertThat(c.devices(o -> o)).containsExactlyElementsIn(nonSpikingDevices()).inOrder();
  }

  private static List<String> nonSpikingDevices() {
    return ModelEnergy.defaultDevices().stream()
        .filter(d -> !ModelEnergy.device(d).spiking())
        .toList();
  }

  @Test
  void badArgumentsNameWhatIsWrong() {
    ModelEnergy e = parent().energy();
    assertThat(assertThrows(IllegalArgumentException.class, () -> Comparison.of(e)))
        .hasMessageThat()
        .isEqualTo("a comparison needs at least two models, was given 1");
    Comparison c = Comparison.of(e, e);
    assertThat(assertThrows(IllegalArgumentException.class, () -> c.named("a")))
        .hasMessageThat()
        .isEqualTo("1 names given for 2 models: [a]");
    assertThat(assertThrows(IllegalArgumentException.class, () -> c.named("a", "a")))
        .hasMessageThat()
        .isEqualTo("two models are named 'a'");
    assertThat(assertThrows(IllegalArgumentException.class, () -> c.named("a", " ")))
        .hasMessageThat()
        .isEqualTo("name 2 is blank: ' '");
    assertThat(assertThrows(IllegalArgumentException.class, () -> c.energy(2, "cpu", o -> o)))
        .hasMessageThat()
        .isEqualTo("no model 2; the models are 0 to 1: [model 1, model 2]");
    assertThat(
            assertThrows(
                IllegalArgumentException.class,
                () -> c.summaryString(o -> o.columns("energy nowhere"))))
        .hasMessageThat()
        .contains("nowhere");
  }

  private static Map<String, String> record(List<String> header, List<String> values) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      out.put(header.get(i), values.get(i));
    }
    return out;
  }
}
