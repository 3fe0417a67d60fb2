package org.neurojoule.engine;

import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import org.neurojoule.engine.spi.Convolutions;
import org.neurojoule.engine.spi.Mat;
import org.neurojoule.engine.spi.NativeKernels;

/**
 * Single-precision matrix multiplication {@code C = A · B}, row-major and contiguous ({@code A} is
 * m × k, {@code B} k × n, {@code C} m × n), on buffers it allocates.
 *
 * <p>{@link #best()} is the native multiply of a {@link NativeKernels} provider (OpenBLAS, from the
 * {@code neurojoule-native} artifact) when one is on the class path and loads, else {@link
 * JavaGemm}, a blocked, multithreaded pure-Java kernel giving the same results up to float
 * rounding. The system property {@code neurojoule.gemm} = {@code java} or {@code native} forces
 * one. The provider is looked up once, like the choice.
 */
abstract class Gemm {
  private static final Logger LOG = Logger.getLogger(Gemm.class.getName());
  private static volatile Gemm best;

  /** A name for reports: {@code openblas} or {@code java}. */
  abstract String name();

  /**
   * Whether convolutions run on oneDNN ({@link NativeConv}) rather than im2col and this multiply.
   */
  boolean dnnlConv() {
    return convolutions() != null;
  }

  /** The native convolutions when they run beside this multiply, else null. */
  Convolutions convolutions() {
    return null;
  }

  /** This multiply without the oneDNN convolutions. */
  Gemm plain() {
    return this;
  }

  /**
   * Whether convolutions with at most {@link NarrowConv#MAX_OUTPUTS} filters run on {@link
   * NarrowConv}, as they do by default, rather than on the general path.
   */
  boolean narrowConv() {
    return true;
  }

  /** This multiply with every convolution on the general path, so tests can cover that path. */
  Gemm wide() {
    return new Wide(this);
  }

  /** A buffer of {@code floats} floats (contents undefined). */
  abstract Mat allocate(long floats);

  /**
   * {@code C[cOff ...] = A[aOff ...] · B}: A is m × k (row stride k), B k × n, C m × n (row stride
   * n), on the calling thread only.
   */
  void multiply(int m, int n, int k, Mat a, long aOff, Mat b, Mat c, long cOff) {
    multiply(m, n, k, a, aOff, k, b, 0, n, c, cOff, n);
  }

  /** {@code C = A · B} with row strides: A m × k, B k × n, C m × n; on the calling thread only. */
  abstract void multiply(
      int m,
      int n,
      int k,
      Mat a,
      long aOff,
      int lda,
      Mat b,
      long bOff,
      int ldb,
      Mat c,
      long cOff,
      int ldc);

  /** {@code C = A · B} (contiguous) split across the engine's threads, by rows or by columns. */
  void multiplyParallel(int m, int n, int k, Mat a, long aOff, Mat b, Mat c, long cOff) {
    if ((long) m * n * k < 1 << 18 || Parallel.THREADS == 1) {
      multiply(m, n, k, a, aOff, b, c, cOff);
    } else if (m >= 64 * Parallel.THREADS) {
      Parallel.forRange(
          m,
          16,
          (from, to) ->
              multiply(
                  to - from,
                  n,
                  k,
                  a,
                  aOff + (long) from * k,
                  k,
                  b,
                  0,
                  n,
                  c,
                  cOff + (long) from * n,
                  n));
    } else {
      Parallel.forRange(
          n,
          16,
          (from, to) -> multiply(m, to - from, k, a, aOff, k, b, from, n, c, cOff + from, n));
    }
  }

  /** A buffer holding {@code values}. */
  Mat constant(float[] values) {
    Mat m = allocate(values.length);
    // In parallel: most of copying into fresh memory is the system mapping its pages.
    Parallel.forRange(values.length, 1 << 18, (from, to) -> m.put(from, values, from, to - from));
    return m;
  }

  /** The pure-Java implementation. */
  static Gemm java() {
    return JavaGemm.INSTANCE;
  }

  /** The fastest implementation that loads here; says once on the log if it falls back. */
  static Gemm best() {
    Gemm g = best;
    if (g == null) {
      synchronized (Gemm.class) {
        g = best;
        if (g == null) {
          g = choose();
          best = g;
        }
      }
    }
    return g;
  }

  private static Gemm choose() {
    String forced = System.getProperty("neurojoule.gemm", "").trim().toLowerCase();
    Optional<NativeKernels> natives = Natives.PROVIDER;
    Gemm g;
    if (natives.isEmpty() && !forced.equals("native")) {
      // The pure-Java core on its own: a choice, not a failure, so no warning.
      LOG.fine(
          "NeuroJoule: no native kernels on the class path (neurojoule-native);"
              + " using the pure-Java matrix multiply");
      g = java();
    } else {
      g = choose(forced, () -> new ProvidedGemm(Natives.require().loadMultiply()), LOG);
    }
    String conv = System.getProperty("neurojoule.conv", "").trim().toLowerCase();
    return withConv(g, conv, () -> Natives.require().loadConvolutions(), LOG);
  }

