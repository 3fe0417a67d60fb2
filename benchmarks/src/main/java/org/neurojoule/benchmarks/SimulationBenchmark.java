package org.neurojoule.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurojoule.EnergyOptions;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.Reset;
import org.neurojoule.SpikeCounts;
import org.neurojoule.engine.SpikingSimulation;
import org.neurojoule.layer.Accounting;
import org.neurojoule.nir.NirModels;

/**
 * The spiking simulation's rate in sequences per second, JVM start-up and import excluded: loads a
 * NIR file and a {@code .npy} of sequences {@code (N, T, step...)}, simulates once to warm up, then
 * times {@code --reps} simulations of all N sequences in this process and prints the median rate
 * and the per-layer counts (totals over the sequences, for an exact comparison) as JSON.
 *
 * <pre>
 * java -cp ... org.neurojoule.benchmarks.SimulationBenchmark --model=cnn_sinabs.nir \
 *     --data=events.npy --dt=1e-3 [--reset=zero|subtract] [--reps=3] [--batch=auto|N] [--out=r.json]
 * </pre>
 */
public final class SimulationBenchmark {
  private SimulationBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args {@code --model=}, {@code --data=}, {@code --dt=} and optional {@code --reset=},
   *     {@code --reps=}, {@code --batch=}, {@code --out=}
   */
  public static void main(String[] args) {
    Path modelFile = null;
    Path dataFile = null;
    double dt = 1e-3;
    Reset reset = Reset.TO_V_RESET;
    int reps = 3;
    int batch = -1;
    Path out = null;
    for (String a : args) {
      String value = a.substring(a.indexOf('=') + 1);
      if (a.startsWith("--model=")) {
        modelFile = Path.of(value);
      } else if (a.startsWith("--data=")) {
        dataFile = Path.of(value);
      } else if (a.startsWith("--dt=")) {
        dt = Double.parseDouble(value);
      } else if (a.startsWith("--reset=")) {
        reset = "subtract".equals(value) ? Reset.SUBTRACT : Reset.TO_V_RESET;
      } else if (a.startsWith("--reps=")) {
        reps = Integer.parseInt(value);
      } else if (a.startsWith("--batch=")) {
        batch = "auto".equals(value) ? -1 : Integer.parseInt(value);
      } else if (a.startsWith("--out=")) {
        out = Path.of(value);
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    if (modelFile == null || dataFile == null) {
      throw new IllegalArgumentException("give --model=FILE.nir and --data=FILE.npy");
    }
    Model model = NirModels.load(modelFile);
    ExampleData data = ExampleData.fromNpy(dataFile);
    int sequences = data.shape()[0];
    if (batch < 1) {
      // As the estimate runs it: the default batch size, grown for small sequences.
      batch = SpikingSimulation.miniBatch(EnergyOptions.DEFAULT_BATCH_SIZE, data);
    }
    SpikeCounts counts = run(model, data, dt, reset, batch); // warm-up
    List<Double> rates = new ArrayList<>();
    for (int r = 0; r < reps; r++) {
      long start = System.nanoTime();
      counts = run(model, data, dt, reset, batch);
      rates.add(sequences / ((System.nanoTime() - start) / 1e9));
    }
    List<Double> sorted = new ArrayList<>(rates);
    Collections.sort(sorted);
    String json = json(modelFile, data, batch, sorted.get(sorted.size() / 2), rates, counts);
    System.out.println(json);
    if (out != null) {
      try {
        Files.writeString(out, json + "\n", StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static SpikeCounts run(Model model, ExampleData data, double dt, Reset reset, int batch) {
    return SpikingSimulation.simulate(model, data, dt, reset, batch, Accounting.COMPLETE).counts();
  }

  private static String json(
      Path model, ExampleData data, int batch, double median, List<Double> rates, SpikeCounts c) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "{\"model\": \"%s\", ", model.getFileName()));
    s.append(
        String.format(Locale.ROOT, "\"shape\": %s, ", java.util.Arrays.toString(data.shape())));
    s.append(String.format(Locale.ROOT, "\"batch\": %d, ", batch));
    s.append(String.format(Locale.ROOT, "\"seq_per_s\": %.3f, \"rates\": %s, ", median, rates));
    s.append("\"layers\": {");
    String sep = "";
    for (Map.Entry<String, SpikeCounts.Layer> e : c.layers().entrySet()) {
      // Totals over the sequences: per inference times N, an integer for 0/1 spikes.
      double spikes = e.getValue().spikes() * c.sequences();
      double events = e.getValue().synapticEvents() * c.sequences();
      s.append(
          String.format(
              Locale.ROOT,
              "%s\"%s\": {\"spikes\": %.1f, \"events\": %.1f}",
              sep,
              e.getKey(),
              spikes,
              events));
      sep = ", ";
    }
    return s.append("}}").toString();
  }
}
