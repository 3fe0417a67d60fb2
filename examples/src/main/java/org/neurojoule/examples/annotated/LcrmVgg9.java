package org.neurojoule.examples.annotated;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Activation.SOFTMAX;
import static org.neurojoule.layer.Padding.SAME;

import org.neurojoule.annotation.Activation;
import org.neurojoule.annotation.BatchNormalization;
import org.neurojoule.annotation.Conv2D;
import org.neurojoule.annotation.Dense;
import org.neurojoule.annotation.DepthwiseConv2D;
import org.neurojoule.annotation.Dropout;
import org.neurojoule.annotation.Flatten;
import org.neurojoule.annotation.Input;
import org.neurojoule.annotation.MaxPooling2D;
import org.neurojoule.annotation.Network;
import org.neurojoule.annotation.NetworkLayer;

/**
 * LCRM-VGG9: VGG9 with most convolutions replaced by depthwise ones, and a 62-way head.
 *
 * <p>Field names are the names Keras gives the layers of the fluent version (see {@code
 * Architectures}), so both summaries read alike. The processor generates {@link LcrmVgg9Model}.
 */
@Network
public final class LcrmVgg9 {
  private LcrmVgg9() {}

  @Input({224, 224, 1})
  NetworkLayer input_1;

  @Conv2D(filters = 64, kernelSize = 11, strides = 4)
  NetworkLayer conv2d;

  @BatchNormalization NetworkLayer batch_normalization;

  @Activation(RELU)
  NetworkLayer activation;

  @MaxPooling2D(poolSize = 3, strides = 2)
  NetworkLayer max_pooling2d;

  @DepthwiseConv2D(kernelSize = 5, depthMultiplier = 2, padding = SAME)
  NetworkLayer depthwise_conv2d;

  @Conv2D(filters = 128, kernelSize = 5, padding = SAME)
  NetworkLayer conv2d_1;

  @BatchNormalization NetworkLayer batch_normalization_1;

  @Activation(RELU)
  NetworkLayer activation_1;

  @MaxPooling2D(poolSize = 3, strides = 2)
  NetworkLayer max_pooling2d_1;

  @DepthwiseConv2D(kernelSize = 3, depthMultiplier = 2, padding = SAME)
  NetworkLayer depthwise_conv2d_1;

  @BatchNormalization NetworkLayer batch_normalization_2;

  @Activation(RELU)
  NetworkLayer activation_2;

  @DepthwiseConv2D(kernelSize = 3, padding = SAME)
  NetworkLayer depthwise_conv2d_2;

  @BatchNormalization NetworkLayer batch_normalization_3;

  @Activation(RELU)
  NetworkLayer activation_3;

  @DepthwiseConv2D(kernelSize = 3, depthMultiplier = 2, padding = SAME)
  NetworkLayer depthwise_conv2d_3;

  @BatchNormalization NetworkLayer batch_normalization_4;

  @Activation(RELU)
  NetworkLayer activation_4;

  @MaxPooling2D(poolSize = 3, strides = 2)
  NetworkLayer max_pooling2d_2;

  @DepthwiseConv2D(kernelSize = 3, padding = SAME)
  NetworkLayer depthwise_conv2d_4;

  @BatchNormalization NetworkLayer batch_normalization_5;

  @Activation(RELU)
  NetworkLayer activation_5;

  @MaxPooling2D(poolSize = 3, strides = 2)
  NetworkLayer max_pooling2d_3;

  @Flatten NetworkLayer flatten;

  @Dense(units = 1024, activation = RELU)
  NetworkLayer dense;

  @Dropout(rate = 0.5)
  NetworkLayer dropout;

  @Dense(units = 1024, activation = RELU)
  NetworkLayer dense_1;

  @Dropout(rate = 0.5)
  NetworkLayer dropout_1;

  @Dense(units = 62, activation = SOFTMAX)
  NetworkLayer dense_2;
}
