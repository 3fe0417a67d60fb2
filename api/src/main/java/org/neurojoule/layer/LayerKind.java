package org.neurojoule.layer;

import java.util.Locale;

/**
 * What a layer does, for a comparison's breakdown of where a model's energy goes. Each spec gives
 * its own with {@link LayerSpec#layerKind()}. A layer with a fused {@code activation} counts under
 * its own kind (a {@code Conv2D} with {@code relu} is a convolution, neuron energy included);
 * {@code TimeDistributed(x)} is the kind of {@code x}.
 */
public enum LayerKind {
  /** {@code Conv1D/2D/3D} and their transposes. */
  CONVOLUTION,
  /**
   * {@code DepthwiseConv2D} and {@code SeparableConv2D}, whose pointwise part is not split off: a
   * separable layer is one layer, and what makes it cheap is its depthwise structure.
   */
  DEPTHWISE,
  /** {@code Dense}. */
  DENSE,
  /** Max and average pooling, global ones included. */
  POOLING,
  /** Activation layers: {@code ReLU}, {@code Activation}, {@code Softmax}, ... */
  ACTIVATIONS,
  /**
   * Layers of spiking neurons, which integrate their input and emit spikes: KerasSpiking's {@code
   * SpikingActivation} and NIR's {@code LIF}, {@code IF}, {@code CubaLIF} and the like, apart from
   * ordinary activations so that a network and its spiking conversion compare kind by kind.
   */
  SPIKING_NEURONS,
  /**
   * Everything else: recurrent, normalization, merging, reshaping, the product of two activations
   * ({@code MatMul}), custom layers.
   */
  OTHER;

  /** {@return the kind in lower case, as tables and exports name it: {@code convolution}} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * {@return the kind of a layer: its {@link LayerSpec#layerKind()}}
   *
   * @param spec the layer's specification
   */
  public static LayerKind of(LayerSpec spec) {
    return spec.layerKind();
  }
}
