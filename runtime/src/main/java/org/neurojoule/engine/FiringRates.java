package org.neurojoule.engine;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neurojoule.EnergyOptions;
import org.neurojoule.ExampleData;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.RateListener;
import org.neurojoule.Tensor;
import org.neurojoule.shape.Shape;

/**
 * Firing rates from example data: each layer's mean absolute input, from a streaming forward pass.
 *
 * <p>Mini-batches of the data flow through the model; every tensor's Σ|x| (in double) and element
 * count are added up on the fly, so memory depends on the batch size and the model, not on the
 * number of examples. A layer's rate is the mean |x| of all its inputs together, summed over the
 * applications of a reused layer (as KerasSpiking does); an input layer's rate is the mean |x| of
 * the data.
 *
 * <p>Rates do not depend on the batch size (up to double rounding). Values that do not fit in
 * float32 inside the network (|x| beyond {@code Float.MAX_VALUE}, or NaN) are an error naming the
 * first layer producing them, never an infinite or NaN rate. An error while running the model on
 * the data names the layer and the data's shape.
 */
public final class FiringRates {
  private FiringRates() {}

  /** The rate of every layer of {@code model} on {@code data}, with default batch size. */
  public static Map<Layer, Double> of(Model model, ExampleData data) {
    return of(model, data, EnergyOptions.DEFAULTS);
  }

  /**
   * The rate of every layer of {@code model} on {@code data}, with the options' batch size and
   * listener.
   */
  public static Map<Layer, Double> of(Model model, ExampleData data, EnergyOptions options) {
    return of(model, data, options.batchSize(), options.progress());
  }

  /**
   * The rates and the zero counts of every layer, from one pass over {@code data} with the options'
   * batch size and listener.
   */
  public static Measurement measure(Model model, ExampleData data, EnergyOptions options) {
    return measure(model, data, options.batchSize(), options.progress(), Gemm.best());
  }

  /**
   * What one pass over the example data gives each layer, in layer order.
   *
   * @param rates the firing rates
   * @param zeros the exact zeros among each layer's outputs and inputs
   */
  public record Measurement(Map<Layer, Double> rates, Map<Layer, ZeroCounts> zeros) {}

  /**
   * The rates, in mini-batches of {@code batchSize}; {@code listener} empty draws a bar on a
   * terminal.
   */
  public static Map<Layer, Double> of(
      Model model, ExampleData data, int batchSize, Optional<RateListener> listener) {
    return of(model, data, batchSize, listener, Gemm.best());
  }

  static Map<Layer, Double> of(
      Model model, ExampleData data, int batchSize, Optional<RateListener> listener, Gemm gemm) {
    return measure(model, data, batchSize, listener, gemm).rates();
  }

  /**
   * As {@link #measure(Model, ExampleData, EnergyOptions)}, reusing a pass prepared earlier in
   * {@code passes} for the same example shape, batch size and kernels, and keeping this one there.
   *
   * @param passes the model's prepared passes
   * @param weightsVersion the largest weights version of the model's layers: a pass prepared for
   *     another is not reused
   */
  public static Measurement measure(
      Model model,
      PreparedPasses passes,
      long weightsVersion,
      ExampleData data,
      EnergyOptions options) {
    return measure(
        model, passes, weightsVersion, data, options.batchSize(), options.progress(), Gemm.best());
  }

  static Measurement measure(
      Model model, ExampleData data, int batchSize, Optional<RateListener> listener, Gemm gemm) {
    return measure(model, null, 0, data, batchSize, listener, gemm);
  }

  /** One pass over the data; {@code passes} null prepares a pass for this call only. */
  static Measurement measure(
      Model model,
      PreparedPasses passes,
      long weightsVersion,
      ExampleData data,
      int batchSize,
      Optional<RateListener> listener,
      Gemm gemm) {
    int[] example = fit(model, data);
    int total = data.batchSize();
    int maxN = Math.max(1, Math.min(batchSize, total));
    RateListener progress = listener.orElseGet(() -> ProgressBar.forTerminal(total));
    long start = System.nanoTime();
    PreparedPasses.Key key = new PreparedPasses.Key(example, maxN, gemm, weightsVersion);
    Forward f =
        passes == null
            ? new Forward(model, example, maxN, gemm)
            : passes.acquire(key, () -> new Forward(model, example, maxN, gemm));
    boolean intact = false;
    try {
      for (int first = 0; first < total; first += maxN) {
        int n = Math.min(maxN, total - first);
        data.copyExamples(first, n, f.inputBuffer(), 0);
        f.run(n, first);
        progress.progress(first + n, total, System.nanoTime() - start);
      }
      Measurement m = new Measurement(rates(model, f), zeros(model, f));
      if (Forward.PROFILE) {
        f.printProfile();
      }
      intact = true;
      return m;
    } finally {
      if (passes == null) {
        f.close();
      } else {
        // A pass that failed half-way is not trusted again.
        passes.release(key, f, intact);
      }
      if (progress instanceof ProgressBar bar) {
        bar.finish();
      }
    }
  }

