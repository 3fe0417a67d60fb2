package test;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Activation.SOFTMAX;
import static org.neurojoule.layer.Activation.TANH;
import static org.neurojoule.layer.Padding.SAME;
import static org.neurojoule.annotation.Input.NONE;

import org.neurojoule.annotation.Activation;
import org.neurojoule.annotation.Add;
import org.neurojoule.annotation.AveragePooling1D;
import org.neurojoule.annotation.AveragePooling2D;
import org.neurojoule.annotation.AveragePooling3D;
import org.neurojoule.annotation.BatchNormalization;
import org.neurojoule.annotation.Concatenate;
import org.neurojoule.annotation.Conv1D;
import org.neurojoule.annotation.Conv2D;
import org.neurojoule.annotation.Conv3D;
import org.neurojoule.annotation.Dense;
import org.neurojoule.annotation.DepthwiseConv2D;
import org.neurojoule.annotation.Dropout;
import org.neurojoule.annotation.Flatten;
import org.neurojoule.annotation.GlobalAveragePooling1D;
import org.neurojoule.annotation.GlobalAveragePooling2D;
import org.neurojoule.annotation.GlobalAveragePooling3D;
import org.neurojoule.annotation.GlobalMaxPooling1D;
import org.neurojoule.annotation.GlobalMaxPooling2D;
import org.neurojoule.annotation.GlobalMaxPooling3D;
import org.neurojoule.annotation.Input;
import org.neurojoule.annotation.LeakyReLU;
import org.neurojoule.annotation.MaxPooling1D;
import org.neurojoule.annotation.MaxPooling3D;
import org.neurojoule.annotation.Network;
import org.neurojoule.annotation.NetworkLayer;
import org.neurojoule.annotation.ReLU;
import org.neurojoule.annotation.Reshape;
import org.neurojoule.annotation.SeparableConv2D;
import org.neurojoule.annotation.SpikingActivation;
import org.neurojoule.annotation.TimeDistributed;
import org.neurojoule.annotation.Cropping1D;
import org.neurojoule.annotation.Cropping2D;
import org.neurojoule.annotation.UpSampling2D;
import org.neurojoule.annotation.UpSampling3D;
import org.neurojoule.annotation.ZeroPadding2D;
import org.neurojoule.annotation.ZeroPadding3D;

/** Every layer annotation at least once, with non-default attributes, three inputs and branches. */
@Network(name = "EveryLayer")
final class AllLayers {
  @Input({32, 32, 3}) NetworkLayer image;
  @Conv2D(filters = 8, kernelSize = {3, 5}, strides = 1, padding = SAME, dilationRate = 2,
      activation = RELU, useBias = false) NetworkLayer conv;
  @BatchNormalization(momentum = 0.9, epsilon = 1e-5, center = false) NetworkLayer norm;
  @DepthwiseConv2D(kernelSize = 3, depthMultiplier = 2, padding = SAME) NetworkLayer depthwise;
  @SeparableConv2D(filters = 16, kernelSize = 3, strides = 2) NetworkLayer separable;
  @LeakyReLU(alpha = 0.1) NetworkLayer leaky;
  @AveragePooling2D(poolSize = {2, 3}, padding = SAME) NetworkLayer average;
  @GlobalMaxPooling2D NetworkLayer globalMax;
  @GlobalAveragePooling2D(keepdims = true, from = "average") NetworkLayer globalAverage;
  @Reshape(targetShape = {Reshape.INFER}) NetworkLayer reshaped;
  @Concatenate(from = {"globalMax", "reshaped"}) NetworkLayer joined;
  @Dense(units = 16, activation = TANH) NetworkLayer dense;
  @Dropout(rate = 0.25) NetworkLayer dropout;
  @Add(from = {"dense", "dropout"}) NetworkLayer sum;
  @Activation(SOFTMAX) NetworkLayer softmax;

  @Input({16, 4}) NetworkLayer series;
  @Conv1D(filters = 4, kernelSize = 3) NetworkLayer conv1d;
  @MaxPooling1D NetworkLayer maxPool1d;
  @AveragePooling1D(poolSize = 1) NetworkLayer averagePool1d;
  @GlobalAveragePooling1D NetworkLayer globalAverage1d;

  @Input({NONE, 16, 4}) NetworkLayer timeSeries;
  @TimeDistributed @Conv1D(filters = 3, kernelSize = 2) NetworkLayer perStep;
  @ReLU(maxValue = 6, negativeSlope = 0.1, threshold = 0.5) NetworkLayer relu6;
  @SpikingActivation(value = RELU, dt = 0.002, seed = 7) NetworkLayer spikes;
  @GlobalMaxPooling1D(from = "conv1d") NetworkLayer globalMax1d;

  @Input({8, 8, 8, 2}) NetworkLayer volume;
  @Conv3D(filters = 2, kernelSize = 3) NetworkLayer conv3d;
  @MaxPooling3D(poolSize = 2) NetworkLayer maxPool3d;
  @AveragePooling3D(poolSize = 1, strides = 1) NetworkLayer averagePool3d;
  @GlobalAveragePooling3D NetworkLayer globalAverage3d;
  @GlobalMaxPooling3D(from = "conv3d") NetworkLayer globalMax3d;
  @Flatten(from = "conv3d") NetworkLayer flat;

  @Input({6, 7, 2}) NetworkLayer grid;
  @ZeroPadding2D(padding = {1, 2, 0, 1}) NetworkLayer padded;
  @Cropping2D(cropping = 1) NetworkLayer cropped;
  @UpSampling2D(size = {2, 3}, interpolation = "nearest") NetworkLayer upsampled;
  @Cropping1D(cropping = {1, 2}, from = "series") NetworkLayer cropped1d;
  @ZeroPadding3D(padding = {1, 0, 2}, from = "volume") NetworkLayer padded3d;
  @UpSampling3D(from = "volume") NetworkLayer upsampled3d;
}
