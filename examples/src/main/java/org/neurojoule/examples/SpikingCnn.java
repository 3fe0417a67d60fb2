package org.neurojoule.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import org.neurojoule.ExampleData;
import org.neurojoule.ModelEnergy;
import org.neurojoule.SummaryOptions;
import org.neurojoule.nir.NirModels;

/**
 * The NIR paper's N-MNIST network {@code cnn_sinabs.nir} on Loihi, SpiNNaker 2 and a GPU: energy
 * from the spikes and synaptic events the spiking simulation counts, beside KerasSpiking's
 * rate-based estimate. Run with the file's path, or from the project's root for the copy in
 * runtime's test resources.
 */
public final class SpikingCnn {
  /** Sequences and steps of the synthetic event data. */
  static final int SEQUENCES = 4;

  static final int STEPS = 50;

  /** Events per pixel, polarity and 1 ms step: seeded Bernoulli. */
  static final double EVENT_PROBABILITY = 0.05;

  static final double DT = 1e-3;

  private SpikingCnn() {}

  /**
   * Prints the table, or with {@code --write-events [FILE]} writes the events as a {@code .npy}
   * file for the command line's {@code --example-data}: to FILE, or without one to {@code
   * events.npy} in a new temporary directory, never into the working directory unasked.
   *
   * @param args the path of {@code cnn_sinabs.nir}, optional; or {@code --write-events [FILE]}
   * @throws IOException if the temporary directory cannot be made
   */
  public static void main(String[] args) throws IOException {
    ExampleLogging.eachWarningOnce(System.err);
    if (args.length >= 1 && args.length <= 2 && args[0].equals("--write-events")) {
      Path target = eventsFile(args.length == 2 ? Optional.of(Path.of(args[1])) : Optional.empty());
      events().toNpy(target);
      System.out.println(
          "wrote sequences ("
              + SEQUENCES
              + ", "
              + STEPS
              + ", 34, 34, 2), p = "
              + EVENT_PROBABILITY
              + " per pixel, polarity and step, to");
      // The path alone on the last line, so that a shell can take it: $(... | tail -1).
      System.out.println(target);
      return;
    }
    Path file = Path.of(args.length > 0 ? args[0] : "nir/src/test/resources/nir/cnn_sinabs.nir");
    System.out.print(table(file));
  }

  /**
   * {@return where {@code --write-events} writes: the file given, or {@code events.npy} in a new
   * temporary directory}
   *
   * @param given the file given on the command line, if any
   * @throws IOException if the temporary directory cannot be made
   */
  static Path eventsFile(Optional<Path> given) throws IOException {
    return given.isPresent()
        ? given.get()
        : Files.createTempDirectory("neurojoule-events").resolve("events.npy");
  }

  /** {@return the events: {@code (SEQUENCES, STEPS, 34, 34, 2)}, seed 1} */
  static ExampleData events() {
    Random r = new Random(1);
    float[] x = new float[SEQUENCES * STEPS * 34 * 34 * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble() < EVENT_PROBABILITY ? 1f : 0f;
    }
    return ExampleData.of(x, SEQUENCES, STEPS, 34, 34, 2);
  }

  /**
   * {@return the summary of {@code file} simulated on {@link #events()}: counted spikes and events,
   * rate-based and counted energy on loihi, spinnaker2 and gpu}
   *
   * @param file the path of {@code cnn_sinabs.nir}
   */
  static String table(Path file) {
    ModelEnergy energy = NirModels.load(file).energy(e -> e.exampleData(events()).simulate(DT));
    return energy.summaryString(
        o ->
            o.columns(
                    "name",
                    "spikes",
                    "synaptic_events",
                    "energy loihi",
                    "sim_energy loihi",
                    "energy spinnaker2",
                    "sim_energy spinnaker2",
                    "energy gpu",
                    "sim_energy gpu")
                .timestepsPerInference(STEPS)
                .dt(DT)
                .lineLength(SummaryOptions.AUTO)
                .printWarnings(false));
  }
}
