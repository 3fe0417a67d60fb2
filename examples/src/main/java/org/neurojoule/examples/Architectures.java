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

  /**
   * Blouw et al.'s keyword spotter (NICE 2019): 390 inputs, two dense layers of 256 with ReLU and
   * 29 outputs, 172,800 connections; the network of every Blouw row of the measurements.
   */
  public static Model blouwKws() {
    return Model.input(390)
        .dense(256, d -> d.activation(RELU))
        .dense(256, d -> d.activation(RELU))
        .dense(29)
        .model();
  }

  /**
   * Blouw et al.'s network-size series: the keyword spotter with {@code branches} parallel branches
   * of ten dense layers of 256 after its first layer, concatenated into another dense layer of 256.
   *
   * @param branches the number of branches, 1 to 10
   */
  public static Model blouwKwsScaled(int branches) {
    if (branches < 1 || branches > 10) {
      throw new IllegalArgumentException(
          "blouw-kws-scaled takes 1 to 10 branches, was " + branches);
    }
    Tensor in = Model.input(390).dense(256, d -> d.activation(RELU));
    Tensor[] ends = new Tensor[branches];
    for (int b = 0; b < branches; b++) {
      Tensor x = in;
      for (int i = 0; i < 10; i++) {
        x = x.dense(256, d -> d.activation(RELU));
      }
      ends[b] = x;
    }
    Tensor joined = branches == 1 ? ends[0] : Tensor.concatenate(ends);
    return joined.dense(256, d -> d.activation(RELU)).dense(29).model();
  }

  /**
   * PilotNet as lava-dl's Loihi 2 benchmark runs it with leaky integrate-and-fire neurons: a
   * 200x66x3 frame, five convolutions and four dense layers. The neurons are declared as ReLU
   * activations, since the layers work on single frames: a spiking device updates them every
   * timestep (16 in the benchmark) through the estimate's timesteps per inference.
   */
  public static Model pilotNetLif() {
    Tensor x = Model.input(200, 66, 3);
    x = x.conv2d(24, 3, c -> c.strides(2).activation(RELU));
    x = x.conv2d(36, 3, c -> c.strides(2).activation(RELU));
    x = x.conv2d(48, 3, c -> c.strides(2).activation(RELU));
    x = x.zeroPadding2d(0, 1).conv2d(64, 3, c -> c.strides(1, 2).activation(RELU));
    x = x.conv2d(64, 3, c -> c.activation(RELU)).flatten();
    x = x.dense(100, d -> d.activation(RELU)).dense(50, d -> d.activation(RELU));
    return x.dense(10, d -> d.activation(RELU)).dense(1).model();
  }

  /**
   * MLPerf Tiny's keyword-spotting reference network, DS-CNN, as {@code keyword_spotting/
   * keras_model.py} ({@code ds_cnn}) defines it: a 10x4 convolution of stride 2 on 49x10 MFCCs,
   * four depthwise-separable blocks of 64 channels, average pooling and 12 classes.
   */
  public static Model mlperfTinyKws() {
    Tensor x = Model.input(49, 10, 1);
    x = block(x.conv2d(64, 10, c -> c.kernelSize(10, 4).strides(2).padding(SAME))).dropout(0.2);
    for (int i = 0; i < 4; i++) {
      x = block(x.depthwiseConv2d(3, c -> c.padding(SAME)));
      x = block(x.conv2d(64, 1, c -> c.padding(SAME)));
    }
    x = x.dropout(0.4).globalAveragePooling2d();
    return x.dense(12, d -> d.activation(SOFTMAX)).model();
  }

  /**
   * AkidaNet 0.5 at 224x224 as BrainChip's {@code akida_models.akidanet_imagenet(alpha=0.5)}
   * declares it: four 3x3 convolutions, ten depthwise-separable blocks, global pooling and 1000
   * classes (the Akida AKD1000 row measures its 8/4/4-bit version).
   */
  public static Model akidaNet05() {
    Tensor x = Model.input(224, 224, 3);
    x = block(x.conv2d(16, 3, c -> c.strides(2).padding(SAME).useBias(false)));
    x = block(x.conv2d(32, 3, c -> c.padding(SAME).useBias(false)));
    x = block(x.conv2d(64, 3, c -> c.strides(2).padding(SAME).useBias(false)));
    x = block(x.conv2d(64, 3, c -> c.padding(SAME).useBias(false)));
    int[] filters = {128, 128, 256, 256, 256, 256, 256, 256, 512, 512};
    int[] strides = {2, 1, 2, 1, 1, 1, 1, 1, 2, 1};
    for (int i = 0; i < filters.length; i++) {
      int stride = strides[i];
      x = x.depthwiseConv2d(3, c -> c.strides(stride).padding(SAME).useBias(false));
      x = block(x.conv2d(filters[i], 1, c -> c.useBias(false)));
    }
    return x.globalAveragePooling2d().dense(1000).model();
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
