package org.neurojoule.engine;

import java.nio.FloatBuffer;
import org.neurojoule.engine.spi.Convolution;
import org.neurojoule.engine.spi.ConvolutionShape;
import org.neurojoule.engine.spi.Convolutions;

/**
 * A convolution on a native provider's kernel (oneDNN's direct convolution), channels last in and
 * out. The native library runs on its own threads; the epilogue (bias, activation, fused layers,
 * |x| sums) then runs on the engine's threads while copying the output back, so firing rates stay
 * exact.
 */
final class NativeConv implements AutoCloseable {
  /** Rows of the output per epilogue step. */
  private static final int BLOCK_ROWS = 64;

  /**
   * With profiling: nanoseconds copying in (wall), convolving (wall), and copying out with the
   * epilogue (summed over threads).
   */
  static final long[] PHASES = new long[3];

  private final Convolution conv;
  private final long inSize;
  private final int outPixels;
  private final int cout;

  NativeConv(Convolutions natives, int rank, Window w, int cin, int cout, float[] kernel) {
    this(natives, rank, w, cin, cout, 1, kernel);
  }

  /**
   * A convolution in {@code groups} groups: 1 for Conv1D/2D/3D with Keras' {@code (k..., cin,
   * cout)} kernel, {@code cin} for DepthwiseConv2D with Keras' {@code (kh, kw, cin, dm)} kernel,
   * else a grouped Conv's {@code (k..., cin / groups, cout)} kernel.
   */
  NativeConv(
      Convolutions natives, int rank, Window w, int cin, int cout, int groups, float[] kernel) {
    ConvolutionShape shape =
        new ConvolutionShape(
            rank,
            w.in.clone(),
            w.out.clone(),
            w.k.clone(),
            w.s.clone(),
            w.d.clone(),
            w.pad.clone(),
            cin,
            cout,
            groups);
    this.conv = natives.create(shape, kernel);
    this.inSize = shape.inSize();
    this.outPixels = w.outPixels();
    this.cout = cout;
  }

  /**
   * Allocates buffers for up to {@code maxN} examples and builds the primitive for {@code maxN}.
   */
  void prepare(int maxN) {
    conv.prepare(maxN);
  }

  /** Convolves {@code n} examples of {@code x} into {@code out}, then applies {@code epi}. */
  void run(int n, float[] x, float[] out, Epilogue epi) {
    FloatBuffer in = conv.input();
    FloatBuffer result = conv.output();
    int inLen = Math.toIntExact(n * inSize);
    long t0 = Forward.PROFILE ? System.nanoTime() : 0;
    Parallel.forRange(inLen, 4096, (from, to) -> in.put(from, x, from, to - from));
    long t1 = Forward.PROFILE ? System.nanoTime() : 0;
    conv.execute(n);
    long t2 = Forward.PROFILE ? System.nanoTime() : 0;
    int rows = n * outPixels;
    if (epi == null) {
      int len = rows * cout;
      Parallel.forRange(len, 4096, (from, to) -> result.get(from, out, from, to - from));
      return;
    }
    Parallel.forRange(
        rows,
        BLOCK_ROWS,
        (from, to) -> {
          double[] sums = epi.newSums();
          long a = Forward.PROFILE ? System.nanoTime() : 0;
          epi.process(result, from * cout, out, from * cout, to - from, cout, sums);
          epi.merge(sums);
          if (Forward.PROFILE) {
            synchronized (PHASES) {
              PHASES[2] += System.nanoTime() - a;
            }
          }
        });
    if (Forward.PROFILE) {
      synchronized (PHASES) {
        PHASES[0] += t1 - t0;
        PHASES[1] += t2 - t1;
      }
    }
  }

  @Override
  public void close() {
    conv.close();
  }
}
