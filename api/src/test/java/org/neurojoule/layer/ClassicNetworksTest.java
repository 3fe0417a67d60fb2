package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.layer.Accounting.COMPLETE;
import static org.neurojoule.layer.Accounting.KERAS_SPIKING;
import static org.neurojoule.shape.Shape.NONE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;

/**
 * Whole networks folded by hand through {@link Layers}, against totals computed independently in
 * the comments (and, where published, Keras' own {@code model.summary()} figures).
 */
class ClassicNetworksTest {

  /** One layer of a folded chain. */
  private record Row(String name, Shape output, ParamCount params, Optional<LayerStats> stats) {}

  /** A chain folded layer by layer, named as Keras names layers in a fresh model. */
  private static List<Row> fold(Accounting accounting, Shape input, LayerSpec... specs) {
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> counts = new HashMap<>();
    List<LayerSpec> all = new ArrayList<>();
    all.add(InputLayer.of(input));
    all.addAll(List.of(specs));
    Shape previous = null;
    for (int i = 0; i < all.size(); i++) {
      LayerSpec spec = all.get(i);
      String prefix = spec.namePrefix();
      int n = counts.merge(prefix, 1, Integer::sum) - 1;
      String name = KerasNames.autoName(prefix, n);
      List<Shape> in = previous == null ? List.of() : List.of(previous);
      Shape out = Layers.outputShape(i, name, spec, in);
      rows.add(
          new Row(
              name,
              out,
              Layers.params(i, name, spec, in),
              Layers.stats(i, name, spec, in, out, accounting)));
      previous = out;
    }
    return rows;
  }

  private static long totalParams(List<Row> rows) {
    return rows.stream().mapToLong(r -> r.params().total()).sum();
  }

  private static long trainable(List<Row> rows) {
    return rows.stream().mapToLong(r -> r.params().trainable()).sum();
  }

  private static long connections(List<Row> rows) {
    return rows.stream().mapToLong(r -> r.stats().map(LayerStats::connections).orElse(0L)).sum();
  }

  private static long neurons(List<Row> rows) {
    return rows.stream().mapToLong(r -> r.stats().map(LayerStats::neurons).orElse(0L)).sum();
  }

  /** The names of layers the accounting has no rule for (the reference warns about them). */
  private static Set<String> withoutRule(List<Row> rows) {
    Set<String> out = new TreeSet<>();
    rows.stream()
        .filter(r -> r.stats().isEmpty())
        .forEach(r -> out.add(r.name().replaceAll("_\\d+$", "")));
    return out;
  }

  private static LayerSpec[] mnist() {
    return new LayerSpec[] {
      Conv.of(2, 2, 7), ReLU.of(), Flatten.of(), Dense.of(128), ReLU.of(), Dense.of(10)
    };
  }

  @Test
  void mnist_matchesTheKerasSpikingDocumentation() {
    // The documentation's model: input 28x28x1, conv2d(2, 7), relu, flatten, dense(128), relu,
    // dense(10).
    //   conv2d   (22, 22, 2): 7*7*1*2 + 2 = 100 params;  22*22*2 = 968 outputs * 49 = 47432
    //   re_lu    968 neurons
    //   flatten  (968)
    //   dense    (128): 968*128 + 128 = 124032 params;  968*128 = 123904 connections
    //   re_lu_1  128 neurons
    //   dense_1  (10): 128*10 + 10 = 1290 params;  1280 connections
    //   total params 100 + 124032 + 1290 = 125422
    for (Accounting accounting : Accounting.values()) {
      List<Row> rows = fold(accounting, Shape.of(28, 28, 1), mnist());

      assertThat(rows.stream().map(Row::name))
          .containsExactly("input_1", "conv2d", "re_lu", "flatten", "dense", "re_lu_1", "dense_1")
          .inOrder();
      assertThat(rows.stream().map(r -> r.output().toKerasString()))
          .containsExactly(
              "(None, 28, 28, 1)",
              "(None, 22, 22, 2)",
              "(None, 22, 22, 2)",
              "(None, 968)",
              "(None, 128)",
              "(None, 128)",
              "(None, 10)")
          .inOrder();
      assertThat(rows.stream().map(r -> r.params().total()))
          .containsExactly(0L, 100L, 0L, 0L, 124032L, 0L, 1290L)
          .inOrder();
      assertThat(rows.stream().map(r -> r.stats().orElseThrow().connections()))
          .containsExactly(0L, 47432L, 0L, 0L, 123904L, 0L, 1280L)
          .inOrder();
      assertThat(rows.stream().map(r -> r.stats().orElseThrow().neurons()))
          .containsExactly(0L, 0L, 968L, 0L, 0L, 128L, 0L)
          .inOrder();
      assertThat(rows.stream().map(r -> r.stats().orElseThrow().spiking()))
          .containsExactly(true, true, false, true, true, false, true)
          .inOrder();
      assertThat(totalParams(rows)).isEqualTo(125422);
      assertThat(trainable(rows)).isEqualTo(125422);
    }
  }

