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
import org.neurojoule.Reset;
import org.neurojoule.SpikeCounts;
import org.neurojoule.nir.NirModels;

/** {@code --reset zero|subtract}: the spiking simulation's rule after a spike. */
class ResetOptionTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path CNN = ROOT.resolve("nir/src/test/resources/nir/cnn_sinabs.nir");
  @TempDir Path dir;

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Neurojoule.run(new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  /** Seeded Bernoulli(0.3) events of shape {@code (2, 6, 34, 34, 2)}: dense enough to saturate. */
  private Path events() throws IOException {
    int n = 2 * 6 * 34 * 34 * 2;
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 6, 34, 34, 2), }";
    String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93)
        .put("NUMPY".getBytes(StandardCharsets.US_ASCII))
        .put((byte) 1)
        .put((byte) 0)
        .putShort((short) header.length())
        .put(header.getBytes(StandardCharsets.US_ASCII));
    Random r = new Random(26);
    for (int i = 0; i < n; i++) {
      b.putFloat(r.nextDouble() < 0.3 ? 1f : 0f);
    }
    return Files.write(dir.resolve("events.npy"), b.array());
  }

  private static ModelEnergy simulated(Path events, Reset reset) {
    return NirModels.load(CNN)
        .energy(o -> o.exampleData(ExampleData.fromNpy(events)).simulate(1e-3).reset(reset));
  }

  private static String summary(ModelEnergy e) {
    return e.summaryString(
        o ->
            o.columns(
                    "name",
                    "output_shape",
                    "spikes",
                    "synaptic_events",
                    "energy loihi",
                    "sim_energy loihi")
                .dt(1e-3));
  }

  @Test
  void eachReset_printsTheCountsOfThatRule() throws IOException {
    Path events = events();
    ModelEnergy zero = simulated(events, Reset.TO_V_RESET);
    ModelEnergy subtract = simulated(events, Reset.SUBTRACT);
    SpikeCounts z = zero.spikeCounts().orElseThrow();
    SpikeCounts s = subtract.spikeCounts().orElseThrow();
    // Subtracting keeps what a spike did not use, so a strongly driven IF layer spikes more.
    assertThat(s.layer("1").spikes()).isGreaterThan(z.layer("1").spikes());

    String[] byDefault = run("summary", CNN.toString(), "--example-data", events.toString());
    String[] zeroRun =
        run("summary", CNN.toString(), "--example-data", events.toString(), "--reset", "zero");
    String[] subtractRun =
        run("summary", CNN.toString(), "--example-data", events.toString(), "--reset", "SUBTRACT");
    assertThat(zeroRun[2]).isEmpty();
    assertThat(subtractRun[2]).isEmpty();
    // The API's summary in the command line's words; timesteps are the data's T = 6 in both.
    assertThat(zeroRun[1]).isEqualTo(NeurojouleTest.inCliWords(() -> summary(zero)));
    assertThat(byDefault[1]).isEqualTo(zeroRun[1]);
    assertThat(subtractRun[1]).isEqualTo(NeurojouleTest.inCliWords(() -> summary(subtract)));
    assertThat(subtractRun[1]).isNotEqualTo(zeroRun[1]);
  }

  @Test
  void anUnknownReset_isAUsageErrorListingTheChoices() {
    String[] r = run("summary", CNN.toString(), "--reset", "half");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2])
        .contains(
            "Invalid value for option '--reset': 'half' is not a reset of the spiking simulation;"
                + " use zero or subtract");
  }
}
