package org.neurojoule.engine.spi;

/**
 * The geometry of a convolution, channels last, for a {@link Convolutions} provider. The spatial
 * arrays have three entries (depth, height, width); a convolution of rank 1 or 2 uses the last one
 * or two, the others hold 1.
 *
 * <p>Implementation only: part of the engine's service-provider interface for {@link
 * NativeKernels}, not of NeuroJoule's API.
 *
 * @param rank 1, 2 or 3 spatial axes
 * @param in the input's spatial size per axis
 * @param out the output's spatial size per axis
 * @param kernel the kernel's taps per axis
 * @param strides the stride per axis
 * @param dilation the dilation per axis (1: none)
 * @param padBefore the padding before the first input position per axis
 * @param inChannels the input channels
 * @param outChannels the output channels
 * @param groups 1 for an ordinary convolution, {@code inChannels} for a depthwise one
 */
public record ConvolutionShape(
    int rank,
    int[] in,
    int[] out,
    int[] kernel,
    int[] strides,
    int[] dilation,
    int[] padBefore,
    int inChannels,
    int outChannels,
    int groups) {

  /** The number of output positions of one example. */
  public int outPixels() {
    return out[0] * out[1] * out[2];
  }

  /** The number of input floats of one example. */
  public long inSize() {
    return (long) in[0] * in[1] * in[2] * inChannels;
  }

  /** The number of output floats of one example. */
  public long outSize() {
    return (long) outPixels() * outChannels;
  }
}
