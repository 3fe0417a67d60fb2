package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.KerasImportException;
import org.neurojoule.Model;
import org.neurojoule.layer.ParamCount;

/**
 * Keras' preprocessing Normalization: a hand-made Keras 3 archive whose weights file stores the
 * mean, the variance and the int64 count as Keras 3 does ({@code layers/normalization/vars/0..2}).
 */
class KerasNormalizationImportTest {
  private static final String CONFIG =
      "{\"class_name\": \"Sequential\", \"config\": {\"name\":"
          + " \"s\", \"layers\": [{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\":"
          + " [null, 2, 3], \"name\": \"x\"}}, {\"module\": \"keras.layers\", \"class_name\":"
          + " \"Normalization\", \"config\": {\"name\": \"normalization\", \"axis\": AXIS, \"mean\":"
          + " null, \"variance\": null, \"invert\": false}, \"registered_name\": null},"
          + " {\"class_name\": \"ReLU\", \"config\": {\"name\": \"re_lu\"}}]}}";
  private static final float[] MEAN = {1f, -2f, 0.5f};
  private static final float[] VARIANCE = {4f, 0.25f, 9f};

  @TempDir Path tmp;

  @Test
  void keras3Archive_readsMeanVarianceAndInt64Count_ratesUseThem() throws IOException {
    Path f = archive(CONFIG.replace("AXIS", "-1"), 3);

    Model m = KerasModels.load(f);

    assertThat(m.layer("normalization").type()).isEqualTo("Normalization");
    assertThat(m.params()).isEqualTo(new ParamCount(0, 7));
    assertThat(m.layer("normalization").weights().get(0)).isEqualTo(MEAN);
    assertThat(m.layer("normalization").weights().get(1)).isEqualTo(VARIANCE);
    assertThat(m.layer("normalization").weights().get(2)).isEqualTo(new float[] {1234});
    float[] x = {3, -1, 2, -1, -2.5f, 0.5f};
    Map<String, Double> rates = m.energy(e -> e.exampleData(ExampleData.of(x, 1, 2, 3))).rates();
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.abs((x[i] - (double) MEAN[i % 3]) / Math.sqrt(VARIANCE[i % 3]));
    }
    assertThat(rates.get("re_lu")).isWithin(1e-6).of(sum / x.length);
  }

  @Test
  void weightOfTheWrongShape_namesTheDataset() throws IOException {
    Path f = archive(CONFIG.replace("AXIS", "[1, 2]"), 3);

    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(f));
    assertThat(e)
        .hasMessageThat()
        .contains(
            "layer 'normalization' (Normalization): dataset" + " '/layers/normalization/vars/0'");
    assertThat(e).hasMessageThat().contains("(2, 3)");
  }

  @Test
  void meanInTheConfig_isRefusedNamingTheLayerAndTheField() throws IOException {
    Path f = tmp.resolve("mean.json");
    Files.writeString(
        f, CONFIG.replace("AXIS", "-1").replace("\"mean\": null", "\"mean\": [1.0, 2.0, 3.0]"));

    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(f));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            f
                + ": layer 'normalization' (Normalization): field"
                + " 'mean' is set; NeuroJoule's Normalization takes the mean and variance as weights"
                + " (adapted), not as constants in the config");
  }

  @Test
  void axisNone_keepsASingleMean() throws IOException {
    Path f = tmp.resolve("none.json");
    Files.writeString(f, CONFIG.replace("AXIS", "null"));

    Model m = KerasModels.load(f);

    assertThat(m.params()).isEqualTo(new ParamCount(0, 3));
  }

  /** A {@code .keras} zip: config.json and model.weights.h5 in Keras 3's layout. */
  private Path archive(String config, int channels) throws IOException {
    Path h5 = tmp.resolve("model.weights.h5");
    try (WritableHdfFile w = HdfFile.write(h5)) {
      WritableGroup vars = w.putGroup("layers").putGroup("normalization").putGroup("vars");
      vars.putDataset("0", MEAN);
      vars.putDataset("1", VARIANCE);
      vars.putDataset("2", 1234L);
    }
    Path zip = tmp.resolve("model.keras");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("config.json"));
      z.write(config.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
      z.putNextEntry(new ZipEntry("model.weights.h5"));
      z.write(Files.readAllBytes(h5));
      z.closeEntry();
    }
    return zip;
  }
}
