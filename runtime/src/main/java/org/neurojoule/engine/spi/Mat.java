package org.neurojoule.engine.spi;

/**
 * A float matrix buffer that a matrix multiply works on: on the Java heap or in native memory.
 *
 * <p>Implementation only: part of the engine's service-provider interface for {@link
 * NativeKernels}, not of NeuroJoule's API.
 */
public abstract class Mat implements AutoCloseable {
  /** For the engine's and a {@link NativeKernels} provider's buffers. */
  protected Mat() {}

  /** The number of floats. */
  public abstract long size();

  /** Copies {@code len} floats from {@code src[off...]} to this buffer at {@code at}. */
  public abstract void put(long at, float[] src, int off, int len);

  /** Copies {@code len} floats at {@code at} to {@code dst[off...]}. */
  public abstract void get(long at, float[] dst, int off, int len);

  /** The backing array for heap buffers (index = position), else null. */
  public float[] array() {
    return null;
  }

  /** Frees native memory; nothing for heap buffers. */
  @Override
  public void close() {}
}
