package org.neurojoule.benchmarks;

import static org.neurojoule.layer.Padding.SAME;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.RateListener;
import org.neurojoule.Tensor;
import org.neurojoule.engine.EngineInfo;
import org.neurojoule.engine.FiringRates;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.DepthwiseConv2D;

/**
 * Throughput of the firing-rate pass (every layer's mean |input| over a streamed data set) on the
 * networks of tools/tf-bench, at several batch sizes, with this machine's matrix-multiply peak for
 * comparison. GFLOP/s counts 2 FLOPs per multiply-accumulate of Conv2D, DepthwiseConv2D and Dense
 * (as tf-bench does).
 *
 * <p>Then the public path: one {@code model.energy(e -> e.exampleData(data))} call on 32 and on 256
 * images, setup included, on a fresh model (its first call prepares the pass) and again on the same
 * model (the prepared pass is reused), each the median of at least {@code --public-reps} calls and
 * of at least 0.5 s of calls, after a second of untimed calls.
 *
 * <p>Options: {@code --nets=vgg9,lcrm_vgg9,alexnet,mnist --batches=1,8,32 --seconds=1.0
 * --public=32,256 --public-reps=3}.
 */
public final class RatesBenchmark {
  private RatesBenchmark() {}

  /** VGG9 of tf-bench: 224x224x1, six Conv2D with BN and ReLU, four max pools, three Dense. */
  public static Model vgg9() {
    Tensor x =
        Model.input(224, 224, 1)
            .conv2d(64, 11, c -> c.strides(4))
            .batchNormalization()
            .relu()
            .maxPooling2d(3, p -> p.strides(2));
    x =
        x.conv2d(128, 5, c -> c.padding(SAME))
            .batchNormalization()
            .relu()
            .maxPooling2d(3, p -> p.strides(2));
    x = x.conv2d(256, 3, c -> c.padding(SAME)).batchNormalization().relu();
    x = x.conv2d(256, 3, c -> c.padding(SAME)).batchNormalization().relu();
    x =
        x.conv2d(512, 3, c -> c.padding(SAME))
            .batchNormalization()
            .relu()
            .maxPooling2d(3, p -> p.strides(2));
    x =
        x.conv2d(512, 3, c -> c.padding(SAME))
            .batchNormalization()
            .relu()
            .maxPooling2d(3, p -> p.strides(2));
    x =
        x.flatten()
            .dense(1024, d -> d.activation(Activation.RELU))
            .dense(1024, d -> d.activation(Activation.RELU))
            .dense(100, d -> d.activation(Activation.SOFTMAX));
    return Model.of(x);
  }

  /** LCRM-VGG9 of tf-bench: two Conv2D and five DepthwiseConv2D with BN and ReLU. */
  public static Model lcrmVgg9() {
    Tensor x =
        Model.input(224, 224, 1)
            .conv2d(64, 11, c -> c.strides(4))
            .batchNormalization()
            .relu()
            .maxPooling2d(3, p -> p.strides(2));
    x = x.depthwiseConv2d(5, c -> c.depthMultiplier(2).padding(SAME));
    x =
        x.conv2d(128, 5, c -> c.padding(SAME))
            .batchNormalization()
            .relu()
            .maxPooling2d(3, p -> p.strides(2));
    x = x.depthwiseConv2d(3, c -> c.depthMultiplier(2).padding(SAME)).batchNormalization().relu();
    x = x.depthwiseConv2d(3, c -> c.padding(SAME)).batchNormalization().relu();
    x =
        x.depthwiseConv2d(3, c -> c.depthMultiplier(2).padding(SAME))
            .batchNormalization()
            .relu()
            .maxPooling2d(3, p -> p.strides(2));
    x =
        x.depthwiseConv2d(3, c -> c.padding(SAME))
            .batchNormalization()
            .relu()
            .maxPooling2d(3, p -> p.strides(2));
    x =
        x.flatten()
            .dense(1024, d -> d.activation(Activation.RELU))
            .dense(1024, d -> d.activation(Activation.RELU))
            .dense(62, d -> d.activation(Activation.SOFTMAX));
    return Model.of(x);
  }

