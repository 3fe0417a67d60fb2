package org.neurojoule.benchmarks;

import static org.neurojoule.Padding.SAME;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.neurojoule.Activation;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.engine.EngineInfo;
import org.neurojoule.engine.FiringRates;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.DepthwiseConv2D;

/**
 * Throughput of the firing-rate pass (every layer's mean |input| over a streamed data set) on the
 * networks of tools/tf-bench, at several batch sizes, with this machine's matrix-multiply peak for
 * comparison. GFLOP/s counts 2 FLOPs per multiply-accumulate of Conv2D, DepthwiseConv2D and Dense
 * (as tf-bench does).
 *
 * <p>Options: {@code --nets=vgg9,lcrm_vgg9,alexnet,mnist --batches=1,8,32 --seconds=1.0}.
 */
public final class RatesBenchmark {
  private RatesBenchmark() {}

  /** VGG9 of tf-bench: 224x224x1, six Conv2D with BN and ReLU, four max pools, three Dense. */
  public static Model vgg9() {
    Tensor x = Model.input(224, 224, 1)
        .conv2d(64, 11, c -> c.strides(4)).batchNormalization().relu()
        .maxPooling2d(3, p -> p.strides(2));
    x = x.conv2d(128, 5, c -> c.padding(SAME)).batchNormalization().relu()
        .maxPooling2d(3, p -> p.strides(2));
    x = x.conv2d(256, 3, c -> c.padding(SAME)).batchNormalization().relu();
    x = x.conv2d(256, 3, c -> c.padding(SAME)).batchNormalization().relu();
    x = x.conv2d(512, 3, c -> c.padding(SAME)).batchNormalization().relu()
        .maxPooling2d(3, p -> p.strides(2));
    x = x.conv2d(512, 3, c -> c.padding(SAME)).batchNormalization().relu()
        .maxPooling2d(3, p -> p.strides(2));
    x = x.flatten().dense(1024, d -> d.activation(Activation.RELU))
        .dense(1024, d -> d.activation(Activation.RELU))
        .dense(100, d -> d.activation(Activation.SOFTMAX));
    return Model.of(x);
  }

  /** LCRM-VGG9 of tf-bench: two Conv2D and five DepthwiseConv2D with BN and ReLU. */
  public static Model lcrmVgg9() {
    Tensor x = Model.input(224, 224, 1)
        .conv2d(64, 11, c -> c.strides(4)).batchNormalization().relu()
        .maxPooling2d(3, p -> p.strides(2));
    x = x.depthwiseConv2d(5, c -> c.depthMultiplier(2).padding(SAME));
    x = x.conv2d(128, 5, c -> c.padding(SAME)).batchNormalization().relu()
        .maxPooling2d(3, p -> p.strides(2));
    x = x.depthwiseConv2d(3, c -> c.depthMultiplier(2).padding(SAME)).batchNormalization().relu();
    x = x.depthwiseConv2d(3, c -> c.padding(SAME)).batchNormalization().relu();
    x = x.depthwiseConv2d(3, c -> c.depthMultiplier(2).padding(SAME)).batchNormalization().relu()
        .maxPooling2d(3, p -> p.strides(2));
    x = x.depthwiseConv2d(3, c -> c.padding(SAME)).batchNormalization().relu()
        .maxPooling2d(3, p -> p.strides(2));
    x = x.flatten().dense(1024, d -> d.activation(Activation.RELU))
        .dense(1024, d -> d.activation(Activation.RELU))
        .dense(62, d -> d.activation(Activation.SOFTMAX));
    return Model.of(x);
  }

  /** AlexNet of tf-bench: 227x227x3, five Conv2D (ReLU) each followed by BN, three max pools. */
  public static Model alexnet() {
    Tensor x = Model.input(227, 227, 3)
        .conv2d(96, 11, c -> c.strides(4).activation(Activation.RELU)).batchNormalization()
        .maxPooling2d(3, p -> p.strides(2));
    x = x.conv2d(256, 5, c -> c.padding(SAME).activation(Activation.RELU)).batchNormalization()
        .maxPooling2d(3, p -> p.strides(2));
    x = x.conv2d(384, 3, c -> c.padding(SAME).activation(Activation.RELU)).batchNormalization();
    x = x.conv2d(384, 3, c -> c.padding(SAME).activation(Activation.RELU)).batchNormalization();
    x = x.conv2d(256, 3, c -> c.padding(SAME).activation(Activation.RELU)).batchNormalization()
        .maxPooling2d(3, p -> p.strides(2));
    x = x.flatten().dense(1024, d -> d.activation(Activation.RELU))
        .dense(1024, d -> d.activation(Activation.RELU))
        .dense(10, d -> d.activation(Activation.SOFTMAX));
    return Model.of(x);
  }

  /** The documentation's MNIST model. */
  public static Model mnist() {
    return Model.of(Model.input(28, 28, 1).conv2d(2, 7).relu().flatten().dense(128).relu()
        .dense(10));
  }

  static Model network(String name) {
    return switch (name) {
      case "vgg9" -> vgg9();
      case "lcrm_vgg9" -> lcrmVgg9();
      case "alexnet" -> alexnet();
      case "mnist" -> mnist();
      default -> throw new IllegalArgumentException("unknown network " + name
          + "; known: vgg9, lcrm_vgg9, alexnet, mnist");
    };
  }

