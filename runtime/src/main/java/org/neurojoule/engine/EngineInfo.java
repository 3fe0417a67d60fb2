package org.neurojoule.engine;

import org.neurojoule.engine.spi.Mat;
import org.neurojoule.engine.spi.NativeKernels;

/** Facts about the forward-pass engine for reports and benchmarks. */
public final class EngineInfo {
  private EngineInfo() {}

  /**
   * The matrix multiply in use: {@code openblas} (from {@code neurojoule-native}) or {@code java}
   * (the pure-Java core's own, also where no native kernels are on the class path).
   */
  public static String gemm() {
    return Gemm.best().name();
  }

  /**
   * The pure-Java multiply's innermost kernel: {@code vector N-bit} (the Java Vector API, when the
   * JVM runs with {@code --add-modules jdk.incubator.vector}) or {@code scalar}.
   */
  public static String javaTile() {
    return JavaGemm.INSTANCE.kernelName();
  }

  /** How convolutions run: {@code dnnl} (oneDNN) or {@code im2col} (im2col and the GEMM). */
  public static String conv() {
    return Gemm.best().dnnlConv() ? "dnnl" : "im2col";
  }

  /** Whether a provider of native kernels is on the class path (whether or not it loads). */
  public static boolean nativeKernelsPresent() {
    return Gemm.Natives.PROVIDER.isPresent();
  }

  /** libgomp's spin setting for oneDNN's threads, and where it comes from. */
  public static String gompSpin() {
    return Gemm.Natives.PROVIDER
        .map(NativeKernels::threadSetting)
        .orElse("libgomp's default (oneDNN not loaded)");
  }

  /** The number of engine threads. */
  public static int threads() {
    return Parallel.THREADS;
  }

  /**
   * Measures single-precision matrix multiply of n × n by n × n on the engine's native GEMM ({@code
   * nativeGemm}, when loaded) or the pure-Java one: GFLOP/s (2 n³ per multiply), median of {@code
   * reps} after one warm-up.
   */
  public static double gemmGflops(int n, boolean nativeGemm, int reps) {
    Gemm g = nativeGemm ? Gemm.best() : Gemm.java();
    java.util.SplittableRandom r = new java.util.SplittableRandom(0);
    float[] a = new float[n * n];
    float[] b = new float[n * n];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextDouble(-1, 1);
      b[i] = (float) r.nextDouble(-1, 1);
    }
    try (Mat ma = g.constant(a);
        Mat mb = g.constant(b);
        Mat mc = g.allocate((long) n * n)) {
      g.multiplyParallel(n, n, n, ma, 0, mb, mc, 0);
      double[] t = new double[reps];
      for (int i = 0; i < reps; i++) {
        long t0 = System.nanoTime();
        g.multiplyParallel(n, n, n, ma, 0, mb, mc, 0);
        t[i] = (System.nanoTime() - t0) / 1e9;
      }
      java.util.Arrays.sort(t);
      return 2.0 * n * n * (double) n / t[reps / 2] / 1e9;
    }
  }
}