  @Test
  void mnistOverTime_countsTheSameAsOneStep() {
    // The documentation's temporal model: input (None, 28, 28, 1), timeDistributed(conv2d),
    // relu, timeDistributed(flatten), dense(128), relu, dense(10): the same figures per step.
    List<Row> rows =
        fold(
            KERAS_SPIKING,
            Shape.of(NONE, 28, 28, 1),
            TimeDistributed.of(Conv.of(2, 2, 7)),
            ReLU.of(),
            TimeDistributed.of(Flatten.of()),
            Dense.of(128),
            ReLU.of(),
            Dense.of(10));

    assertThat(rows.stream().map(Row::name))
        .containsExactly(
            "input_1",
            "time_distributed",
            "re_lu",
            "time_distributed_1",
            "dense",
            "re_lu_1",
            "dense_1")
        .inOrder();
    assertThat(rows.stream().map(r -> r.output().toKerasString()))
        .containsExactly(
            "(None, None, 28, 28, 1)",
            "(None, None, 22, 22, 2)",
            "(None, None, 22, 22, 2)",
            "(None, None, 968)",
            "(None, None, 128)",
            "(None, None, 128)",
            "(None, None, 10)")
        .inOrder();
    assertThat(rows.stream().map(r -> r.params().total()))
        .containsExactly(0L, 100L, 0L, 0L, 124032L, 0L, 1290L)
        .inOrder();
    assertThat(rows.stream().map(r -> r.stats().orElseThrow().connections()))
        .containsExactly(0L, 47432L, 0L, 0L, 123904L, 0L, 1280L)
        .inOrder();
    assertThat(rows.stream().map(r -> r.stats().orElseThrow().neurons()))
        .containsExactly(0L, 0L, 968L, 0L, 0L, 128L, 0L)
        .inOrder();
  }

