package org.neurojoule.examples.annotated;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Activation.SOFTMAX;
import static org.neurojoule.layer.Padding.SAME;

import org.neurojoule.annotation.BatchNormalization;
import org.neurojoule.annotation.Conv2D;
import org.neurojoule.annotation.Dense;
import org.neurojoule.annotation.Dropout;
import org.neurojoule.annotation.Flatten;
import org.neurojoule.annotation.Input;
import org.neurojoule.annotation.MaxPooling2D;
import org.neurojoule.annotation.Network;
import org.neurojoule.annotation.NetworkLayer;

/**
 * AlexNet: five convolutions with ReLU inside, batch normalization, and a 10-way head.
 *
 * <p>Field names are the names Keras gives the layers of the fluent version (see {@code
 * Architectures}), so both summaries read alike. The processor generates {@link AlexNetModel}.
 */
@Network
public final class AlexNet {
  private AlexNet() {}

  @Input({227, 227, 3})
  NetworkLayer input_1;

  @Conv2D(filters = 96, kernelSize = 11, strides = 4, activation = RELU)
  NetworkLayer conv2d;

  @BatchNormalization NetworkLayer batch_normalization;

  @MaxPooling2D(poolSize = 3, strides = 2)
  NetworkLayer max_pooling2d;

  @Conv2D(filters = 256, kernelSize = 5, padding = SAME, activation = RELU)
  NetworkLayer conv2d_1;

  @BatchNormalization NetworkLayer batch_normalization_1;

  @MaxPooling2D(poolSize = 3, strides = 2)
  NetworkLayer max_pooling2d_1;

  @Conv2D(filters = 384, kernelSize = 3, padding = SAME, activation = RELU)
  NetworkLayer conv2d_2;

  @BatchNormalization NetworkLayer batch_normalization_2;

  @Conv2D(filters = 384, kernelSize = 3, padding = SAME, activation = RELU)
  NetworkLayer conv2d_3;

  @BatchNormalization NetworkLayer batch_normalization_3;

  @Conv2D(filters = 256, kernelSize = 3, padding = SAME, activation = RELU)
  NetworkLayer conv2d_4;

  @BatchNormalization NetworkLayer batch_normalization_4;

  @MaxPooling2D(poolSize = 3, strides = 2)
  NetworkLayer max_pooling2d_2;

  @Flatten NetworkLayer flatten;

  @Dense(units = 1024, activation = RELU)
  NetworkLayer dense;

  @Dropout(rate = 0.5)
  NetworkLayer dropout;

  @Dense(units = 1024, activation = RELU)
  NetworkLayer dense_1;

  @Dropout(rate = 0.5)
  NetworkLayer dropout_1;

  @Dense(units = 10, activation = SOFTMAX)
  NetworkLayer dense_2;
}
