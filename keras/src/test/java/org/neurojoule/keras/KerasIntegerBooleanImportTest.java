package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.KerasImportException;
import org.neurojoule.Model;
import org.neurojoule.layer.ParamCount;

/** Keras 2 configs that store a boolean as the integer 1 or 0, as Keras itself reads them. */
class KerasIntegerBooleanImportTest {
  @TempDir Path tmp;

  @Test
  void oneAndZero_readAsTrueAndFalse() throws IOException {
    Model m = KerasModels.load(sequential("\"scale\": 1, \"center\": 0", "\"use_bias\": 0"));

    // BatchNormalization over 4 channels: gamma only (4 trainable), moving mean and variance (8);
    // Dense 4 -> 2 without a bias: 8 trainable.
    assertThat(m.params()).isEqualTo(new ParamCount(4 + 8, 8));
  }

  @Test
  void otherNumbers_remainErrorsNamingTheField() throws IOException {
    for (String value : new String[] {"2", "1.0", "-1"}) {
      Path f = sequential("\"scale\": " + value, "\"use_bias\": true");

      KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(f));

      assertThat(e).hasMessageThat().contains("field 'scale' must be true or false, was " + value);
    }
  }

  /**
   * MLPerf Tiny's streaming wake-word model (tf.keras 2.x), whose BatchNormalization layers say
   * {@code "scale": 1}. Its layers, from the file's model_config: input (30, 1, 40); four blocks of
   * DepthwiseConv2D (k x 1, no bias), Conv2D 1x1 (no bias), BatchNormalization, with k = 3, 5, 10,
   * 15 and filters 128, 128, 128, 32; Flatten; Dense 32 -> 3. Trainable: 3*40 + 40*128 + 2*128,
   * 5*128 + 128*128 + 2*128, 10*128 + 128*128 + 2*128, 15*128 + 128*32 + 2*32, 32*3 + 3 = 46,875;
   * non-trainable (moving mean and variance): 2 * (3*128 + 32) = 832; 47,707 in all, as Keras'
   * summary counts them.
   */
  @Test
  void mlperfTinyStreamingWakeWord_importsWithKerasParameterCount() {
    Optional<Path> file = measuredModel("str_ww_ref_model.h5");
    Assumptions.assumeTrue(
        file.isPresent(), "no shared/fixtures/measured/models/str_ww_ref_model.h5 above " + here());

    Model m = KerasModels.load(file.get());

    assertThat(m.params()).isEqualTo(new ParamCount(46_875, 832));
    assertThat(m.params().total()).isEqualTo(47_707L);
  }

  /** The file in {@code shared/fixtures/measured/models} beside this checkout or one above it. */
  private static Optional<Path> measuredModel(String name) {
    return Stream.iterate(here(), p -> p != null, Path::getParent)
        .map(p -> p.resolve("shared/fixtures/measured/models").resolve(name))
        .filter(Files::isRegularFile)
        .findFirst();
  }

  private static Path here() {
    return Path.of("").toAbsolutePath();
  }

  /** A Sequential to_json(): input (3, 4), BatchNormalization, Dense(2); the configs' extras. */
  private Path sequential(String batchNorm, String dense) throws IOException {
    Path f = tmp.resolve("model.json");
    Files.writeString(
        f,
        "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"seq\", \"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"config\":"
            + " {\"name\": \"in\", \"batch_input_shape\": [null, 3, 4]}},"
            + " {\"class_name\": \"BatchNormalization\", \"config\":"
            + " {\"name\": \"bn\", \"axis\": -1, "
            + batchNorm
            + "}},"
            + " {\"class_name\": \"Dense\", \"config\": {\"name\": \"d\", \"units\": 2, "
            + dense
            + "}}]}, \"keras_version\": \"2.4.0\"}");
    return f;
  }
}