  /** AlexNet of tf-bench: 227x227x3, five Conv2D (ReLU) each followed by BN, three max pools. */
  public static Model alexnet() {
    Tensor x =
        Model.input(227, 227, 3)
            .conv2d(96, 11, c -> c.strides(4).activation(Activation.RELU))
            .batchNormalization()
            .maxPooling2d(3, p -> p.strides(2));
    x =
        x.conv2d(256, 5, c -> c.padding(SAME).activation(Activation.RELU))
            .batchNormalization()
            .maxPooling2d(3, p -> p.strides(2));
    x = x.conv2d(384, 3, c -> c.padding(SAME).activation(Activation.RELU)).batchNormalization();
    x = x.conv2d(384, 3, c -> c.padding(SAME).activation(Activation.RELU)).batchNormalization();
    x =
        x.conv2d(256, 3, c -> c.padding(SAME).activation(Activation.RELU))
            .batchNormalization()
            .maxPooling2d(3, p -> p.strides(2));
    x =
        x.flatten()
            .dense(1024, d -> d.activation(Activation.RELU))
            .dense(1024, d -> d.activation(Activation.RELU))
            .dense(10, d -> d.activation(Activation.SOFTMAX));
    return Model.of(x);
  }

  /** The documentation's MNIST model. */
  public static Model mnist() {
    return Model.of(
        Model.input(28, 28, 1).conv2d(2, 7).relu().flatten().dense(128).relu().dense(10));
  }