  /** Multiply-accumulates per example of Conv, DepthwiseConv2D and Dense layers. */
  public static long macs(Model model) {
    long total = 0;
    for (Tensor t : model.executionOrder()) {
      long out = 1;
      for (int d : t.shape().toArray()) {
        out *= d;
      }
      if (t.layer().spec() instanceof Conv c) {
        int cin = t.inputs().get(0).shape().get(-1);
        long k = 1;
        for (int s : c.kernelSize()) {
          k *= s;
        }
        total += out * k * cin;
      } else if (t.layer().spec() instanceof DepthwiseConv2D d) {
        total += out * d.kernelSize().get(0) * d.kernelSize().get(1);
      } else if (t.layer().spec() instanceof Dense) {
        total += out * t.inputs().get(0).shape().get(-1);
      }
    }
    return total;
  }

  public static void main(String[] args) {
    List<String> nets = List.of("vgg9", "lcrm_vgg9");
    int[] batches = {1, 8, 32};
    double seconds = 1.0;
    for (String a : args) {
      if (a.startsWith("--nets=")) {
        nets = Arrays.asList(a.substring(7).split(","));
      } else if (a.startsWith("--batches=")) {
        batches = Arrays.stream(a.substring(10).split(",")).mapToInt(Integer::parseInt).toArray();
      } else if (a.startsWith("--seconds=")) {
        seconds = Double.parseDouble(a.substring(10));
      } else {
        throw new IllegalArgumentException("unknown option " + a
            + "; options: --nets=vgg9,lcrm_vgg9,alexnet,mnist --batches=1,8,32 --seconds=1.0");
      }
    }
    System.out.printf(Locale.ROOT, "engine: gemm=%s threads=%d java=%s%n", EngineInfo.gemm(),
        EngineInfo.threads(), System.getProperty("java.version"));
    double peak = EngineInfo.gemmGflops(4096, true, 5);
    System.out.printf(Locale.ROOT, "PEAK sgemm 4096^3 (%s): %.1f GFLOP/s%n", EngineInfo.gemm(),
        peak);
    if (!EngineInfo.gemm().equals("java")) {
      System.out.printf(Locale.ROOT, "     sgemm 1024^3 (pure-Java fallback): %.1f GFLOP/s%n",
          EngineInfo.gemmGflops(1024, false, 3));
    }
    List<String> rows = new ArrayList<>();
    for (String net : nets) {
      Model model = network(net).initializeWeights(1);
      long macs = macs(model);
      System.out.printf(Locale.ROOT, "%s: %,d MACs per image%n", net, macs);
      int[] shape = model.inputs().get(0).shape().toArray();
      int per = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
      for (int batch : batches) {
        // Warm up (JIT, native buffers), then time passes over enough examples for `seconds`.
        ExampleData warm = data(batch * 3, shape, per);
        long t0 = System.nanoTime();
        FiringRates.of(model, warm, batch, Optional.empty());
        double warmRate = batch * 3 / ((System.nanoTime() - t0) / 1e9);
        FiringRates.of(model, warm, batch, Optional.empty());
        int batchesPerRep = (int) Math.max(1, Math.ceil(warmRate * seconds / batch));
        ExampleData data = data(batch * batchesPerRep, shape, per);
        double[] rates = new double[5];
        for (int r = 0; r < rates.length; r++) {
          long s = System.nanoTime();
          FiringRates.of(model, data, batch, Optional.empty());
          rates[r] = data.batchSize() / ((System.nanoTime() - s) / 1e9);
        }
        Arrays.sort(rates);
        double img = rates[rates.length / 2];
        double gflops = img * macs * 2 / 1e9;
        String row = String.format(Locale.ROOT,
            "RESULT %-9s batch %2d: %7.1f img/s  %6.1f GFLOP/s  %5.1f %% of peak  (min %.1f, max %.1f img/s)",
            net, batch, img, gflops, 100 * gflops / peak, rates[0], rates[rates.length - 1]);
        System.out.println(row);
        rows.add(row);
      }
    }
    // A VM's neighbours can slow one measurement: measure the peak again and keep the higher.
    double again = EngineInfo.gemmGflops(4096, true, 5);
    System.out.println();
    System.out.printf(Locale.ROOT,
        "peak %.1f GFLOP/s (%s, %d threads; measured %.1f before and %.1f after)%n",
        Math.max(peak, again), EngineInfo.gemm(), EngineInfo.threads(), peak, again);
    double best = Math.max(peak, again);
    for (String row : rows) {
      System.out.println(row.replaceAll("\\s+[0-9.]+ % of peak",
          String.format(Locale.ROOT, "  %5.1f %% of peak", 100 * gflopsOf(row) / best)));
    }
  }

  private static double gflopsOf(String row) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9.]+) GFLOP/s").matcher(row);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private static ExampleData data(int n, int[] shape, int per) {
    float[] v = new float[n * per];
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextDouble();
    }
    int[] full = new int[shape.length + 1];
    full[0] = n;
    System.arraycopy(shape, 0, full, 1, shape.length);
    return ExampleData.of(v, full);
  }
}
