package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.keras.KerasImportTest.resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.KerasImportException;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.layer.Accounting;

/** The Keras importer on the recurrent fixtures (LSTM, Bidirectional) and on recurrent configs. */
class KerasRecurrentImportTest {
  @TempDir Path tmp;

  // ---- the fixtures: names, shapes and counts as their configs and weight files give them

  @Test
  void lstmDenseFullModel_k2() {
    Model m = KerasModels.load(resource("k2_2.0.6_seq_lstm_dense_full.h5"));

    assertLayers(
        m,
        "lstm_1_input",
        "[(None, 1, 1)]",
        0,
        "lstm_1",
        "(None, 50)",
        10_400,
        "dense_1",
        "(None, 1)",
        51);
    assertThat(m.params().total()).isEqualTo(10_451);
    assertStoredValuesEqualParams(m);
  }

  @Test
  void lstmJsonWithWeightsOnly_k2_equalsTheFullModel() {
    Model pair =
        KerasModels.load(
            resource("pair_k2_2.0.6_simple_lstm.json"),
            resource("pair_k2_2.0.6_simple_lstm_weights.h5"));
    Model full = KerasModels.load(resource("k2_2.0.6_seq_lstm_dense_full.h5"));

    assertThat(pair.summaryString()).isEqualTo(full.summaryString());
    assertStoredValuesEqualParams(pair);
    for (int i = 0; i < 3; i++) {
      assertThat(pair.layer("lstm_1").weights().get(i))
          .isEqualTo(full.layer("lstm_1").weights().get(i));
    }
  }

  @Test
  void twoLstmsOnAnUndefinedTimeAxis_tfk() {
    Model m = KerasModels.load(resource("tfk_2.2.4_functional_lstm2_none_time.h5"));

    assertLayers(
        m,
        "input_193",
        "[(None, None, 1)]",
        0,
        "lstm_164",
        "(None, None, 6)",
        192,
        "lstm_165",
        "(None, None, 4)",
        176);
    assertThat(m.params().total()).isEqualTo(368);
    assertStoredValuesEqualParams(m);
  }

  @Test
  void twoBidirectionalLstms_tfk() {
    Model m = KerasModels.load(resource("tfk_2.2.4_functional_bilstm2_none_time.h5"));

    assertLayers(
        m,
        "input_194",
        "[(None, None, 1)]",
        0,
        "bidirectional_142",
        "(None, None, 12)",
        384,
        "bidirectional_143",
        "(None, None, 8)",
        544);
    assertThat(m.params().total()).isEqualTo(928);
    assertStoredValuesEqualParams(m);
  }

  @Test
  void threeLstmsWithDropoutAndActivation_tfk_weightsByPosition() {
    Model m =
        KerasModels.load(
            resource("pair_tfk_2.4.0_lstm3.json"), resource("pair_tfk_2.4.0_lstm3_weights.h5"));

    assertLayers(
        m,
        "lstm_3_input",
        "[(None, 40, 41)]",
        0,
        "lstm_3",
        "(None, 40, 64)",
        27_136,
        "dropout_3",
        "(None, 40, 64)",
        0,
        "lstm_4",
        "(None, 40, 64)",
        33_024,
        "dropout_4",
        "(None, 40, 64)",
        0,
        "lstm_5",
        "(None, 64)",
        33_024,
        "dropout_5",
        "(None, 64)",
        0,
        "dense_1",
        "(None, 41)",
        2665,
        "activation_1",
        "(None, 41)",
        0);
    assertThat(m.params().total()).isEqualTo(95_849);
    assertStoredValuesEqualParams(m);
  }

