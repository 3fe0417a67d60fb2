package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.layer.Accounting.COMPLETE;
import static org.neurojoule.layer.Accounting.KERAS_SPIKING;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class DepthwiseConv2DTest {
  private static final Shape IN = Shape.of(10, 10, 4);

  @Test
  void of_hasKerasDefaults() {
    DepthwiseConv2D dw = DepthwiseConv2D.of(3);

    assertThat(dw.kernelSize()).containsExactly(3, 3).inOrder();
    assertThat(dw.depthMultiplier()).isEqualTo(1);
    assertThat(dw.strides()).containsExactly(1, 1).inOrder();
    assertThat(dw.padding()).isEqualTo(Padding.VALID);
    assertThat(dw.dilationRate()).containsExactly(1, 1).inOrder();
    assertThat(dw.activation()).isEqualTo(Activation.LINEAR);
    assertThat(dw.useBias()).isTrue();
    assertThat(dw.type()).isEqualTo("DepthwiseConv2D");
    assertThat(dw.namePrefix()).isEqualTo("depthwise_conv2d");
  }

  @Test
  void describe_showsTheDepthMultiplierAndOptions() {
    assertThat(DepthwiseConv2D.of(3).describe()).isEqualTo("depthwiseConv2d(3x3)");
    assertThat(DepthwiseConv2D.of(3, 5).depthMultiplier(2).strides(2).describe())
        .isEqualTo("depthwiseConv2d(x2, 3x5, strides 2x2)");
  }

  @Test
  void outputShape_multipliesTheChannels() {
    DepthwiseConv2D dw = DepthwiseConv2D.of(3).depthMultiplier(2);

    // 10 - 3 + 1 = 8; 4 channels * 2.
    assertThat(Apply.outputShape(dw, IN)).isEqualTo(Shape.of(8, 8, 8));
    assertThat(Apply.outputShape(dw.padding(Padding.SAME).strides(2), IN))
        .isEqualTo(Shape.of(5, 5, 8));
  }

  @Test
  void params_kernelPerChannelAndMultiplier_plusBias() {
    DepthwiseConv2D dw = DepthwiseConv2D.of(3).depthMultiplier(2);

    // 3 * 3 * 4 * 2 = 72 weights + 4 * 2 biases.
    assertThat(Apply.params(dw, IN)).isEqualTo(ParamCount.trainable(80));
    assertThat(Apply.params(dw.useBias(false), IN)).isEqualTo(ParamCount.trainable(72));
  }

  @Test
  void stats_kerasSpiking_hasNoRule() {
    assertThat(Apply.stats(DepthwiseConv2D.of(3), KERAS_SPIKING, IN)).isEmpty();
    assertThat(Apply.stats(DepthwiseConv2D.of(3).activation(Activation.RELU), KERAS_SPIKING, IN))
        .isEmpty();
  }

  @Test
  void stats_complete_outputSizeTimesKernelArea() {
    DepthwiseConv2D dw = DepthwiseConv2D.of(3).depthMultiplier(2);

    // 8 * 8 * 8 = 512 outputs, each from a 3 * 3 window of one channel.
    assertThat(Apply.stats(dw, COMPLETE, IN)).hasValue(LayerStats.connections(4608));
    assertThat(Apply.stats(dw.activation(Activation.RELU), COMPLETE, IN))
        .hasValue(new LayerStats(4608, 512, false));
  }

  @Test
  void stats_complete_perAxisKernel() {
    // 10 - 1 + 1 = 10 rows, 10 - 5 + 1 = 6 cols, 4 channels; window 1 * 5.
    assertThat(Apply.stats(DepthwiseConv2D.of(1, 5), COMPLETE, IN))
        .hasValue(LayerStats.connections(10 * 6 * 4 * 5));
  }

  @Test
  void wrongRank_isRejected() {
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.outputShape(DepthwiseConv2D.of(3), Shape.of(10, 4)));

    assertThat(e.error()).isEqualTo(ShapeError.WRONG_RANK);
  }

  @Test
  void kernelTooLarge_isRejected() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(DepthwiseConv2D.of(3), Shape.of(2, 10, 4)));

    assertThat(e.error()).isEqualTo(ShapeError.KERNEL_TOO_LARGE);
  }

  @Test
  void nonPositiveArguments_areRejected() {
    Apply.assertInvalid(() -> DepthwiseConv2D.of(0), "kernelSize must be > 0, was 0");
    Apply.assertInvalid(
        () -> DepthwiseConv2D.of(3).depthMultiplier(0), "depthMultiplier must be > 0, was 0");
    Apply.assertInvalid(() -> DepthwiseConv2D.of(3).strides(-1), "strides must be > 0, was -1");
    Apply.assertInvalid(
        () -> DepthwiseConv2D.of(3).dilationRate(0), "dilationRate must be > 0, was 0");
  }

  @Test
  void kernelSize_takesOneValuePerAxis() {
    DepthwiseConv2D d = DepthwiseConv2D.of(3).kernelSize(1, 7);
    assertThat(d.kernelSize()).containsExactly(1, 7).inOrder();
    var e = assertThrows(ShapeException.class, () -> DepthwiseConv2D.of(3).kernelSize(-1));
    assertThat(e).hasMessageThat().contains("kernelSize must be > 0, was -1");
  }
}
