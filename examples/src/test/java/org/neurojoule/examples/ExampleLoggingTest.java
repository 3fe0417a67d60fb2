package org.neurojoule.examples;

import static com.google.common.truth.Truth.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;

/** The examples' output: each library warning once, on one line; no file in the working tree. */
class ExampleLoggingTest {
  @Test
  void eachWarningOnce_oneLineEach() {
    Logger library = Logger.getLogger("org.neurojoule");
    Handler[] before = library.getHandlers();
    boolean parents = library.getUseParentHandlers();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      ExampleLogging.eachWarningOnce(new PrintStream(err, true, StandardCharsets.UTF_8));
      // KerasSpiking's accounting cannot count a depthwise convolution: one warning per estimate.
      for (int i = 0; i < 3; i++) {
        Model.input(8, 8, 2)
            .depthwiseConv2d(3)
            .model()
            .energy(e -> e.accounting(org.neurojoule.layer.Accounting.KERAS_SPIKING));
      }
    } finally {
      for (Handler h : library.getHandlers()) {
        library.removeHandler(h);
      }
      for (Handler h : before) {
        library.addHandler(h);
      }
      library.setUseParentHandlers(parents);
    }
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("warning: Cannot compute stats for layer of type 'DepthwiseConv2D'\n");
  }

  @Test
  void writeEvents_withoutAFile_writesToATemporaryDirectory() throws Exception {
    Path file = SpikingCnn.eventsFile(Optional.empty());
    assertThat(file.getFileName().toString()).isEqualTo("events.npy");
    assertThat(file.toAbsolutePath().startsWith(Path.of("").toAbsolutePath())).isFalse();
    assertThat(file.getParent().toAbsolutePath().normalize())
        .isNotEqualTo(Path.of("").toAbsolutePath().normalize());
    assertThat(SpikingCnn.eventsFile(Optional.of(Path.of("x.npy")))).isEqualTo(Path.of("x.npy"));
    java.nio.file.Files.delete(file.getParent());
  }
}