  static Map<Layer, Double> rates(Model model, Forward f) {
    Map<Layer, Double> rates = new LinkedHashMap<>();
    for (Layer layer : model.layers()) {
      // As the reference: the mean |x| of each application's inputs (all of them together),
      // summed over the applications of a reused layer.
      double rate = 0;
      for (Tensor app : model.applications(layer)) {
        List<Tensor> read = layer.spec().isInput() ? List.of(app) : app.inputs();
        double sum = 0;
        long count = 0;
        for (Tensor in : read) {
          sum += f.absSum(in);
          count += f.count(in);
        }
        rate += count == 0 ? Double.NaN : sum / count;
      }
      rates.put(layer, rate);
    }
    return rates;
  }

  /**
   * Each layer's zeros: among its outputs, and among what it reads (an input layer reads the data,
   * which is its output), pooled over inputs and applications.
   */
  static Map<Layer, ZeroCounts> zeros(Model model, Forward f) {
    Map<Layer, ZeroCounts> zeros = new LinkedHashMap<>();
    for (Layer layer : model.layers()) {
      ZeroCounts c = ZeroCounts.NONE;
      for (Tensor app : model.applications(layer)) {
        List<Tensor> read = layer.spec().isInput() ? List.of(app) : app.inputs();
        long inZeros = 0;
        long inValues = 0;
        for (Tensor in : read) {
          inZeros += f.zeros(in);
          inValues += f.count(in);
        }
        c = c.plus(new ZeroCounts(f.zeros(app), f.count(app), inZeros, inValues));
      }
      zeros.put(layer, c);
    }
    return zeros;
  }

  /**
   * The shape of one example as the model takes it: the data's, with a trailing 1 when it has one
   * dimension fewer than the model input.
   *
   * @throws IllegalArgumentException naming the data's source and both shapes if they do not fit
   */
  static int[] fit(Model model, ExampleData data) {
    if (model.inputs().size() != 1) {
      throw new IllegalArgumentException(
          "example data gives one input, but the model has " + model.inputs().size() + " inputs");
    }
    Shape expected = model.inputs().get(0).shape();
    int[] shape = data.shape();
    int[] example = Arrays.copyOfRange(shape, 1, shape.length);
    if (example.length == expected.rank() - 1) {
      example = Arrays.copyOf(example, example.length + 1);
      example[example.length - 1] = 1;
    }
    boolean fits = example.length == expected.rank();
    for (int i = 0; fits && i < example.length; i++) {
      fits = expected.get(i) == Shape.NONE || expected.get(i) == example[i];
    }
    if (!fits) {
      throw new IllegalArgumentException(
          "example data ("
              + data.source()
              + ") has shape "
              + pyShape(shape)
              + ", but the model input expects "
              + expected.toKerasString()
              + " (batch first; data with one dimension fewer gets a trailing 1)"
              + misfit(example, expected)
              + channelsFirstHint(Arrays.copyOfRange(shape, 1, shape.length), expected));
    }
    return example;
  }

  /**
   * A hint when the data is the model's input with its last axis moved first, as PyTorch's NCHW
   * data is: the transpose that fixes it.
   */
  private static String channelsFirstHint(int[] example, Shape expected) {
    if (example.length < 2 || example.length != expected.rank()) {
      return "";
    }
    for (int i = 0; i < example.length; i++) {
      int moved = example[(i + 1) % example.length];
      if (expected.get(i) != Shape.NONE && expected.get(i) != moved) {
        return "";
      }
    }
    return "; the data looks channels-first (PyTorch's NCHW), the model is channels-last:"
        + " transpose it with ExampleData.channelsFirstToLast() (on the command line,"
        + " --data-layout nchw)";
  }

  /** Which dimension does not fit, when the ranks agree: the data's axis counted batch first. */
  private static String misfit(int[] example, Shape expected) {
    if (example.length != expected.rank()) {
      return ": "
          + (example.length + 1)
          + " dimensions given, "
          + (expected.rank() + 1)
          + " expected";
    }
    for (int i = 0; i < example.length; i++) {
      if (expected.get(i) != Shape.NONE && expected.get(i) != example[i]) {
        return ": dimension "
            + (i + 1)
            + " is "
            + example[i]
            + ", the model declares "
            + expected.get(i);
      }
    }
    return "";
  }

  private static String pyShape(int[] shape) {
    StringBuilder s = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      s.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return s.append(shape.length == 1 ? ",)" : ")").toString();
  }
}