  static Model network(String name) {
    return switch (name) {
      case "vgg9" -> vgg9();
      case "lcrm_vgg9" -> lcrmVgg9();
      case "alexnet" -> alexnet();
      case "mnist" -> mnist();
      default ->
          throw new IllegalArgumentException(
              "unknown network " + name + "; known: vgg9, lcrm_vgg9, alexnet, mnist");
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

  public static void main(String[] args) throws Exception {
    List<String> nets = List.of("mnist", "vgg9", "lcrm_vgg9", "alexnet");
    int[] batches = {1, 8, 32};
    int reps = 9;
    double repSeconds = 0.5;
    double warmupSeconds = 1.0;
    int warmupRuns = 3;
    boolean memory = true;
    int[] publicImages = {32, 256};
    int publicReps = 3;
    String out = null;
    for (String a : args) {
      String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
      if (a.startsWith("--nets=")) {
        nets = Arrays.asList(v.split(","));
      } else if (a.startsWith("--batches=")) {
        batches = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
      } else if (a.startsWith("--reps=")) {
        reps = Math.max(5, Integer.parseInt(v));
      } else if (a.startsWith("--rep-seconds=") || a.startsWith("--seconds=")) {
        repSeconds = Double.parseDouble(v);
      } else if (a.startsWith("--warmup-seconds=")) {
        warmupSeconds = Double.parseDouble(v);
      } else if (a.startsWith("--memory=")) {
        memory = Boolean.parseBoolean(v);
      } else if (a.startsWith("--public=")) {
        publicImages =
            v.isEmpty()
                ? new int[0]
                : Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
      } else if (a.startsWith("--public-reps=")) {
        publicReps = Math.max(1, Integer.parseInt(v));
      } else if (a.startsWith("--out=")) {
        out = v.isEmpty() ? null : v;
      } else {
        throw new IllegalArgumentException(
            "unknown option "
                + a
                + "; options:"
                + " --nets=mnist,vgg9,lcrm_vgg9,alexnet --batches=1,8,32 --reps=9 --rep-seconds=0.5"
                + " --warmup-seconds=1.0 --public=32,256 --public-reps=3 --memory=true"
                + " --out=results.json");
      }
    }
    boolean javaGemm = EngineInfo.gemm().equals("java");
    // The pure-Java multiply is some 10x slower: a smaller peak multiply keeps the run short.
    int peakSize = javaGemm ? 2048 : 4096;
    System.out.printf(
        Locale.ROOT,
        "engine: gemm=%s%s conv=%s (libgomp: %s) threads=%d java=%s max heap %d MB;"
            + " ISA limits %s%n",
        EngineInfo.gemm(),
        javaGemm ? " (" + EngineInfo.javaTile() + ")" : "",
        EngineInfo.conv(),
        EngineInfo.gompSpin(),
        EngineInfo.threads(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20,
        isaLimits());
    double peak = EngineInfo.gemmGflops(peakSize, true, 5);
    System.out.printf(
        Locale.ROOT, "PEAK sgemm %d^3 (%s): %.1f GFLOP/s%n", peakSize, EngineInfo.gemm(), peak);
    List<Map<String, Object>> results = new ArrayList<>();
    for (String net : nets) {
      Model model = network(net).initializeWeights(1);
      long macs = macs(model);
      System.out.printf(Locale.ROOT, "%s: %,d MACs per image%n", net, macs);
      int[] shape = model.inputs().get(0).shape().toArray();
      int per = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
      for (int batch : batches) {
        // As tf-bench: one cold run, warm-up of >= 3 runs and >= 1 s, then `reps` repetitions
        // of `iters` batches each (about `repSeconds` per repetition); the median counts. One
        // repetition is one FiringRates.of call streaming iters * batch examples, so it includes
        // building the pass (buffers, oneDNN primitives: ~40 ms for AlexNet); at least
        // MIN_BATCHES batches keep that a small share, as over a real data set, where tf-bench
        // builds its graph once and times Session.run alone.
        ExampleData one = data(batch, shape, per);
        resetPeaks();
        long t0 = System.nanoTime();
        FiringRates.of(model, one, batch, QUIET);
        double firstMs = (System.nanoTime() - t0) / 1e6;
        int warm = 0;
        long ws = System.nanoTime();
        ExampleData three = data(batch * 3, shape, per);
        while (warm < warmupRuns || System.nanoTime() - ws < warmupSeconds * 1e9) {
          FiringRates.of(model, three, batch, QUIET);
          warm += 3;
        }
        double perBatchS = (System.nanoTime() - ws) / 1e9 / warm;
        int iters = (int) Math.max(MIN_BATCHES, Math.round(repSeconds / perBatchS));
        ExampleData data = data(batch * iters, shape, per);
        double[] rates = new double[reps];
        for (int r = 0; r < reps; r++) {
          long s = System.nanoTime();
          FiringRates.of(model, data, batch, QUIET);
          rates[r] = (double) batch * iters / ((System.nanoTime() - s) / 1e9);
        }
        long heapPeak = heapPeak();
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double img = sorted[reps / 2];
        double gflops = img * macs * 2 / 1e9;
        System.out.printf(
            Locale.ROOT,
            "RESULT network=%-9s batch=%-2d img/s=%9.1f GFLOP/s=%7.1f %5.1f %% of peak"
                + "  peak heap %4d MB (median of %d reps x %d batches, min %.1f max %.1f,"
                + " first run %.0f ms)%n",
            net,
            batch,
            img,
            gflops,
            100 * gflops / peak,
            heapPeak >> 20,
            reps,
            iters,
            sorted[0],
            sorted[reps - 1],
            firstMs);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("network", net);
        row.put("batch", batch);
        row.put("img_per_s", img);
        row.put("gflops", gflops);
        row.put("img_per_s_min", sorted[0]);
        row.put("img_per_s_max", sorted[reps - 1]);
        row.put("img_per_s_reps", rates);
        row.put("iters_per_rep", iters);
        row.put("first_run_ms", firstMs);
        row.put("peak_heap_mb", heapPeak / 1048576.0);
        results.add(row);
      }
    }
    List<Map<String, Object>> publicPath = new ArrayList<>();
    for (String net : nets) {
      for (int images : publicImages) {
        publicPath.add(publicPath(net, images, publicReps));
      }
    }
    // A VM's neighbours can slow one measurement: measure the peak again and keep the higher.
    double again = EngineInfo.gemmGflops(peakSize, true, 5);
    double best = Math.max(peak, again);
    System.out.printf(
        Locale.ROOT,
        "peak %.1f GFLOP/s (%s, %d threads; measured %.1f before and %.1f after)%n",
        best,
        EngineInfo.gemm(),
        EngineInfo.threads(),
        peak,
        again);
    Map<String, Object> mem = memory ? memoryCheck() : null;
    if (out != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("harness", "neurojoule RatesBenchmark");
      doc.put("timestamp", java.time.Instant.now().toString());
      doc.put("gemm", EngineInfo.gemm());
      doc.put("conv", EngineInfo.conv());
      doc.put("libgomp", EngineInfo.gompSpin());
      doc.put("threads", EngineInfo.threads());
      doc.put("java_version", System.getProperty("java.version"));
      doc.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
      doc.put("isa_limits", isaLimits());
      doc.put("peak_gflops", best);
      doc.put("results", results);
      doc.put("public_path", publicPath);
      if (mem != null) {
        doc.put("memory", mem);
      }
      java.nio.file.Files.writeString(java.nio.file.Path.of(out), json(doc) + "\n");
      System.out.println("wrote " + out);
    }
  }

  /**
   * One {@code energy()} call with example data, as a user makes it (default batch size 32, setup
   * included): the median over {@code reps} fresh models of the first call, and over {@code reps}
   * further calls on one model, which reuse its prepared pass.
   */
  private static Map<String, Object> publicPath(String net, int images, int reps) {
    Model shapeOnly = network(net);
    int[] shape = shapeOnly.inputs().get(0).shape().toArray();
    int per = Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    ExampleData data = data(images, shape, per);
    // Untimed calls on models of their own for at least a second first, as tf-bench warms up, so
    // that class loading and the JIT are not counted.
    long warmEnd = System.nanoTime() + 1_000_000_000L;
    do {
      energySeconds(network(net).initializeWeights(1), data);
    } while (System.nanoTime() < warmEnd);
    // At least reps calls each, and at least half a second of them: a call on the MNIST model
    // takes about a millisecond, so three would measure the neighbours' noise.
    double[] first = timed(reps, () -> energySeconds(network(net).initializeWeights(1), data));
    Model model = network(net).initializeWeights(1);
    energySeconds(model, data);
    double[] again = timed(reps, () -> energySeconds(model, data));
    reps = Math.min(first.length, again.length);
    double firstS = first[first.length / 2];
    double againS = again[again.length / 2];
    System.out.printf(
        Locale.ROOT,
        "PUBLIC network=%-9s images=%-3d first call %7.1f img/s (%7.2f ms), repeated call %7.1f"
            + " img/s (%7.2f ms); median of %d calls each, energy(e -> e.exampleData(data))"
            + " batch 32%n",
        net,
        images,
        images / firstS,
        firstS * 1e3,
        images / againS,
        againS * 1e3,
        reps);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("network", net);
    row.put("images", images);
    row.put("first_call_img_per_s", images / firstS);
    row.put("first_call_ms", firstS * 1e3);
    row.put("repeated_call_img_per_s", images / againS);
    row.put("repeated_call_ms", againS * 1e3);
    row.put("reps", reps);
    return row;
  }

  /** {@return the sorted times of at least {@code reps} calls and at least 0.5 s of calls} */
  private static double[] timed(int reps, java.util.function.DoubleSupplier call) {
    List<Double> times = new ArrayList<>();
    double total = 0;
    while (times.size() < reps || (total < 0.5 && times.size() < 2_000)) {
      double t = call.getAsDouble();
      times.add(t);
      total += t;
    }
    return times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  private static double energySeconds(Model model, ExampleData data) {
    long s = System.nanoTime();
    model.energy(e -> e.exampleData(data).progress(QUIET.get()).logWarnings(false)).rates();
    return (System.nanoTime() - s) / 1e9;
  }

  /**
   * The instruction-set limits this run had: the oneDNN and OpenBLAS environment variables, and the
   * JIT's {@code -XX:UseAVX} (its default is the machine's best); and whether the Java heap is on
   * transparent huge pages.
   */
  private static Map<String, Object> isaLimits() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("onednn_max_cpu_isa", System.getenv("ONEDNN_MAX_CPU_ISA"));
    m.put("openblas_coretype", System.getenv("OPENBLAS_CORETYPE"));
    m.put("jvm_use_avx", vmOption("UseAVX"));
    m.put("jvm_transparent_huge_pages", vmOption("UseTransparentHugePages"));
    return m;
  }

  /** A HotSpot option's value, or null where this JVM has no such option. */
  private static String vmOption(String name) {
    try {
      return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
          .getVMOption(name)
          .getValue();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The fewest batches one repetition streams. */
  private static final int MIN_BATCHES = 8;

  private static final Optional<RateListener> QUIET = Optional.of((done, total, nanos) -> {});

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peak use since {@link #resetPeaks()} (garbage included). */
  private static long heapPeak() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /**
   * Rates of the MNIST model over 100 and over 10 000 MNIST-size examples streamed from .npy files,
   * batch 32: the largest live heap (after a full GC, sampled after every batch) and the pools'
   * peak use for each. A streaming pass keeps only a batch, so both should be equal.
   */
  private static Map<String, Object> memoryCheck() throws java.io.IOException {
    Model model = mnist().initializeWeights(1);
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("neurojoule-mem");
    Map<String, Object> mem = new LinkedHashMap<>();
    try {
      for (int n : new int[] {100, 10_000}) {
        java.nio.file.Path file = dir.resolve("mnist-" + n + ".npy");
        writeNpy(file, n, 28 * 28);
        ExampleData data = ExampleData.fromNpy(file);
        long[] live = {0};
        int[] calls = {0};
        MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        RateListener sampler =
            (done, total, nanos) -> {
              if (calls[0]++ % 4 == 0 || done == total) {
                System.gc();
                live[0] = Math.max(live[0], bean.getHeapMemoryUsage().getUsed());
              }
            };
        System.gc();
        long before = bean.getHeapMemoryUsage().getUsed();
        resetPeaks();
        long t0 = System.nanoTime();
        FiringRates.of(model, data, 32, Optional.of(sampler));
        double secs = (System.nanoTime() - t0) / 1e9;
        long peakPools = heapPeak();
        System.out.printf(
            Locale.ROOT,
            "MEMORY mnist %,6d examples (streamed from .npy, batch 32): live heap max %.1f MB"
                + " (%.1f MB before the pass), pools' peak %.1f MB, %.2f s with GC sampling%n",
            n,
            live[0] / 1048576.0,
            before / 1048576.0,
            peakPools / 1048576.0,
            secs);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("live_heap_max_mb", live[0] / 1048576.0);
        m.put("live_heap_before_mb", before / 1048576.0);
        m.put("pools_peak_mb", peakPools / 1048576.0);
        mem.put("mnist_" + n, m);
      }
    } finally {
      try (var files = java.nio.file.Files.list(dir)) {
        for (java.nio.file.Path f : files.toList()) {
          java.nio.file.Files.deleteIfExists(f);
        }
      }
      java.nio.file.Files.deleteIfExists(dir);
    }
    return mem;
  }

  /** A float32 .npy file of shape (n, 28, 28) with seeded uniform values, written in chunks. */
  private static void writeNpy(java.nio.file.Path file, int n, int per) throws java.io.IOException {
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", 28, 28), }";
    int total = 10 + header.length() + 1;
    int padded = (total + 63) / 64 * 64;
    StringBuilder h = new StringBuilder(header);
    while (10 + h.length() + 1 < padded) {
      h.append(' ');
    }
    h.append('\n');
    try (var os = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file))) {
      os.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
      os.write(h.length() & 0xff);
      os.write(h.length() >> 8);
      os.write(h.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      java.nio.ByteBuffer buf =
          java.nio.ByteBuffer.allocate(per * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      SplittableRandom r = new SplittableRandom(3);
      for (int i = 0; i < n; i++) {
        buf.clear();
        for (int j = 0; j < per; j++) {
          buf.putFloat((float) r.nextDouble());
        }
        os.write(buf.array());
      }
    }
  }

  /** A minimal JSON writer for maps, lists, numbers, strings, double[] and null. */
  private static String json(Object o) {
    if (o == null) {
      return "null";
    } else if (o instanceof Map<?, ?> m) {
      StringBuilder s = new StringBuilder("{");
      for (Map.Entry<?, ?> e : m.entrySet()) {
        s.append(s.length() > 1 ? ", " : "")
            .append(json(String.valueOf(e.getKey())))
            .append(": ")
            .append(json(e.getValue()));
      }
      return s.append('}').toString();
    } else if (o instanceof List<?> l) {
      StringBuilder s = new StringBuilder("[");
      for (Object x : l) {
        s.append(s.length() > 1 ? ",\n " : "").append(json(x));
      }
      return s.append(']').toString();
    } else if (o instanceof double[] d) {
      StringBuilder s = new StringBuilder("[");
      for (double x : d) {
        s.append(s.length() > 1 ? ", " : "").append(json(x));
      }
      return s.append(']').toString();
    } else if (o instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.4f", d);
    } else if (o instanceof Number || o instanceof Boolean) {
      return o.toString();
    }
    String str = o.toString();
    return "\"" + str.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
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
