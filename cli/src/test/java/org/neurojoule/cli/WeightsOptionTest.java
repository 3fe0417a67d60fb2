package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.cli.NeurojouleTest.Run;

/**
 * {@code --weights} reads a weights-only file onto a Keras architecture JSON; without it the rates
 * on the JSON's made-up weights come with a warning. Errors after import name the file and {@code
 * --input-shape}.
 */
class WeightsOptionTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final String JSON = keras("pair_tfk_2.2.4_lenet_mnist.json").toString();
  private static final String WEIGHTS = keras("pair_tfk_2.2.4_lenet_mnist_weights.h5").toString();
  private static final String MADE_UP =
      "warning: "
          + JSON
          + " stores no weights: the firing rates, and so the energies of spiking devices, come"
          + " from made-up initial weights, not the trained ones";

  @TempDir Path tmp;

  private static Path keras(String name) {
    return ROOT.resolve("keras/src/test/resources/keras").resolve(name);
  }

  private String digits() {
    Random r = new Random(3);
    float[] x = new float[2 * 28 * 28];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat();
    }
    Path f = tmp.resolve("digits.npy");
    ExampleData.of(x, 2, 28, 28, 1).toNpy(f);
    return f.toString();
  }

  @Test
  void jsonWithoutWeights_warnsOnStderrAndInTheNotes() {
    Run r = run("summary", JSON, "--example-data", digits(), "--columns", "energy loihi");

    assertThat(r.err()).isEqualTo(MADE_UP + "\n");
    assertThat(r.out().replaceAll("\\s+", " ")).contains("stores no weights");
    assertThat(r.code()).isEqualTo(0);
  }

  @Test
  void jsonWithWeights_noWarning_andOtherRates() {
    String data = digits();
    Run with =
        run(
            "summary",
            JSON,
            "--weights",
            WEIGHTS,
            "--example-data",
            data,
            "--columns",
            "rate",
            "--format",
            "csv");
    Run without =
        run("summary", JSON, "--example-data", data, "--columns", "rate", "--format", "csv");

    assertThat(with.err()).isEmpty();
    assertThat(with.code()).isEqualTo(0);
    assertThat(with.out()).isNotEqualTo(without.out());
    assertThat(without.err()).isEqualTo(MADE_UP + "\n");
  }

  @Test
  void weightsOnAFileWithItsOwn_isAnError() {
    Run r = run("summary", "mnist", "--weights", WEIGHTS);

    assertThat(r.err())
        .isEqualTo(
            "neurojoule: --weights applies to a Keras architecture JSON; 'mnist' is a bundled"
                + " model, which has its own weights\n");
    assertThat(r.code()).isNotEqualTo(0);
  }

  @Test
  void undefinedDimension_namesTheFileAndInputShape() {
    String twelveNet = keras("k2_2.2.0_functional_12net_none_spatial_prelu_2outputs.h5").toString();

    Run r = run("summary", twelveNet);

    assertThat(r.err()).startsWith("neurojoule: [NnUndefinedDimension]");
    assertThat(r.err())
        .contains(
            "(the model comes from "
                + twelveNet
                + ", which leaves an input dimension undefined: give its sizes with"
                + " --input-shape)");
    assertThat(r.code()).isEqualTo(1);
  }
}
