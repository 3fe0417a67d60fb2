package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Padding.SAME;

import org.neurojoule.annotation.Conv1DTranspose;
import org.neurojoule.annotation.Conv2DTranspose;
import org.neurojoule.annotation.Conv3DTranspose;
import org.neurojoule.annotation.Embedding;
import org.neurojoule.annotation.Input;
import org.neurojoule.annotation.LayerNormalization;
import org.neurojoule.annotation.Network;
import org.neurojoule.annotation.NetworkLayer;
import org.neurojoule.annotation.PReLU;

/** PReLU, Embedding, LayerNormalization and the transposed convolutions, non-default attributes. */
@Network(name = "Weighted")
final class WeightedLayers {
  @Input({6}) NetworkLayer ids;
  @Embedding(inputDim = 10, outputDim = 4, maskZero = true, inputLength = 6) NetworkLayer embedded;
  @LayerNormalization(axis = {1, 2}, epsilon = 1e-5, center = false) NetworkLayer normalized;
  @Conv1DTranspose(filters = 3, kernelSize = 2, strides = 2, outputPadding = 1) NetworkLayer up1d;

  @Input({4, 5, 2}) NetworkLayer image;
  @Conv2DTranspose(filters = 3, kernelSize = 3, strides = 2, padding = SAME, activation = RELU,
      useBias = false) NetworkLayer up2d;
  @PReLU(sharedAxes = {1, 2}) NetworkLayer prelu;

  @Input({2, 2, 2, 1}) NetworkLayer volume;
  @Conv3DTranspose(filters = 2, kernelSize = 2, dilationRate = 2) NetworkLayer up3d;
}
