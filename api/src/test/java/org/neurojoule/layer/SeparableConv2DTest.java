package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.layer.Accounting.COMPLETE;
import static org.neurojoule.layer.Accounting.KERAS_SPIKING;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

class SeparableConv2DTest {
  private static final Shape IN = Shape.of(10, 10, 4);

  @Test
  void of_hasKerasDefaults() {
    SeparableConv2D sep = SeparableConv2D.of(16, 3);

    assertThat(sep.filters()).isEqualTo(16);
    assertThat(sep.kernelSize()).containsExactly(3, 3).inOrder();
    assertThat(sep.depthMultiplier()).isEqualTo(1);
    assertThat(sep.padding()).isEqualTo(Padding.VALID);
    assertThat(sep.activation()).isEqualTo(Activation.LINEAR);
    assertThat(sep.useBias()).isTrue();
    assertThat(sep.type()).isEqualTo("SeparableConv2D");
    assertThat(sep.namePrefix()).isEqualTo("separable_conv2d");
  }

  @Test
  void describe_showsFiltersMultiplierAndOptions() {
    assertThat(SeparableConv2D.of(16, 3).describe()).isEqualTo("separableConv2d(16, 3x3)");
    assertThat(
            SeparableConv2D.of(16, 3)
                .depthMultiplier(2)
                .padding(Padding.SAME)
                .useBias(false)
                .describe())
        .isEqualTo("separableConv2d(16, x2, 3x3, same, no bias)");
  }

  @Test
  void outputShape_hasFiltersChannels() {
    assertThat(Apply.outputShape(SeparableConv2D.of(16, 3), IN)).isEqualTo(Shape.of(8, 8, 16));
    assertThat(Apply.outputShape(SeparableConv2D.of(16, 3).padding(Padding.SAME), IN))
        .isEqualTo(Shape.of(10, 10, 16));
  }

  @Test
  void params_depthwisePlusPointwisePlusBias() {
    SeparableConv2D sep = SeparableConv2D.of(16, 3).depthMultiplier(2);

    // depthwise 3 * 3 * 4 * 2 = 72, pointwise 4 * 2 * 16 = 128, bias 16.
    assertThat(Apply.params(sep, IN)).isEqualTo(ParamCount.trainable(216));
    assertThat(Apply.params(sep.useBias(false), IN)).isEqualTo(ParamCount.trainable(200));
  }

  @Test
  void stats_kerasSpiking_hasNoRule() {
    assertThat(Apply.stats(SeparableConv2D.of(16, 3), KERAS_SPIKING, IN)).isEmpty();
  }

  @Test
  void stats_complete_depthwisePartPlusPointwisePart() {
    SeparableConv2D sep = SeparableConv2D.of(16, 3).depthMultiplier(2);

    // 8 * 8 positions. Depthwise: 4 * 2 = 8 intermediate channels, each from a 3 * 3 window:
    // 64 * 8 * 9 = 4608. Pointwise: 16 outputs per position, each from 8 channels:
    // 64 * 8 * 16 = 8192.
    assertThat(Apply.stats(sep, COMPLETE, IN)).hasValue(LayerStats.connections(4608 + 8192));
  }

  @Test
  void stats_complete_activationCountsTheOutputNeurons() {
    SeparableConv2D sep = SeparableConv2D.of(16, 3).activation(Activation.RELU);

    // 8 * 8 * 4 * 9 + 8 * 8 * 4 * 16 connections, 8 * 8 * 16 neurons.
    assertThat(Apply.stats(sep, COMPLETE, IN)).hasValue(new LayerStats(2304 + 4096, 1024, false));
  }

  @Test
  void nonPositiveArguments_areRejected() {
    Apply.assertInvalid(() -> SeparableConv2D.of(0, 3), "filters must be > 0, was 0");
    Apply.assertInvalid(() -> SeparableConv2D.of(4, 3, 0), "kernelSize must be > 0, was 0");
    Apply.assertInvalid(
        () -> SeparableConv2D.of(4, 3).depthMultiplier(-1), "depthMultiplier must be > 0, was -1");
    Apply.assertInvalid(() -> SeparableConv2D.of(4, 3).strides(0), "strides must be > 0, was 0");
  }

  @Test
  void kernelSize_takesOneValuePerAxis() {
    SeparableConv2D s = SeparableConv2D.of(4, 3).kernelSize(7, 1);
    assertThat(s.kernelSize()).containsExactly(7, 1).inOrder();
    var e = assertThrows(ShapeException.class, () -> SeparableConv2D.of(4, 3).kernelSize(1, 2, 3));
    assertThat(e).hasMessageThat().contains("kernelSize takes 1 or 2 values, got 3");
  }
}
