package org.neurojoule.engine;

/** A float matrix buffer that a {@link Gemm} multiplies: on the Java heap or in native memory. */
abstract class Mat implements AutoCloseable {
  /** The number of floats. */
  abstract long size();

  /** Copies {@code len} floats from {@code src[off...]} to this buffer at {@code at}. */
  abstract void put(long at, float[] src, int off, int len);

  /** Copies {@code len} floats at {@code at} to {@code dst[off...]}. */
  abstract void get(long at, float[] dst, int off, int len);

  /** The backing array for heap buffers (index = position), else null. */
  float[] array() {
    return null;
  }

  @Override
  public void close() {}
}