  @Test
  void statistics_perStepOnUndefinedTime_timesTOnADefinedOne() {
    ModelEnergy none =
        KerasModels.load(resource("tfk_2.2.4_functional_lstm2_none_time.h5")).energy();
    // 4 gates * 6 units * (1 input + 6 recurrent); 3 sigmoid gates + 2 relu per unit.
    assertThat(none.layerStats("lstm_164").connections()).isEqualTo(4 * 6 * 7);
    assertThat(none.layerStats("lstm_164").neurons()).isEqualTo(5 * 6);

    ModelEnergy forty = KerasModels.load(resource("pair_tfk_2.4.0_lstm3.json")).energy();
    assertThat(forty.layerStats("lstm_3").connections()).isEqualTo(40L * 4 * 64 * (41 + 64));
    assertThat(forty.layerStats("lstm_3").neurons()).isEqualTo(40L * 5 * 64);

    ModelEnergy bi =
        KerasModels.load(resource("tfk_2.2.4_functional_bilstm2_none_time.h5")).energy();
    assertThat(bi.layerStats("bidirectional_143").connections()).isEqualTo(2 * 4 * 4 * (12 + 4));
  }

  @Test
  void kerasSpikingAccounting_countsNothingAndWarns() {
    ModelEnergy e =
        KerasModels.load(resource("tfk_2.2.4_functional_bilstm2_none_time.h5"))
            .energy(o -> o.accounting(Accounting.KERAS_SPIKING));

    assertThat(e.layerStats("bidirectional_142").connections()).isEqualTo(0);
    assertThat(e.warnings()).contains("Cannot compute stats for layer of type 'Bidirectional'");
  }

  // ---- firing rates with the stored weights against a naive float64 LSTM

  @Test
  void lstm3Rates_equalANaiveLstmWithTheStoredWeights() {
    Model m =
        KerasModels.load(
            resource("pair_tfk_2.4.0_lstm3.json"), resource("pair_tfk_2.4.0_lstm3_weights.h5"));
    int n = 2;
    float[] x = data(n * 40 * 41, 11);

    Map<String, Double> rates = m.energy(e -> e.exampleData(ExampleData.of(x, n, 40, 41))).rates();

    double[] in = toDouble(x);
    double[] h3 = NaiveLstm.run(m.layer("lstm_3"), in, n, 40, 41, true, false, "tanh", "sigmoid");
    double[] h4 = NaiveLstm.run(m.layer("lstm_4"), h3, n, 40, 64, true, false, "tanh", "sigmoid");
    double[] h5 = NaiveLstm.run(m.layer("lstm_5"), h4, n, 40, 64, false, false, "tanh", "sigmoid");
    assertThat(rates.get("lstm_3")).isWithin(1e-6).of(meanAbs(in));
    assertThat(rates.get("dropout_3")).isWithin(1e-5).of(meanAbs(h3));
    assertThat(rates.get("lstm_4")).isWithin(1e-5).of(meanAbs(h3));
    assertThat(rates.get("lstm_5")).isWithin(1e-5).of(meanAbs(h4));
    assertThat(rates.get("dense_1")).isWithin(1e-5).of(meanAbs(h5));
  }

  @Test
  void bidirectionalRates_equalANaiveForwardAndBackwardLstm() {
    Model m = KerasModels.load(resource("tfk_2.2.4_functional_bilstm2_none_time.h5"));
    int n = 3;
    int time = 7;
    float[] x = data(n * time, 5);

    Map<String, Double> rates = m.energy(e -> e.exampleData(ExampleData.of(x, n, time, 1))).rates();

    Layer bi = m.layer("bidirectional_142");
    double[] f =
        NaiveLstm.run(
            bi.weights().subList(0, 3),
            toDouble(x),
            n,
            time,
            1,
            true,
            false,
            "relu",
            "hard_sigmoid");
    double[] b =
        NaiveLstm.run(
            bi.weights().subList(3, 6),
            toDouble(x),
            n,
            time,
            1,
            true,
            true,
            "relu",
            "hard_sigmoid");
    // The mean |x| of the concatenation: every value of both directions once.
    double expected = (meanAbs(f) + meanAbs(b)) / 2;
    assertThat(rates.get("bidirectional_143")).isWithin(1e-6).of(expected);
    // With the directions' weights swapped the figure differs: the test can tell them apart.
    double[] fSwapped =
        NaiveLstm.run(
            bi.weights().subList(3, 6),
            toDouble(x),
            n,
            time,
            1,
            true,
            false,
            "relu",
            "hard_sigmoid");
    double[] bSwapped =
        NaiveLstm.run(
            bi.weights().subList(0, 3),
            toDouble(x),
            n,
            time,
            1,
            true,
            true,
            "relu",
            "hard_sigmoid");
    assertThat(Math.abs((meanAbs(fSwapped) + meanAbs(bSwapped)) / 2 - expected))
        .isGreaterThan(1e-4);
  }

