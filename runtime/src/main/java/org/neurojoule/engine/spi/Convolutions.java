package org.neurojoule.engine.spi;

/**
 * Makes native convolutions.
 *
 * <p>Implementation only: part of the engine's service-provider interface for {@link
 * NativeKernels}, not of NeuroJoule's API.
 */
@FunctionalInterface
public interface Convolutions {
  /**
   * A convolution of {@code shape} with Keras' kernel layout {@code (k..., inChannels / groups,
   * outChannels)}; for a depthwise one {@code (kh, kw, inChannels, multiplier)}, whose output
   * channel {@code c * multiplier + m} is group {@code c}'s channel {@code m}.
   */
  Convolution create(ConvolutionShape shape, float[] kernel);
}