  private static LayerSpec[] vgg16() {
    List<LayerSpec> specs = new ArrayList<>();
    int[][] blocks = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};
    for (int[] block : blocks) {
      for (int i = 0; i < block[1]; i++) {
        specs.add(Conv.of(2, block[0], 3).padding(Padding.SAME).activation(Activation.RELU));
      }
      specs.add(Pooling.of(PoolKind.MAX, 2, 2));
    }
    specs.add(Flatten.of());
    specs.add(Dense.of(4096).activation(Activation.RELU));
    specs.add(Dense.of(4096).activation(Activation.RELU));
    specs.add(Dense.of(1000).activation(Activation.SOFTMAX));
    return specs.toArray(LayerSpec[]::new);
  }

  @Test
  void vgg16_paramsConnectionsAndNeurons() {
    // VGG16 on 224x224x3: 3x3 'same' convolutions with relu, 2x2 max pooling after each block.
    // MACs per conv are size^2 * f * 9 * cin.
    //   block  size  convs (cin -> f)          params per conv          MACs per conv
    //   1      224   3->64, 64->64             1792, 36928              86704128, 1849688064
    //   2      112   64->128, 128->128         73856, 147584            924844032, 1849688064
    //   3       56   128->256, 2x 256->256     295168, 2x 590080        924844032, 2x 1849688064
    //   4       28   256->512, 2x 512->512     1180160, 2x 2359808      924844032, 2x 1849688064
    //   5       14   3x 512->512               3x 2359808               3x 462422016
    // Convolution params 14714688 (Keras' VGG16(include_top=False) reports 14,714,688).
    // Convolution connections 15346630656; relu neurons
    //   224^2*64*2 + 112^2*128*2 + 56^2*256*3 + 28^2*512*3 + 14^2*512*3 = 13547520.
    // Then 7*7*512 = 25088 -> dense 4096 -> 4096 -> 1000:
    //   params 102764544 + 16781312 + 4097000 = 123642856, connections 102760448 + 16777216
    //   + 4096000 = 123633664, neurons 4096 + 4096 + 1000.
    // Totals: 138357544 params (Keras' VGG16() reports 138,357,544), 15470264320 connections,
    // 13556712 neurons.
    for (Accounting accounting : Accounting.values()) {
      List<Row> rows = fold(accounting, Shape.of(224, 224, 3), vgg16());

      assertThat(rows.get(rows.size() - 5).output()).isEqualTo(Shape.of(7, 7, 512));
      assertThat(rows.get(rows.size() - 1).output()).isEqualTo(Shape.of(1000));
      assertThat(totalParams(rows)).isEqualTo(138_357_544L);
      assertThat(trainable(rows)).isEqualTo(138_357_544L);
      assertThat(connections(rows)).isEqualTo(15_470_264_320L);
      assertThat(neurons(rows)).isEqualTo(13_556_712L);
      assertThat(
              rows.stream()
                  .mapToLong(r -> r.name().startsWith("conv2d") ? r.params().total() : 0)
                  .sum())
          .isEqualTo(14_714_688L);
    }
    // KerasSpiking has no rule for max pooling; the complete accounting counts it as zero.
    assertThat(withoutRule(fold(KERAS_SPIKING, Shape.of(224, 224, 3), vgg16())))
        .containsExactly("max_pooling2d");
    assertThat(withoutRule(fold(COMPLETE, Shape.of(224, 224, 3), vgg16()))).isEmpty();
  }

  private static LayerSpec[] mobileNet() {
    List<LayerSpec> specs = new ArrayList<>();
    specs.add(Conv.of(2, 32, 3).strides(2).padding(Padding.SAME).useBias(false));
    specs.add(BatchNormalization.of());
    specs.add(ReLU.of().maxValue(6));
    int[][] blocks = {
      {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2}, {512, 1}, {512, 1}, {512, 1},
      {512, 1}, {512, 1}, {1024, 2}, {1024, 1}
    };
    for (int[] block : blocks) {
      specs.add(DepthwiseConv2D.of(3).strides(block[1]).padding(Padding.SAME).useBias(false));
      specs.add(BatchNormalization.of());
      specs.add(ReLU.of().maxValue(6));
      specs.add(Conv.of(2, block[0], 1).padding(Padding.SAME).useBias(false));
      specs.add(BatchNormalization.of());
      specs.add(ReLU.of().maxValue(6));
    }
    specs.add(GlobalPooling.of(PoolKind.AVERAGE, 2).keepdims(true));
    specs.add(Dropout.of(1e-3));
    specs.add(Conv.of(2, 1000, 1).padding(Padding.SAME));
    specs.add(Reshape.of(1000));
    specs.add(ActivationLayer.of(Activation.SOFTMAX));
    return specs.toArray(LayerSpec[]::new);
  }

  @Test
  void mobileNetV1_paramsConnectionsAndNeurons() {
    // Keras' MobileNet (alpha 1, 224x224x3, include_top): conv 3x3/2 to 32, then 13 blocks of
    // depthwise 3x3 + pointwise 1x1, each conv without bias and followed by BN and ReLU6.
    //   block  in->out size  cin -> f     dw MACs (out^2*cin*9)  pw MACs (out^2*cin*f)
    //   1      112->112      32 -> 64       3612672                25690112
    //   2      112->56       64 -> 128      1806336                25690112
    //   3       56->56      128 -> 128      3612672                51380224
    //   4       56->28      128 -> 256       903168                25690112
    //   5       28->28      256 -> 256      1806336                51380224
    //   6       28->14      256 -> 512       451584                25690112
    //   7-11    14->14      512 -> 512      5x 903168              5x 51380224
    //   12      14->7       512 -> 1024      225792                25690112
    //   13       7->7      1024 -> 1024      451584                51380224
    // Params: stem 864; depthwise 9 * sum(cin) = 9 * 4960 = 44640; pointwise sum(cin * f)
    //   = 3139584; conv_preds 1024 * 1000 + 1000 = 1025000; BN 4 per channel over
    //   32 + sum(cin + f) = 10944 channels = 43776, of which 2 * 10944 = 21888 non-trainable.
    //   Total 4253864, trainable 4231976 (Keras' MobileNet() summary reports 4,253,864,
    //   4,231,976 and 21,888).
    // Connections, KerasSpiking (standard convolutions only): stem 112*112*32*27 = 10838016,
    //   pointwise 539492352, conv_preds 1024000: 551354368.
    // Complete adds the depthwise 17385984 and the global average pooling 7*7*1024 = 50176:
    //   568790528, the paper's "569 million mult-adds".
    // Neurons: ReLU6 over stem 401408 + per block out^2*(cin + f), 5042688 in all, and softmax
    //   1000: 5043688.
    List<Row> ks = fold(KERAS_SPIKING, Shape.of(224, 224, 3), mobileNet());
    List<Row> complete = fold(COMPLETE, Shape.of(224, 224, 3), mobileNet());

    for (List<Row> rows : List.of(ks, complete)) {
      assertThat(rows.get(rows.size() - 6).output()).isEqualTo(Shape.of(7, 7, 1024));
      assertThat(rows.get(rows.size() - 1).output()).isEqualTo(Shape.of(1000));
      assertThat(totalParams(rows)).isEqualTo(4_253_864L);
      assertThat(trainable(rows)).isEqualTo(4_231_976L);
      assertThat(neurons(rows)).isEqualTo(5_043_688L);
    }
    assertThat(connections(ks)).isEqualTo(551_354_368L);
    assertThat(connections(complete)).isEqualTo(568_790_528L);
    assertThat(withoutRule(ks)).containsExactly("batch_normalization", "depthwise_conv2d");
    assertThat(withoutRule(complete)).isEmpty();
  }
}
