package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.ModelEnergy;
import org.neurojoule.SpikeCounts;
import org.neurojoule.nir.NirModels;

/** {@code summary MODEL.nir --example-data events.npy --dt ...}: the spiking simulation. */
class SimulationCommandTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path CNN = ROOT.resolve("nir/src/test/resources/nir/cnn_sinabs.nir");
  @TempDir Path dir;

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Neurojoule.run(new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  /** Seeded Bernoulli(0.05) events of shape {@code (2, 10, 34, 34, 2)} as a float32 .npy. */
  private Path events() throws IOException {
    int n = 2 * 10 * 34 * 34 * 2;
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 10, 34, 34, 2), }";
    String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 1)
        .put((byte) 0)
        .putShort((short) header.length())
        .put(header.getBytes(StandardCharsets.US_ASCII));
    Random r = new Random(4);
    for (int i = 0; i < n; i++) {
      b.putFloat(r.nextDouble() < 0.05 ? 1f : 0f);
    }
    return Files.write(dir.resolve("events.npy"), b.array());
  }

  @Test
  void summaryOfANirFile_withEvents_printsCountedSpikesAndEvents() throws IOException {
    Path events = events();
    String[] r =
        run("summary", CNN.toString(), "--example-data", events.toString(), "--dt", "1e-3");
    assertThat(r[2]).isEmpty();
    assertThat(r[0]).isEqualTo("0");
    ModelEnergy e =
        NirModels.load(CNN).energy(o -> o.exampleData(ExampleData.fromNpy(events)).simulate(1e-3));
    SpikeCounts counts = e.spikeCounts().orElseThrow();
    assertThat(counts.layer("1").spikes()).isGreaterThan(0.0);
    // The library's advice as the command line words it; T = 10 by the one timestep rule.
    assertThat(r[1])
        .isEqualTo(
            NeurojouleTest.inCliWords(
                () ->
                    e.summaryString(
                        o ->
                            o.columns(
                                    "name",
                                    "output_shape",
                                    "spikes",
                                    "synaptic_events",
                                    "energy loihi",
                                    "sim_energy loihi")
                                .dt(1e-3)
                                .lineLength(org.neurojoule.SummaryOptions.AUTO))));
    assertThat(r[1])
        .startsWith(
            "Layer (type)         |Output shape       |Spikes/inf|Events/inf|"
                + "J/inf (loihi)|Sim J/inf (loihi)\n");
    assertThat(r[1]).contains("Total simulated energy per inference [Joules/inf] (loihi): ");
  }

  @Test
  void eventsOfTheWrongLayout_nameTheModelsStepShape() throws IOException {
    Path events = events();
    String[] r =
        run(
            "summary", ROOT.resolve("nir/src/test/resources/nir/lif_norse.nir").toString(),
            "--example-data", events.toString());
    assertThat(r[0]).isNotEqualTo("0");
    assertThat(r[1]).isEmpty();
    assertThat(r[2])
        .isEqualTo(
            "neurojoule: example data (file "
                + events
                + ") has shape"
                + " (2, 10, 34, 34, 2), but the spiking simulation takes sequences (N, T, step...) of the model's step shape"
                + " (1): (N, T, 1)\n");
  }
}
