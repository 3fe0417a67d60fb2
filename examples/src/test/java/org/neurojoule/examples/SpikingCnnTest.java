package org.neurojoule.examples;

import static com.google.common.truth.Truth.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The user guide's table of {@code cnn_sinabs.nir} (docs/simulation.md) is what {@link SpikingCnn}
 * prints.
 */
class SpikingCnnTest {
  @Test
  void readmeShowsTheExamplesOutput() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    String table = SpikingCnn.table(root.resolve("nir/src/test/resources/nir/cnn_sinabs.nir"));
    assertThat(table).contains("Total simulated energy per inference [Joules/inf] (loihi): ");
    assertThat(Files.readString(root.resolve("docs/simulation.md"), StandardCharsets.UTF_8))
        .contains(table);
  }
}
