/**
 * NeuroJoule's native kernels ({@code neurojoule-native}): OpenBLAS's matrix multiply and oneDNN's
 * convolutions through JavaCPP, found by the engine through its service-provider interface {@link
 * org.neurojoule.engine.spi.NativeKernels}. Implementation only: with this artifact on the class
 * path the forward pass uses them where they load; without it, the pure-Java engine of {@code
 * neurojoule-runtime} gives the same results, slower.
 */
package org.neurojoule.natives;
