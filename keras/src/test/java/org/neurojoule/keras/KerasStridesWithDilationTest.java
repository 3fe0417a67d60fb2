package org.neurojoule.keras;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.KerasImportException;

/**
 * Keras refuses strides above 1 together with a dilation rate above 1, and so does the importer
 * (NeuroJoule's specs take the pair, for ONNX and PyTorch models).
 */
class KerasStridesWithDilationTest {
  @TempDir Path tmp;

  @Test
  void conv2dWithStridesAndDilation_isRefusedNamingTheLayerAndBoth() throws IOException {
    Path f = tmp.resolve("sd.json");
    Files.writeString(
        f,
        "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
            + "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c\", \"filters\": 3,"
            + " \"kernel_size\": [3, 3], \"strides\": [2, 2], \"dilation_rate\": [2, 1],"
            + " \"batch_input_shape\": [null, 9, 9, 1]}}]}}");

    KerasImportException e = assertThrows(KerasImportException.class, () -> KerasModels.load(f));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            f
                + ": layer 'c' (Conv2D): strides 2x2 and dilation_rate 2x1 cannot both be > 1"
                + " (Keras does not support it)");
  }
}
