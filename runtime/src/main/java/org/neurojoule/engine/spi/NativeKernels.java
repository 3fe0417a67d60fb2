package org.neurojoule.engine.spi;

/**
 * Native kernels for the forward pass, found through {@link java.util.ServiceLoader}: the engine
 * runs in pure Java when no implementation is on the class path or its libraries do not load. The
 * engine asks once, at its first pass; the system properties {@code neurojoule.gemm} ({@code java},
 * {@code native}) and {@code neurojoule.conv} ({@code gemm}, {@code dnnl}) still choose.
 *
 * <p>Implementation only: the engine's service-provider interface, implemented by the {@code
 * neurojoule-native} artifact; not part of NeuroJoule's API.
 */
public interface NativeKernels {
  /** Loads the native matrix multiply; throws (an exception or a linkage error) if it cannot. */
  MatrixMultiply loadMultiply();

  /** Loads the native convolutions; throws (an exception or a linkage error) if they cannot. */
  Convolutions loadConvolutions();

  /** How the native threads idle, for reports (libgomp's spin count and where it comes from). */
  String threadSetting();
}
