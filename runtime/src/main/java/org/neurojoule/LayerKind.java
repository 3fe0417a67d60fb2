package org.neurojoule;

import java.util.Locale;
import org.neurojoule.layer.ActivationLayer;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.ConvTranspose;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.DepthwiseConv2D;
import org.neurojoule.layer.ELU;
import org.neurojoule.layer.GlobalPooling;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LeakyReLU;
import org.neurojoule.layer.PReLU;
import org.neurojoule.layer.Pooling;
import org.neurojoule.layer.ReLU;
import org.neurojoule.layer.SeparableConv2D;
import org.neurojoule.layer.Softmax;
import org.neurojoule.layer.SpikingActivation;
import org.neurojoule.layer.TimeDistributed;

/**
 * What a layer does, for a {@link Comparison}'s breakdown of where a model's energy goes. A layer
 * with a fused {@code activation} counts under its own kind (a {@code Conv2D} with {@code relu} is
 * a convolution, neuron energy included); {@code TimeDistributed(x)} is the kind of {@code x}.
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
  /** Activation layers ({@code ReLU}, {@code Activation}, {@code Softmax}, ...) and spiking ones. */
  ACTIVATIONS,
  /** Everything else: recurrent, normalization, merging, reshaping, custom layers. */
  OTHER;

  /** {@return the kind in lower case, as tables and exports name it: {@code convolution}} */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * {@return the kind of a layer}
   *
   * @param spec the layer's specification
   */
  public static LayerKind of(LayerSpec spec) {
    LayerSpec s = spec instanceof TimeDistributed t ? t.layer() : spec;
    if (s instanceof Conv || s instanceof ConvTranspose) {
      return CONVOLUTION;
    }
    if (s instanceof DepthwiseConv2D || s instanceof SeparableConv2D) {
      return DEPTHWISE;
    }
    if (s instanceof Dense) {
      return DENSE;
    }
    if (s instanceof Pooling || s instanceof GlobalPooling) {
      return POOLING;
    }
    if (s instanceof ActivationLayer || s instanceof ReLU || s instanceof LeakyReLU
        || s instanceof Softmax || s instanceof ELU || s instanceof PReLU
        || s instanceof SpikingActivation) {
      return ACTIVATIONS;
    }
    return OTHER;
  }
}
