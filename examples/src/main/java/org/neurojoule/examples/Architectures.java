package org.neurojoule.examples;

import static org.neurojoule.layer.Activation.RELU;
import static org.neurojoule.layer.Activation.SOFTMAX;
import static org.neurojoule.layer.Padding.SAME;

import org.neurojoule.Model;
import org.neurojoule.Tensor;

/**
 * The example networks, declared with the fluent builder: the MNIST model of KerasSpiking's
 * documentation, and VGG9, AlexNet and their low-cost (LCRM) variants built on depthwise
 * convolutions.
 */
public final class Architectures {
  private Architectures() {}

  /** The MNIST model of the reference's documentation. */
  public static Model mnist() {
    return Model.input(28, 28, 1).conv2d(2, 7).relu().flatten().dense(128).relu().dense(10).model();
  }

  /** VGG9: six convolutions with batch normalization, then a 100-way head. */
  public static Model vgg9() {
    Tensor x = Model.input(224, 224, 1);
    x = pool(block(x.conv2d(64, 11, c -> c.strides(4))));
    x = pool(block(x.conv2d(128, 5, c -> c.padding(SAME))));
    x = block(x.conv2d(256, 3, c -> c.padding(SAME)));
    x = block(x.conv2d(256, 3, c -> c.padding(SAME)));
    x = pool(block(x.conv2d(512, 3, c -> c.padding(SAME))));
    x = pool(block(x.conv2d(512, 3, c -> c.padding(SAME))));
    return head(x, 100).model();
  }

  /** LCRM-VGG9: VGG9 with most convolutions replaced by depthwise ones, a 62-way head. */
  public static Model lcrmVgg9() {
    Tensor x = Model.input(224, 224, 1);
    x = pool(block(x.conv2d(64, 11, c -> c.strides(4))));
    x = depthwise(x, 5, 2);
    x = pool(block(x.conv2d(128, 5, c -> c.padding(SAME))));
    x = block(depthwise(x, 3, 2));
    x = block(depthwise(x, 3, 1));
    x = pool(block(depthwise(x, 3, 2)));
    x = pool(block(depthwise(x, 3, 1)));
    return head(x, 62).model();
  }

  /** AlexNet: five convolutions with ReLU inside, batch normalization, a 10-way head. */
  public static Model alexNet() {
    Tensor x = Model.input(227, 227, 3);
    x = pool(x.conv2d(96, 11, c -> c.strides(4).activation(RELU)).batchNormalization());
    x = pool(x.conv2d(256, 5, c -> c.padding(SAME).activation(RELU)).batchNormalization());
    x = x.conv2d(384, 3, c -> c.padding(SAME).activation(RELU)).batchNormalization();
    x = x.conv2d(384, 3, c -> c.padding(SAME).activation(RELU)).batchNormalization();
    x = pool(x.conv2d(256, 3, c -> c.padding(SAME).activation(RELU)).batchNormalization());
    return head(x, 10).model();
  }

  /** LCRM-AlexNet: AlexNet's low-cost variant, with a depthwise and a 1x1 branch merged. */
  public static Model lcrmAlexNet() {
    Tensor x = Model.input(224, 224, 3);
    x = pool(block(x.conv2d(64, 11, c -> c.strides(4))));
    x = block(depthwise(x, 5, 4));
    Tensor x1 = pool(x);
    Tensor a = block(depthwise(x1, 3, 1));
    Tensor b = block(x1.conv2d(128, 1, c -> c.padding(SAME)));
    x = Tensor.concatenate(a, b);
    x = block(depthwise(x, 3, 1));
    x = pool(block(x.conv2d(256, 1, c -> c.padding(SAME))));
    return head(x, 10).model();
  }

  /** Batch normalization and a ReLU activation layer. */
  private static Tensor block(Tensor x) {
    return x.batchNormalization().activation(RELU);
  }

  /** 3x3 max pooling with stride 2. */
  private static Tensor pool(Tensor x) {
    return x.maxPooling2d(3, p -> p.strides(2));
  }

  /** A depthwise convolution with 'same' padding. */
  private static Tensor depthwise(Tensor x, int kernel, int depthMultiplier) {
    return x.depthwiseConv2d(kernel, c -> c.depthMultiplier(depthMultiplier).padding(SAME));
  }

  /** Flatten, two dense layers of 1024 with dropout, and a softmax classifier. */
  private static Tensor head(Tensor x, int classes) {
    return x.flatten()
        .dense(1024, d -> d.activation(RELU))
        .dropout(0.5)
        .dense(1024, d -> d.activation(RELU))
        .dropout(0.5)
        .dense(classes, d -> d.activation(SOFTMAX));
  }
}
