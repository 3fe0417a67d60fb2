package org.neurojoule.natives;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.neurojoule.engine.spi.EngineThreads;
import org.neurojoule.engine.spi.Mat;
import org.neurojoule.engine.spi.MatrixMultiply;

/** SGEMM by OpenBLAS (JavaCPP's {@code org.bytedeco:openblas}), on native buffers. */
final class OpenBlasMultiply implements MatrixMultiply {
  private static final int ROW_MAJOR = 101;
  private static final int NO_TRANS = 111;

  private OpenBlasMultiply() {}

  /** Loads the native library; throws if it cannot. */
  static OpenBlasMultiply load() {
    Loader.load(openblas.class);
    // The engine splits work across its own threads and calls OpenBLAS single-threaded from each:
    // OpenBLAS's own threads would spin between calls and starve the engine's other kernels.
    org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
    // A tiny multiply proves the symbols resolve before anyone relies on them.
    OpenBlasMultiply g = new OpenBlasMultiply();
    try (Mat a = g.constant(new float[] {1, 2, 3, 4});
        Mat b = g.constant(new float[] {5, 6, 7, 8});
        Mat c = g.allocate(4)) {
      g.multiply(2, 2, 2, a, 0, 2, b, 0, 2, c, 0, 2);
      float[] out = new float[4];
      c.get(0, out, 0, 4);
      if (out[0] != 19 || out[3] != 50) {
        throw new IllegalStateException(
            "OpenBLAS self-test gave " + java.util.Arrays.toString(out));
      }
    }
    return g;
  }

  @Override
  public String name() {
    return "openblas";
  }

  @Override
  public Mat allocate(long floats) {
    return new NativeMat(floats);
  }

  /** A buffer holding {@code values}, filled on the engine's threads. */
  Mat constant(float[] values) {
    Mat m = allocate(values.length);
    EngineThreads.forRange(
        values.length, 1 << 18, (from, to) -> m.put(from, values, from, to - from));
    return m;
  }

  @Override
  public void multiply(
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
    FloatPointer pa = new FloatPointer(((NativeMat) a).pointer).position(aOff);
    FloatPointer pb = new FloatPointer(((NativeMat) b).pointer).position(bOff);
    FloatPointer pc = new FloatPointer(((NativeMat) c).pointer).position(cOff);
    openblas.cblas_sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1f, pa, lda, pb, ldb, 0f, pc, ldc);
  }

  /** A native buffer with a direct {@link FloatBuffer} view for bulk copies. */
  static final class NativeMat extends Mat {
    final FloatPointer pointer;
    final FloatBuffer view;
    final long size;
    private final java.lang.ref.Cleaner.Cleanable free;

    NativeMat(long floats) {
      this.size = Math.max(1, floats);
      NativeFloats.Buffer buffer = NativeFloats.allocate(size);
      this.pointer = buffer.pointer();
      this.free = buffer.free();
      this.view = pointer.asBuffer();
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public void put(long at, float[] src, int off, int len) {
      view.put(Math.toIntExact(at), src, off, len);
    }

    @Override
    public void get(long at, float[] dst, int off, int len) {
      view.get(Math.toIntExact(at), dst, off, len);
    }

    @Override
    public void close() {
      free.clean();
    }
  }
}
