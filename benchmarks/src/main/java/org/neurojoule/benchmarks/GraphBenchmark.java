package org.neurojoule.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/**
 * How long declaring a model takes as it grows: chains of dense and ReLU layers of several depths
 * (declared with the fluent methods, then {@code Model.of}, then estimated without example data)
 * and ResNet-50 declared, estimated and summarised. Each figure is the fastest of several runs
 * after a warm-up, in one JVM, so the ratios between depths are comparable.
 *
 * <p>Every case is timed three ways: declared (tensors and {@code Model.of}), declared and
 * estimated ({@code energy().totalEnergy}), and declared, estimated and both summaries printed to
 * strings.
 *
 * <p>Options: {@code --depths=1000,4000,10000 --reps=7}.
 */
public final class GraphBenchmark {
  private GraphBenchmark() {}

  /** A chain of {@code layers} layers after the input: dense(16) and relu alternating. */
  static Tensor chain(int layers) {
    Tensor x = Model.input(16);
    for (int i = 0; i < layers; i++) {
      x = i % 2 == 0 ? x.dense(16) : x.relu();
    }
    return x;
  }

  /** ResNet-50 as Keras Applications builds it (the fluent twin of the imported fixture). */
  static Model resNet50() {
    Tensor x =
        Model.input(224, 224, 3)
            .zeroPadding2d(3)
            .conv2d(64, 7, c -> c.strides(2))
            .batchNormalization()
            .activation(Activation.RELU)
            .zeroPadding2d(1)
            .maxPooling2d(3, p -> p.strides(2));
    int[][] stages = {{64, 3, 1}, {128, 4, 2}, {256, 6, 2}, {512, 3, 2}};
    for (int[] stage : stages) {
      int filters = stage[0];
      for (int block = 0; block < stage[1]; block++) {
        int stride = block == 0 ? stage[2] : 1;
        Tensor shortcut =
            block == 0 ? x.conv2d(4 * filters, 1, c -> c.strides(stride)).batchNormalization() : x;
        Tensor y =
            x.conv2d(filters, 1, c -> c.strides(stride))
                .batchNormalization()
                .activation(Activation.RELU)
                .conv2d(filters, 3, c -> c.padding(Padding.SAME))
                .batchNormalization()
                .activation(Activation.RELU)
                .conv2d(4 * filters, 1)
                .batchNormalization();
        x = Tensor.add(shortcut, y).activation(Activation.RELU);
      }
    }
    return Model.of(x.globalAveragePooling2d().dense(1000, d -> d.activation(Activation.SOFTMAX)));
  }

  /** A layer of dense(16) applied {@code times} times in a row: one layer, many nodes. */
  static Tensor reused(int times) {
    Tensor x = Model.input(16);
    org.neurojoule.Layer shared = x.dense(16).layer();
    Tensor y = x;
    for (int i = 0; i < times; i++) {
      y = shared.apply(y);
    }
    return y;
  }

  /**
   * Runs the cases and prints one line each: milliseconds (the fastest of the warm runs) to
   * declare, to declare and estimate, and to declare, estimate and print both summaries; the
   * chains' ratio is the declare time to the first chain's. The deepest chain is first timed once,
   * cold.
   *
   * @param args {@code --depths=...}, {@code --reps=N}
   */
  public static void main(String[] args) {
    int[] depths = {1000, 4000, 10000};
    int reps = 7;
    for (String a : args) {
      if (a.startsWith("--depths=")) {
        depths = Arrays.stream(a.substring(9).split(",")).mapToInt(Integer::parseInt).toArray();
      } else if (a.startsWith("--reps=")) {
        reps = Integer.parseInt(a.substring(7));
      } else {
        throw new IllegalArgumentException(
            "unknown option " + a + "; options: --depths=1000,4000,10000 --reps=7");
      }
    }
    int deepest = Arrays.stream(depths).max().orElse(0);
    long t0 = System.nanoTime();
    Model.of(chain(deepest)).energy().totalEnergy("cpu");
    System.out.printf(
        Locale.ROOT,
        "first call in this JVM: a chain of %d declared and estimated in" + " %.1f ms%n",
        deepest,
        (System.nanoTime() - t0) / 1e6);
    System.out.printf(
        "%-26s %11s %11s %11s %8s%n",
        "case (fastest, ms)", "declare", "+ estimate", "+ summaries", "ratio");
    double first = 0;
    for (int depth : depths) {
      final int d = depth;
      double declare = row("chain of " + depth, reps, () -> Model.of(chain(d)), first);
      first = first == 0 ? declare : first;
    }
    for (int depth : depths) {
      final int d = depth;
      row("one layer reused " + depth + "x", reps, () -> Model.of(reused(d)), 0);
    }
    row("resnet-50", Math.max(reps, 50), GraphBenchmark::resNet50, 0);
  }

  /** Prints one case's line; {@return its declare time} ({@code ratio} to {@code base}). */
  private static double row(String name, int reps, Supplier<Model> declare, double base) {
    double built = fastest(reps, () -> declare.get().layers().size());
    double estimated = fastest(reps, () -> declare.get().energy().totalEnergy("cpu") > 0 ? 1 : 0);
    double summarised =
        fastest(
            reps,
            () -> {
              Model m = declare.get();
              ModelEnergy e = m.energy();
              return m.summaryString().length() + e.summaryString().length();
            });
    System.out.printf(
        Locale.ROOT,
        "%-26s %11.3f %11.3f %11.3f %8s%n",
        name,
        built,
        estimated,
        summarised,
        base == 0 ? "" : String.format(Locale.ROOT, "%.2fx", built / base));
    return built;
  }

  /**
   * The fastest wall time of {@code reps} runs in milliseconds, after warm-up runs (at least {@code
   * reps} and 1 s): the machines are shared, and the fastest run is the one least disturbed.
   */
  private static double fastest(int reps, java.util.function.IntSupplier run) {
    long sink = run.getAsInt();
    long warmUntil = System.nanoTime() + 1_000_000_000L;
    for (int i = 1; i < reps || System.nanoTime() < warmUntil; i++) {
      sink += run.getAsInt();
    }
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < reps; i++) {
      long start = System.nanoTime();
      sink += run.getAsInt();
      times.add((System.nanoTime() - start) / 1e6);
    }
    if (sink == Long.MIN_VALUE) {
      System.out.println(sink); // keeps the runs from being optimised away
    }
    times.sort(null);
    return times.get(0);
  }
}
