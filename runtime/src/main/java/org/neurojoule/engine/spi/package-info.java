/**
 * The engine's service-provider interface for native kernels ({@link
 * org.neurojoule.engine.spi.NativeKernels}): implementation only, for the {@code neurojoule-native}
 * artifact. Not part of NeuroJoule's API; it changes without notice.
 */
package org.neurojoule.engine.spi;
