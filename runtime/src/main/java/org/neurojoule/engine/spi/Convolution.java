package org.neurojoule.engine.spi;

import java.nio.FloatBuffer;

/**
 * One native convolution with its weights: it convolves examples from its {@link #input()} buffer
 * into its {@link #output()} buffer, both channels last. The engine copies in, calls {@link
 * #execute} and copies out with its epilogue (bias, activation, |x| sums).
 *
 * <p>Implementation only: part of the engine's service-provider interface for {@link
 * NativeKernels}, not of NeuroJoule's API.
 */
public interface Convolution extends AutoCloseable {
  /** Allocates the buffers for up to {@code maxN} examples (again after {@link #close}). */
  void prepare(int maxN);

  /** The input buffer, {@code maxN} examples long, valid until {@link #close}. */
  FloatBuffer input();

  /** The output buffer, {@code maxN} examples long, valid until {@link #close}. */
  FloatBuffer output();

  /** Convolves the first {@code n} examples of the input into the output. */
  void execute(int n);

  /** Frees the native memory; {@link #prepare} makes it usable again. */
  @Override
  void close();
}