  /** The {@link NativeKernels} provider on the class path, looked up once. */
  static final class Natives {
    static final Optional<NativeKernels> PROVIDER = find();

    private Natives() {}

    private static Optional<NativeKernels> find() {
      try {
        return ServiceLoader.load(NativeKernels.class, NativeKernels.class.getClassLoader())
            .findFirst();
      } catch (ServiceConfigurationError e) {
        LOG.warning(
            "NeuroJoule: the native kernels could not be set up ("
                + e
                + "); using the pure-Java matrix multiply");
        return Optional.empty();
      }
    }

    /** The provider; throws if there is none, which the choice reports as natives not loading. */
    static NativeKernels require() {
      return PROVIDER.orElseThrow(
          () ->
              new IllegalStateException(
                  "no native kernels on the class path (add org.neurojoule:neurojoule-native)"));
    }
  }

  /** Loads oneDNN. */
  @FunctionalInterface
  interface ConvLoader {
    Convolutions load() throws Exception;
  }

  /**
   * {@code g} with oneDNN convolutions when they load: {@code conv} = {@code gemm} (never), {@code
   * dnnl} (fail rather than fall back) or anything else (auto: only beside a native multiply, since
   * the pure-Java path is the fallback for when natives do not load).
   */
  static Gemm withConv(Gemm g, String conv, ConvLoader loader, Logger log) {
    if (conv.equals("gemm") || (!conv.equals("dnnl") && g == java())) {
      return g;
    }
    try {
      return new DnnlGemm(g, loader.load());
    } catch (Exception | LinkageError cause) {
      if (conv.equals("dnnl")) {
        throw new IllegalStateException(
            "neurojoule.conv=dnnl but oneDNN did not load: " + cause, cause);
      }
      log.warning(
          "NeuroJoule: oneDNN did not load ("
              + cause
              + "); convolutions use im2col and "
              + g.name()
              + " (same results)");
      return g;
    }
  }

  /** {@code inner}'s multiply with a different choice of convolution kernels. */
  abstract static class Decorated extends Gemm {
    final Gemm inner;

    Decorated(Gemm inner) {
      this.inner = inner;
    }

    @Override
    Convolutions convolutions() {
      return inner.convolutions();
    }

    @Override
    boolean narrowConv() {
      return inner.narrowConv();
    }

    @Override
    String name() {
      return inner.name();
    }

    @Override
    Mat allocate(long floats) {
      return inner.allocate(floats);
    }

    @Override
    void multiply(
        int m,
        int n,
        int k,
        Mat a,
        long aOff,
        int lda,
        Mat b,
        long bOff,
        int ldb,
        Mat c,
        long cOff,
        int ldc) {
      inner.multiply(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    @Override
    void multiplyParallel(int m, int n, int k, Mat a, long aOff, Mat b, Mat c, long cOff) {
      inner.multiplyParallel(m, n, k, a, aOff, b, c, cOff);
    }
  }

  /** A multiply whose convolutions run on oneDNN; the multiply itself is {@code inner}'s. */
  static final class DnnlGemm extends Decorated {
    private final Convolutions convolutions;

    DnnlGemm(Gemm inner, Convolutions convolutions) {
      super(inner);
      this.convolutions = convolutions;
    }

    @Override
    Convolutions convolutions() {
      return convolutions;
    }

    @Override
    Gemm plain() {
      return inner;
    }
  }

  /** {@code inner} without {@link NarrowConv}. */
  static final class Wide extends Decorated {
    Wide(Gemm inner) {
      super(inner);
    }

    @Override
    boolean narrowConv() {
      return false;
    }

    @Override
    public String toString() {
      return inner.name() + (inner.dnnlConv() ? " with oneDNN" : "") + ", no narrow kernel";
    }
  }

  /** Loads a native implementation. */
  @FunctionalInterface
  interface NativeLoader {
    Gemm load() throws Exception;
  }

  /**
   * {@code native} when it loads, else pure Java with one warning on {@code log}; {@code forced} is
   * {@code java}, {@code native} (fail rather than fall back) or anything else (auto).
   */
  static Gemm choose(String forced, NativeLoader nativeGemm, Logger log) {
    if (forced.equals("java")) {
      return java();
    }
    try {
      return nativeGemm.load();
    } catch (Exception | LinkageError cause) {
      if (forced.equals("native")) {
        throw new IllegalStateException(
            "neurojoule.gemm=native but OpenBLAS did not load: " + cause, cause);
      }
      log.warning(
          "NeuroJoule: native OpenBLAS did not load ("
              + cause
              + "); using the slower pure-Java matrix multiply (same results)");
      return java();
    }
  }
}
