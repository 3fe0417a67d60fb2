package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.neurojoule.Model.NONE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Activation;

/** The firing-rate goldens of shared/golden, with the weights and data of its README. */
class GoldenRatesTest {

  /** {@code scale * sin(1.3 i + phase)} in float64, rounded to float32. */
  static float[] sines(int n, double scale, double phase) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (scale * Math.sin(1.3 * i + phase));
    }
    return a;
  }

  static float[] cosines(int n, double scale, double phase) {
    float[] a = new float[n];
    for (int j = 0; j < n; j++) {
      a[j] = (float) (scale * Math.cos(j + phase));
    }
    return a;
  }

  /** The documentation's MNIST model with the README's deterministic weights. */
  static Model mnistWithWeights() {
    Model model = GoldenSummaryTest.mnist().model();
    model.layer("conv2d").setWeights(sines(7 * 7 * 1 * 2, 0.25, 1), cosines(2, 0.05, 1));
    model.layer("dense").setWeights(sines(968 * 128, 0.05, 2), cosines(128, 0.05, 2));
    model.layer("dense_1").setWeights(sines(128 * 10, 0.1, 3), cosines(10, 0.05, 3));
    return model;
  }

  static ExampleData mnistData() {
    float[] x = new float[32 * 28 * 28];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) ((i % 17) / 16.0);
    }
    return ExampleData.of(x, 32, 28, 28, 1);
  }

  static ModelEnergy mnistEnergy() {
    return mnistWithWeights().energy(e -> e.exampleData(mnistData()));
  }

  @Test
  void mnistRatesLoihi() {
    String s =
        mnistEnergy()
            .summaryString(
                o ->
                    o.columns(
                        "name",
                        "rate",
                        "synop_energy cpu",
                        "synop_energy loihi",
                        "neuron_energy cpu",
                        "neuron_energy loihi",
                        "energy loihi"));
    assertThat(s).isEqualTo(Golden.read("mnist_rates_loihi.txt"));
  }

  @Test
  void mnistRatesLoihiT10() {
    String s =
        mnistEnergy()
            .summaryString(
                o ->
                    o.columns("name", "energy cpu", "energy loihi")
                        .timestepsPerInference(10)
                        .printWarnings(false));
    assertThat(s).isEqualTo(Golden.read("mnist_rates_loihi_t10.txt"));
  }

  @Test
  void mnistRatesLoihiDt2() {
    String s =
        mnistEnergy()
            .summaryString(
                o ->
                    o.columns("name", "energy cpu", "energy loihi").dt(0.002).printWarnings(false));
    assertThat(s).isEqualTo(Golden.read("mnist_rates_loihi_dt2.txt"));
  }

  @Test
  void mnistRatesJson() {
    String json = Golden.read("mnist_rates.json");
    List<String> names = strings(section(json, "layers"));
    List<Double> rates = numbers(section(json, "rates"));
    ModelEnergy energy = mnistEnergy();
    Map<String, Double> actual = energy.rates();
    assertThat(new ArrayList<>(actual.keySet())).isEqualTo(names);
    for (int i = 0; i < names.size(); i++) {
      assertWithMessage(names.get(i))
          .that(actual.get(names.get(i)))
          .isWithin(1e-5 * rates.get(i))
          .of(rates.get(i));
    }
    Matcher totals =
        Pattern.compile("\"(\\w+)\": ([0-9.e+-]+)")
            .matcher(json.substring(json.indexOf("\"totals\"")));
    int seen = 0;
    while (totals.find()) {
      double expected = Double.parseDouble(totals.group(2));
      assertWithMessage(totals.group(1))
          .that(energy.totalEnergy(totals.group(1)))
          .isWithin(1e-5 * expected)
          .of(expected);
      seen++;
    }
    assertThat(seen).isEqualTo(6);
  }

  @Test
  void mnistRatesDoNotDependOnBatchSize() {
    Map<String, Double> a = mnistEnergy().rates();
    for (int batch : new int[] {1, 5, 32, 100}) {
      Map<String, Double> b =
          mnistWithWeights().energy(e -> e.exampleData(mnistData()).batchSize(batch)).rates();
      for (String name : a.keySet()) {
        assertWithMessage(name + " batch " + batch)
            .that(b.get(name))
            .isWithin(1e-6 * a.get(name))
            .of(a.get(name));
      }
    }
  }

  @Test
  void reluLoihi() {
    Tensor out = Model.input(NONE, 32).dense(64).relu();
    String s =
        out.model()
            .energy(e -> e.exampleData(ExampleData.filled(1, 8, 10, 32)))
            .summaryString(o -> o.columns("name", "output_shape", "energy loihi"));
    assertThat(s).isEqualTo(Golden.read("relu_loihi.txt"));
  }

  @Test
  void spikingLoihi() {
    Tensor out = Model.input(NONE, 32).dense(64).spikingActivation(Activation.RELU);
    String s =
        out.model()
            .energy(e -> e.exampleData(ExampleData.filled(1, 8, 10, 32)))
            .summaryString(o -> o.columns("name", "output_shape", "energy loihi"));
    assertThat(s).isEqualTo(Golden.read("spiking_loihi.txt"));
  }

  private static String section(String json, String key) {
    int at = json.indexOf("\"" + key + "\"");
    return json.substring(json.indexOf('[', at) + 1, json.indexOf(']', at));
  }

  private static List<String> strings(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(s);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<Double> numbers(String s) {
    List<Double> out = new ArrayList<>();
    for (String part : s.split(",")) {
      out.add(Double.parseDouble(part.trim()));
    }
    return out;
  }
}
