package org.neurojoule.examples;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The entry point runs and prints the reference tables. */
class ExamplesTest {

  /**
   * A reference output, found as runtime's test helper {@code Golden} finds it (which examples'
   * tests cannot reach): the folder named by {@code neurojoule.golden}, else the project's copy in
   * runtime's test resources.
   */
  private static String golden(String name) throws IOException {
    String configured = System.getProperty("neurojoule.golden");
    Path dir =
        configured != null
            ? Path.of(configured)
            : Path.of("").toAbsolutePath().getParent().resolve("runtime/src/test/resources/golden");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "golden files not found at "
              + dir
              + (configured != null ? " (set by -Dneurojoule.golden)" : ""));
    }
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void run_printsEveryTable() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Examples.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out).contains(golden("mnist_default.txt"));
    assertThat(out).contains(golden("mnist_cpu_gpu.txt"));
    for (String title : new String[] {"VGG9", "LCRM-VGG9", "AlexNet", "LCRM-AlexNet"}) {
      assertThat(out).contains("## " + title + ": Keras summary");
      assertThat(out).contains("## " + title + ": energy, KERAS_SPIKING accounting");
      assertThat(out).contains("## " + title + ": energy, COMPLETE accounting");
    }
    assertThat(out).contains("Total params: 7895140 (30.12 MB)");
    assertThat(out).contains("## MNIST model on Loihi: firing rates from example data");
    assertThat(out).contains("Total energy per inference [Joules/inf] (loihi): ");
    // cpu energy does not depend on rates: the low-cost variant's saving is exact.
    assertThat(out).contains("J/inf (cpu)       | 4.48e+00| 2.64e+00|   41.1 %\n");
    assertThat(out).contains("## Annotated networks: figures computed at compile time");
  }
}