  // ---- other recurrent configs

  @Test
  void gruSimpleRnnAndBidirectionalConfigs_countAsKeras() throws IOException {
    Path f = tmp.resolve("rnn.json");
    Files.writeString(
        f,
        functional(
            "{\"class_name\": \"GRU\", \"config\": {\"name\": \"g\","
                + " \"units\": 5, \"reset_after\": true, \"return_sequences\": true}}",
            "{\"class_name\": \"GRU\", \"config\": {\"name\": \"g0\", \"units\": 5, \"reset_after\":"
                + " false, \"return_sequences\": true, \"go_backwards\": true}}",
            "{\"class_name\": \"Bidirectional\", \"config\": {\"name\": \"bi\", \"merge_mode\": \"sum\","
                + " \"layer\": {\"class_name\": \"SimpleRNN\", \"config\": {\"name\": \"s\", \"units\": 4,"
                + " \"use_bias\": false}}}}"));

    Model m = KerasModels.load(f);

    assertThat(m.layerNames()).containsExactly("x", "g", "g0", "bi").inOrder();
    assertThat(m.params(m.layer("g")).total()).isEqualTo(3 * 5 * (3 + 5 + 2));
    assertThat(m.params(m.layer("g0")).total()).isEqualTo(3 * 5 * (5 + 5 + 1));
    assertThat(m.params(m.layer("bi")).total()).isEqualTo(2 * 4 * (5 + 4));
    assertThat(m.layer("bi").spec().describe())
        .isEqualTo("bidirectional(simpleRnn(4, no bias), sum)");
    assertThat(m.outputs().get(0).shape().toKerasString()).isEqualTo("(None, 4)");
  }

  @Test
  void statefulReturnStateAndTimeMajor_areRefusedNamingTheLayer() throws IOException {
    String lstm = Files.readString(resource("pair_k2_2.0.6_simple_lstm.json"));
    Path stateful = tmp.resolve("stateful.json");
    Files.writeString(stateful, lstm.replace("\"stateful\": false", "\"stateful\": true"));
    Path state = tmp.resolve("state.json");
    Files.writeString(state, lstm.replace("\"return_state\": false", "\"return_state\": true"));

    assertThat(failure(stateful))
        .hasMessageThat()
        .isEqualTo(
            stateful
                + ": layer 'lstm_1' (LSTM):"
                + " field 'stateful' is true: a stateful layer carries its state across batches;"
                + " NeuroJoule runs each example from a zero state (re-save the model with"
                + " stateful=False)");
    assertThat(failure(state))
        .hasMessageThat()
        .isEqualTo(
            state
                + ": layer 'lstm_1' (LSTM):"
                + " field 'return_state' is true: return_state gives the layer several outputs;"
                + " NeuroJoule layers have one");
  }

