package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.keras.KerasImportTest.resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.Padding;

/** Causal padding from Keras files: Conv1D takes it, any other layer is refused naming itself. */
class KerasCausalImportTest {
  private static final String CONV1D = "tfk_2.2.4_functional_conv1d.h5";

  @TempDir Path tmp;

  @Test
  void causalConv1dFixture_importsWithItsNamesShapesAndStoredWeights() {
    Model m = KerasModels.load(resource(CONV1D));

    assertThat(m.layerNames()).containsExactly("input_13", "conv1d_12").inOrder();
    Layer conv = m.layer("conv1d_12");
    assertThat(conv.spec()).isInstanceOf(Conv.class);
    assertThat(((Conv) conv.spec()).padding()).isEqualTo(Padding.CAUSAL);
    assertThat(m.applications(conv).get(0).shape().toKerasString()).isEqualTo("(None, 32, 4)");
    assertThat(m.params(conv).total()).isEqualTo(244);
    assertThat(conv.weights().stream().mapToLong(a -> a.length).sum()).isEqualTo(244);
  }

  @Test
  void causalConv1dFixture_countsEveryTapInBothModes() {
    Model m = KerasModels.load(resource(CONV1D));

    for (Accounting accounting : Accounting.values()) {
      ModelEnergy e = m.energy(o -> o.accounting(accounting));
      // output 32 x 4, kernel 3, 20 input channels; tanh: one neuron per output value.
      assertThat(e.layerStats("conv1d_12").connections()).isEqualTo(32L * 4 * 3 * 20);
      assertThat(e.layerStats("conv1d_12").neurons()).isEqualTo(32L * 4);
    }
  }

  @Test
  void causalConv1dFixture_ratesAfterItEqualANaiveCausalConvWithTheStoredWeights() {
    Model file = KerasModels.load(resource(CONV1D));
    // A flatten after the conv: its rate is the mean |conv output|, computed with the file's
    // weights (the layer object, and so its weights, is shared with the imported model).
    Model m = Model.of(file.outputs().get(0).flatten());
    int n = 3;
    float[] x = data(n * 32 * 20, 5);

    Map<String, Double> rates = m.energy(e -> e.exampleData(ExampleData.of(x, n, 32, 20))).rates();

    Layer conv = file.layer("conv1d_12");
    double expected =
        meanAbs(causalConv1dTanh(x, n, 32, 20, conv.weights().get(0), conv.weights().get(1), 4, 3));
    assertThat(rates.get("conv1d_12")).isWithin(1e-6).of(meanAbs(x));
    assertThat(rates.get("flatten")).isWithin(1e-5 * expected).of(expected);
  }

  @Test
  void causalPaddingOnConv2d_isRefusedNamingTheLayer() throws IOException {
    String lenet = Files.readString(resource("pair_tfk_2.2.4_lenet_mnist.json"));
    Path file = tmp.resolve("causal2d.json");
    Files.writeString(file, lenet.replaceFirst("\"padding\": \"same\"", "\"padding\": \"causal\""));

    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(file));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            file
                + ": layer 'conv2d' (Conv2D):"
                + " [NnInvalidArgument] padding causal is for Conv1D only; Conv2D takes valid or same");
  }

  @Test
  void unknownPadding_listsTheThreeKerasSpellings() throws IOException {
    String lenet = Files.readString(resource("pair_tfk_2.2.4_lenet_mnist.json"));
    Path file = tmp.resolve("full.json");
    Files.writeString(file, lenet.replaceFirst("\"padding\": \"same\"", "\"padding\": \"full\""));

    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(file));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            file
                + ": layer 'conv2d' (Conv2D): field 'padding'"
                + " is 'full'; NeuroJoule supports 'valid', 'same' and 'causal'");
  }

  /** Keras' causal Conv1D, literally: (k - 1) zeros before each sequence, then valid; tanh. */
  private static double[] causalConv1dTanh(
      float[] x, int n, int len, int cin, float[] kernel, float[] bias, int cout, int k) {
    double[] y = new double[n * len * cout];
    for (int e = 0; e < n; e++) {
      for (int t = 0; t < len; t++) {
        for (int f = 0; f < cout; f++) {
          double acc = bias[f];
          for (int tap = 0; tap < k; tap++) {
            int pos = t - (k - 1) + tap;
            if (pos < 0) {
              continue; // the zeros before the sequence
            }
            for (int c = 0; c < cin; c++) {
              acc += (double) x[(e * len + pos) * cin + c] * kernel[(tap * cin + c) * cout + f];
            }
          }
          y[(e * len + t) * cout + f] = Math.tanh(acc);
        }
      }
    }
    return y;
  }

  private static double meanAbs(float[] v) {
    double s = 0;
    for (float f : v) {
      s += Math.abs(f);
    }
    return s / v.length;
  }

  private static double meanAbs(double[] v) {
    double s = 0;
    for (double d : v) {
      s += Math.abs(d);
    }
    return s / v.length;
  }

  private static float[] data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (2 * r.nextDouble() - 1);
    }
    return x;
  }
}
