package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.keras.KerasImportTest.resource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Provenance;
import org.neurojoule.shape.ShapeException;

/**
 * What an imported model records of its file: whether the weights were stored (an architecture JSON
 * has none, and firing rates on it are made up: the estimate warns), and the file and option named
 * by an error about an undefined input dimension.
 */
class KerasProvenanceTest {
  private static final Path JSON = resource("pair_tfk_2.2.4_lenet_mnist.json");
  private static final Path WEIGHTS = resource("pair_tfk_2.2.4_lenet_mnist_weights.h5");

  private static ExampleData digits() {
    Random r = new Random(5);
    float[] x = new float[4 * 28 * 28];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat();
    }
    return ExampleData.of(x, 4, 28, 28, 1);
  }

  @Test
  void architectureJson_withoutWeights_warnsThatRatesAreMadeUp() {
    Model m = KerasModels.load(JSON);

    assertThat(m.provenance()).hasValue(Provenance.imported(JSON.toString(), false));
    ModelEnergy e = m.energy(o -> o.exampleData(digits()));
    String note =
        JSON
            + " stores no weights: the firing rates, and so the energies of spiking devices, come"
            + " from made-up initial weights, not the trained ones";
    assertThat(e.warnings()).contains(note);
    // The summary wraps its notes: compare with the line breaks as spaces.
    assertThat(e.summaryString().replaceAll("\\s+", " ")).contains("* " + note + ".");
  }

  @Test
  void architectureJson_withoutExampleData_hasNothingMadeUpToWarnOf() {
    ModelEnergy e = KerasModels.load(JSON).energy();

    assertThat(e.warnings().stream().filter(w -> w.contains("stores no weights"))).isEmpty();
    assertThat(e.summaryString()).doesNotContain("stores no weights");
  }

  @Test
  void weightsOption_readsTheWeightsOntoTheJson_asTheTwoFileLoad() {
    Model withOption = KerasModels.load(JSON, o -> o.weights(WEIGHTS));
    Model twoFiles = KerasModels.load(JSON, WEIGHTS);

    assertThat(withOption.provenance().orElseThrow().weightsRead()).isTrue();
    assertThat(withOption.provenance().orElseThrow().source())
        .isEqualTo(JSON + " with weights " + WEIGHTS);
    assertThat(withOption.params().total()).isEqualTo(twoFiles.params().total());
    ModelEnergy e = withOption.energy(o -> o.exampleData(digits()));
    assertThat(e.warnings().stream().filter(w -> w.contains("stores no weights"))).isEmpty();
    Map<String, Double> rates = e.rates();
    assertThat(rates).isEqualTo(twoFiles.energy(o -> o.exampleData(digits())).rates());
    assertThat(rates)
        .isNotEqualTo(KerasModels.load(JSON).energy(o -> o.exampleData(digits())).rates());
  }

  @Test
  void fullModelFile_recordsItsStoredWeights() {
    Path file = resource("tfk_2.5.0_seq_conv1d_leakyrelu_pool.h5");

    assertThat(KerasModels.load(file).provenance())
        .hasValue(Provenance.imported(file.toString(), true));
  }

  @Test
  void undefinedDimension_afterImport_namesTheFileAndTheOption() {
    Path file = resource("k2_2.2.0_functional_12net_none_spatial_prelu_2outputs.h5");
    Model m = KerasModels.load(file);

    ShapeException e = assertThrows(ShapeException.class, m::energy);

    assertThat(e).hasMessageThat().startsWith("[NnUndefinedDimension] layer ");
    assertThat(e)
        .hasMessageThat()
        .endsWith(
            " (the model comes from "
                + file
                + ", which leaves an input dimension undefined: give its sizes with"
                + " Options.inputShape(...))");
    assertThat(e.layerName()).isPresent();
    // Given the sizes, as the message says, the estimate runs.
    assertThat(KerasModels.load(file, o -> o.inputShape(12, 12, 3)).energy().totals()).isNotNull();
  }
}