  @Test
  void bidirectionalWithoutMergeOrAroundADense_isRefused() throws IOException {
    Path none = tmp.resolve("none.json");
    Files.writeString(
        none,
        functional(
            "{\"class_name\": \"Bidirectional\", \"config\": {\"name\":"
                + " \"bi\", \"merge_mode\": null, \"layer\": {\"class_name\": \"LSTM\", \"config\":"
                + " {\"name\": \"l\", \"units\": 2}}}}"));
    Path dense = tmp.resolve("dense.json");
    Files.writeString(
        dense,
        functional(
            "{\"class_name\": \"Bidirectional\", \"config\": {\"name\":"
                + " \"bi\", \"layer\": {\"class_name\": \"Dense\", \"config\": {\"name\": \"d\","
                + " \"units\": 2}}}}"));

    assertThat(failure(none))
        .hasMessageThat()
        .isEqualTo(
            none
                + ": layer 'bi' (Bidirectional):"
                + " field 'merge_mode' is None, which gives two outputs; NeuroJoule layers have one (use"
                + " 'concat', 'sum', 'mul' or 'ave')");
    assertThat(failure(dense))
        .hasMessageThat()
        .isEqualTo(
            dense
                + ": layer 'bi' (Bidirectional):"
                + " field 'layer' is a Dense; NeuroJoule's Bidirectional wraps SimpleRNN, LSTM or GRU");
  }

  @Test
  void missingAndMistypedFields_nameTheLayerAndField() throws IOException {
    Path missing = tmp.resolve("missing.json");
    Files.writeString(
        missing, functional("{\"class_name\": \"LSTM\", \"config\": {\"name\":" + " \"l\"}}"));
    Path mistyped = tmp.resolve("mistyped.json");
    Files.writeString(
        mistyped,
        functional(
            "{\"class_name\": \"GRU\", \"config\": {\"name\":"
                + " \"g\", \"units\": 2, \"reset_after\": \"yes\"}}"));

    assertThat(failure(missing))
        .hasMessageThat()
        .isEqualTo(missing + ": layer 'l' (LSTM): field" + " 'units' is missing");
    assertThat(failure(mistyped))
        .hasMessageThat()
        .isEqualTo(
            mistyped
                + ": layer 'g' (GRU):"
                + " field 'reset_after' must be true or false, was \"yes\"");
  }

  @Test
  void weightsOfTheWrongShape_nameTheDatasetAndTheNeededShape() throws IOException {
    String lstm = Files.readString(resource("pair_k2_2.0.6_simple_lstm.json"));
    Path f = tmp.resolve("units49.json");
    Files.writeString(f, lstm.replace("\"units\": 50", "\"units\": 49"));
    Path weights = resource("pair_k2_2.0.6_simple_lstm_weights.h5");

    KerasImportException e =
        assertThrows(KerasImportException.class, () -> KerasModels.load(f, weights));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            weights
                + ": layer 'lstm_1' (LSTM): dataset"
                + " '/lstm_1/lstm_1/kernel:0' has shape (1, 200), the layer's kernel needs (1, 196)");
  }

  // ---- helpers

  private KerasImportException failure(Path file) {
    return assertThrows(KerasImportException.class, () -> KerasModels.load(file));
  }

  /** A functional model: input (None, 6, 3), then the given layers in a chain. */
  private static String functional(String... layers) {
    StringBuilder s =
        new StringBuilder(
            "{\"class_name\": \"Functional\", \"config\": {\"name\":"
                + " \"m\", \"layers\": [{\"class_name\": \"InputLayer\", \"name\": \"x\", \"config\":"
                + " {\"name\": \"x\", \"batch_input_shape\": [null, 6, 3]}, \"inbound_nodes\": []}");
    String previous = "x";
    for (String layer : layers) {
      String name = layer.replaceFirst(".*?\"config\": \\{\"name\": \"([^\"]+)\".*", "$1");
      s.append(", ")
          .append(layer, 0, layer.length() - 1)
          .append(", \"name\": \"")
          .append(name)
          .append("\", \"inbound_nodes\": [[[\"")
          .append(previous)
          .append("\", 0, 0, {}]]]}");
      previous = name;
    }
    return s.append("], \"input_layers\": [[\"x\", 0, 0]], \"output_layers\": [[\"")
        .append(previous)
        .append("\", 0, 0]]}}")
        .toString();
  }

  /** Name, printed output shape and parameter count of every layer, in order. */
  private static void assertLayers(Model m, Object... expected) {
    List<Layer> layers = m.layers();
    assertThat(layers).hasSize(expected.length / 3);
    for (int i = 0; i < layers.size(); i++) {
      Layer l = layers.get(i);
      String name = m.nameOf(l);
      assertThat(name).isEqualTo(expected[3 * i]);
      String shape = m.applications(l).get(0).shape().toKerasString();
      assertWithMessage(name)
          .that(i == 0 ? "[" + shape + "]" : shape)
          .isEqualTo(expected[3 * i + 1]);
      assertWithMessage(name)
          .that(m.params(l).total())
          .isEqualTo(((Integer) expected[3 * i + 2]).longValue());
    }
  }

  /** Every layer holds as many weight values as its parameter count (the file's own arrays). */
  private static void assertStoredValuesEqualParams(Model m) {
    for (Layer l : m.layers()) {
      long stored = l.weights().stream().mapToLong(a -> a.length).sum();
      assertWithMessage(m.nameOf(l)).that(stored).isEqualTo(m.params(l).total());
    }
  }

  private static float[] data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return x;
  }

  private static double[] toDouble(float[] x) {
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = x[i];
    }
    return d;
  }

  private static double meanAbs(double[] v) {
    double s = 0;
    for (double d : v) {
      s += Math.abs(d);
    }
    return s / v.length;
  }

  /** Keras' LSTM in float64, unit by unit: gates i, f, c, o; weights kernel, recurrent, bias. */
  static final class NaiveLstm {
    static double[] run(
        Layer layer,
        double[] x,
        int n,
        int time,
        int in,
        boolean sequences,
        boolean backwards,
        String act,
        String gate) {
      return run(layer.weights(), x, n, time, in, sequences, backwards, act, gate);
    }

    static double[] run(
        List<float[]> w,
        double[] x,
        int n,
        int time,
        int in,
        boolean sequences,
        boolean backwards,
        String act,
        String gate) {
      float[] kernel = w.get(0);
      float[] recurrent = w.get(1);
      float[] bias = w.get(2);
      int u = bias.length / 4;
      int steps = sequences ? time : 1;
      double[] out = new double[n * steps * u];
      for (int e = 0; e < n; e++) {
        double[] h = new double[u];
        double[] c = new double[u];
        for (int s = 0; s < time; s++) {
          int t = backwards ? time - 1 - s : s;
          double[] next = new double[u];
          for (int j = 0; j < u; j++) {
            double[] z = new double[4];
            for (int g = 0; g < 4; g++) {
              z[g] = bias[g * u + j];
              for (int k = 0; k < in; k++) {
                z[g] += x[(e * time + t) * in + k] * kernel[k * 4 * u + g * u + j];
              }
              for (int k = 0; k < u; k++) {
                z[g] += h[k] * recurrent[k * 4 * u + g * u + j];
              }
            }
            c[j] = f(gate, z[1]) * c[j] + f(gate, z[0]) * f(act, z[2]);
            next[j] = f(gate, z[3]) * f(act, c[j]);
          }
          h = next;
          if (sequences) {
            System.arraycopy(h, 0, out, (e * steps + s) * u, u);
          }
        }
        if (!sequences) {
          System.arraycopy(h, 0, out, e * u, u);
        }
      }
      return out;
    }

    private static double f(String name, double v) {
      return switch (name) {
        case "tanh" -> Math.tanh(v);
        case "sigmoid" -> 1 / (1 + Math.exp(-v));
        case "hard_sigmoid" -> Math.max(0, Math.min(1, 0.2 * v + 0.5));
        case "relu" -> Math.max(0, v);
        default -> throw new AssertionError(name);
      };
    }
  }
}
