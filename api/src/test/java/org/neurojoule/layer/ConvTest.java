package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.layer.Accounting.COMPLETE;
import static org.neurojoule.layer.Accounting.KERAS_SPIKING;
import static org.neurojoule.shape.Shape.NONE;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class ConvTest {
  private static final Shape MNIST = Shape.of(28, 28, 1);

  @Test
  void of_hasKerasDefaults() {
    Conv conv = Conv.of(2, 64, 3);

    assertThat(conv.rank()).isEqualTo(2);
    assertThat(conv.filters()).isEqualTo(64);
    assertThat(conv.kernelSize()).containsExactly(3, 3).inOrder();
    assertThat(conv.strides()).containsExactly(1, 1).inOrder();
    assertThat(conv.padding()).isEqualTo(Padding.VALID);
    assertThat(conv.dilationRate()).containsExactly(1, 1).inOrder();
    assertThat(conv.activation()).isEqualTo(Activation.LINEAR);
    assertThat(conv.useBias()).isTrue();
    assertThat(conv.name()).isEmpty();
  }

  @Test
  void type_namesTheRank() {
    assertThat(Conv.of(1, 2, 3).type()).isEqualTo("Conv1D");
    assertThat(Conv.of(2, 2, 3).type()).isEqualTo("Conv2D");
    assertThat(Conv.of(3, 2, 3).type()).isEqualTo("Conv3D");
    assertThat(Conv.of(2, 2, 3).namePrefix()).isEqualTo("conv2d");
  }

  @Test
  void withers_returnModifiedCopies() {
    Conv base = Conv.of(2, 8, 3);

    Conv changed =
        base.strides(2, 1)
            .padding(Padding.SAME)
            .activation(Activation.RELU)
            .useBias(false)
            .name("stem");

    assertThat(changed.strides()).containsExactly(2, 1).inOrder();
    assertThat(changed.padding()).isEqualTo(Padding.SAME);
    assertThat(changed.activation()).isEqualTo(Activation.RELU);
    assertThat(changed.useBias()).isFalse();
    assertThat(changed.name()).hasValue("stem");
    assertThat(base).isEqualTo(Conv.of(2, 8, 3));
    assertThat(base.dilationRate(2).dilationRate()).containsExactly(2, 2).inOrder();
  }

  @Test
  void describe_listsTheOptionsThatDifferFromKeras() {
    assertThat(Conv.of(2, 2, 7).describe()).isEqualTo("conv2d(2, 7x7)");
    assertThat(
            Conv.of(2, 64, 11)
                .strides(4)
                .padding(Padding.SAME)
                .activation(Activation.RELU)
                .useBias(false)
                .describe())
        .isEqualTo("conv2d(64, 11x11, strides 4x4, same, relu, no bias)");
    assertThat(Conv.of(1, 4, 5).dilationRate(2).describe()).isEqualTo("conv1d(4, 5, dilation 2)");
    assertThat(Conv.of(3, 4, 3, 2, 1).describe()).isEqualTo("conv3d(4, 3x2x1)");
  }

  @Test
  void conv2d_mnistStem_has100Params_and47432Connections() {
    Conv conv = Conv.of(2, 2, 7);

    // 28 - 7 + 1 = 22 per spatial axis.
    assertThat(Apply.outputShape(conv, MNIST)).isEqualTo(Shape.of(22, 22, 2));
    // 7 * 7 * 1 * 2 weights + 2 biases.
    assertThat(Apply.params(conv, MNIST)).isEqualTo(new ParamCount(100, 0));
    // 22 * 22 * 2 = 968 outputs, each from 7 * 7 * 1 = 49 inputs: 47432.
    for (Accounting accounting : Accounting.values()) {
      assertThat(Apply.stats(conv, accounting, MNIST)).hasValue(new LayerStats(47432, 0, true));
    }
  }

  @Test
  void conv2d_samePadding_keepsSpatialSize() {
    assertThat(Apply.outputShape(Conv.of(2, 16, 5).padding(Padding.SAME), MNIST))
        .isEqualTo(Shape.of(28, 28, 16));
  }

  @Test
  void conv2d_nonLinearActivation_countsOutputNeurons_andIsNotSpiking() {
    Conv conv = Conv.of(2, 2, 7).activation(Activation.RELU);

    assertThat(Apply.stats(conv, KERAS_SPIKING, MNIST)).hasValue(new LayerStats(47432, 968, false));
    assertThat(Apply.stats(conv, COMPLETE, MNIST)).hasValue(new LayerStats(47432, 968, false));
  }

  @Test
  void conv2d_withoutBias_hasKernelWeightsOnly() {
    assertThat(Apply.params(Conv.of(2, 2, 7).useBias(false), MNIST))
        .isEqualTo(new ParamCount(98, 0));
  }

  @Test
  void conv1d_paramsAndConnections() {
    Shape in = Shape.of(10, 2);
    Conv conv = Conv.of(1, 4, 3);

    // 10 - 3 + 1 = 8 steps.
    assertThat(Apply.outputShape(conv, in)).isEqualTo(Shape.of(8, 4));
    // 3 * 2 * 4 + 4.
    assertThat(Apply.params(conv, in)).isEqualTo(ParamCount.trainable(28));
    // 8 * 4 outputs, each from 3 * 2 inputs.
    assertThat(Apply.stats(conv, KERAS_SPIKING, in)).hasValue(LayerStats.connections(192));
  }

  @Test
  void conv3d_paramsAndConnections() {
    Shape in = Shape.of(5, 6, 7, 3);
    Conv conv = Conv.of(3, 2, 3);

    assertThat(Apply.outputShape(conv, in)).isEqualTo(Shape.of(3, 4, 5, 2));
    // 27 * 3 * 2 + 2.
    assertThat(Apply.params(conv, in)).isEqualTo(ParamCount.trainable(164));
    // 3 * 4 * 5 * 2 = 120 outputs, each from 27 * 3 = 81 inputs.
    assertThat(Apply.stats(conv, COMPLETE, in)).hasValue(LayerStats.connections(9720));
  }

  @Test
  void conv2d_perAxisKernelAndStrides() {
    Conv conv = Conv.of(2, 3, 3, 5).strides(2, 1);

    // rows: starts 0, 2, 4, 6, 8 (last tap 10 < 11); cols: starts 0..6.
    assertThat(Apply.outputShape(conv, Shape.of(11, 11, 1))).isEqualTo(Shape.of(5, 7, 3));
    // 3 * 5 * 1 * 3 + 3.
    assertThat(Apply.params(conv, Shape.of(11, 11, 1))).isEqualTo(ParamCount.trainable(48));
  }

  @Test
  void conv1d_onLeadingTimeAxis_countsOneStep() {
    Shape in = Shape.of(NONE, 3);
    Conv conv = Conv.of(1, 4, 3).activation(Activation.TANH);

    assertThat(Apply.outputShape(conv, in)).isEqualTo(Shape.of(NONE, 4));
    // One step: 4 outputs, each from 3 * 3 inputs.
    assertThat(Apply.stats(conv, KERAS_SPIKING, in)).hasValue(new LayerStats(36, 4, false));
  }

  @Test
  void conv2d_undefinedInnerDimension_shapeWorks_butStatsFail() {
    Shape in = Shape.of(28, NONE, 1);
    Conv conv = Conv.of(2, 2, 7);

    Shape out = Apply.outputShape(conv, in);
    assertThat(out).isEqualTo(Shape.of(22, NONE, 2));
    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.stats(1, "conv2d", conv, List.of(in), out, KERAS_SPIKING));
    assertThat(e.error()).isEqualTo(ShapeError.UNDEFINED_DIMENSION);
    assertThat(e).hasMessageThat().contains("(None, 22, None, 2)");
  }

  @Test
  void conv2d_undefinedChannels_isUndefinedDimension() {
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.outputShape(Conv.of(2, 2, 3), Shape.of(8, 8, NONE)));

    assertThat(e.error()).isEqualTo(ShapeError.UNDEFINED_DIMENSION);
    assertThat(e).hasMessageThat().contains("the input is 8x8x?");
  }

  @Test
  void conv2d_onTemporalInput_isWrongRank_withTimeDistributedHint() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(Conv.of(2, 2, 7), Shape.of(NONE, 28, 28, 1)));

    assertThat(e.error()).isEqualTo(ShapeError.WRONG_RANK);
    assertThat(e).hasMessageThat().contains("wrap it in timeDistributed(...)");
  }

  @Test
  void conv1d_onRank3Input_namesItsAxes() {
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.outputShape(Conv.of(1, 2, 3), Shape.of(4, 4, 4)));

    assertThat(e).hasMessageThat().contains("needs an input of rank 2 (steps, channels)");
  }

  @Test
  void conv3d_onRank3Input_namesItsAxes() {
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.outputShape(Conv.of(3, 2, 3), Shape.of(4, 4, 4)));

    assertThat(e)
        .hasMessageThat()
        .contains("needs an input of rank 4 (depth, rows, cols, channels), but the input is 4x4x4");
  }

  @Test
  void stridesAndDilationBothAboveOne_areAccepted_asOnnxHasThem() {
    // Keras refuses the pair (its importer still does); ONNX and PyTorch convolutions have it.
    Conv conv = Conv.of(2, 4, 3).strides(2).dilationRate(2);
    Shape in = Shape.of(9, 9, 3);

    // Span (3 - 1) * 2 + 1 = 5: floor((9 - 5) / 2) + 1 = 3 per axis.
    assertThat(Apply.outputShape(conv, in)).isEqualTo(Shape.of(3, 3, 4));
    assertThat(Apply.params(conv, in).total()).isEqualTo(3 * 3 * 3 * 4 + 4);
    // 3x3x4 outputs, each reading 3x3 taps of 3 channels.
    assertThat(Apply.stats(conv, Accounting.COMPLETE, in).orElseThrow().connections())
        .isEqualTo(36L * 9 * 3);
    // 'same': ceil(9 / 2) = 5 per axis, whatever the dilation.
    assertThat(Apply.outputShape(conv.padding(Padding.SAME), in)).isEqualTo(Shape.of(5, 5, 4));
    assertThat(conv.describe()).isEqualTo("conv2d(4, 3x3, strides 2x2, dilation 2x2)");
  }

  @Test
  void stridesAndDilationAboveOne_onDifferentAxes_slideEachAxisByItsOwn() {
    Conv conv = Conv.of(2, 4, 3).dilationRate(1, 2).strides(2, 1);

    // Axis 0: floor((9 - 3) / 2) + 1 = 4; axis 1: span 5, floor((9 - 5) / 1) + 1 = 5.
    assertThat(Apply.outputShape(conv, Shape.of(9, 9, 3))).isEqualTo(Shape.of(4, 5, 4));
  }

  @Test
  void stridesOrDilation_alone_areAccepted() {
    assertThat(Conv.of(2, 4, 3).strides(2).strides()).containsExactly(2, 2);
    assertThat(Conv.of(2, 4, 3).dilationRate(3).dilationRate()).containsExactly(3, 3);
  }

  @Test
  void nonPositiveArguments_areRejected() {
    Apply.assertInvalid(() -> Conv.of(2, 0, 3), "filters must be > 0, was 0");
    Apply.assertInvalid(() -> Conv.of(2, -4, 3), "filters must be > 0, was -4");
    Apply.assertInvalid(() -> Conv.of(2, 4, 0), "kernelSize must be > 0, was 0");
    Apply.assertInvalid(() -> Conv.of(2, 4, 3, -1), "kernelSize must be > 0, was -1");
    Apply.assertInvalid(() -> Conv.of(2, 4, 3).strides(0), "strides must be > 0, was 0");
    Apply.assertInvalid(
        () -> Conv.of(2, 4, 3).dilationRate(1, 0), "dilationRate must be > 0, was 0");
  }

  @Test
  void wrongNumberOfPerAxisValues_isRejected() {
    Apply.assertInvalid(() -> Conv.of(2, 4, 3, 3, 3), "kernelSize takes 1 or 2 values, got 3");
    Apply.assertInvalid(() -> Conv.of(3, 4, 3).strides(1, 2), "strides takes 1 or 3 values, got 2");
    Apply.assertInvalid(
        () ->
            new Conv(
                2,
                4,
                List.of(3),
                List.of(1, 1),
                Padding.VALID,
                List.of(1, 1),
                Activation.LINEAR,
                true,
                Optional.empty()),
        "kernelSize takes 2 values, got 1");
  }

  @Test
  void rankOutsideOneToThree_isRejected() {
    Apply.assertInvalid(() -> Conv.of(4, 4, 3), "convolution rank must be 1, 2 or 3, was 4");
    Apply.assertInvalid(() -> Conv.of(0, 4, 3), "convolution rank must be 1, 2 or 3, was 0");
  }

  @Test
  void blankName_isRejected() {
    Apply.assertInvalid(() -> Conv.of(2, 4, 3).name(" "), "a layer name must not be blank");
  }

  @Test
  void paramsOverflow_isNnOverflow() {
    // A 2^21-cubed kernel has 2^63 weights per channel and filter: more than a long holds.
    int k = 1 << 21;
    var e =
        assertThrows(
            ShapeException.class, () -> Apply.params(Conv.of(3, 1, k), Shape.of(k, k, k, 1)));

    assertThat(e.error()).isEqualTo(ShapeError.OVERFLOW);
    assertThat(e.layerName()).hasValue(Apply.NAME);
  }

  @Test
  void kernelSize_takesOneValuePerAxis() {
    Conv conv = Conv.of(2, 32, 1).kernelSize(1, 7);

    assertThat(conv.kernelSize()).containsExactly(1, 7).inOrder();
    assertThat(Apply.outputShape(conv, Shape.of(10, 10, 3))).isEqualTo(Shape.of(10, 4, 32));
    assertThat(Conv.of(3, 4, 1).kernelSize(2).kernelSize()).containsExactly(2, 2, 2).inOrder();
  }

  @Test
  void kernelSize_checksItsValues() {
    var count = assertThrows(ShapeException.class, () -> Conv.of(2, 32, 1).kernelSize(1, 7, 3));
    assertThat(count)
        .hasMessageThat()
        .isEqualTo("[NnInvalidArgument] kernelSize takes 1 or 2" + " values, got 3");
    var zero = assertThrows(ShapeException.class, () -> Conv.of(2, 32, 1).kernelSize(1, 0));
    assertThat(zero).hasMessageThat().contains("kernelSize must be > 0, was 0");
  }

  @Test
  void hugeDilationWithSamePadding_keepsTheInputSize() {
    // The effective kernel (3 - 1) * 1.5e9 + 1 is beyond int; 'same' still gives ceil(n / s).
    Conv conv = Conv.of(2, 8, 3).dilationRate(1_500_000_000).padding(Padding.SAME);
    assertThat(Apply.outputShape(conv, Shape.of(8, 8, 1))).isEqualTo(Shape.of(8, 8, 8));
    var e =
        assertThrows(
            ShapeException.class,
            () ->
                Apply.outputShape(Conv.of(2, 8, 3).dilationRate(1_500_000_000), Shape.of(8, 8, 1)));
    assertThat(e).hasMessageThat().contains("3x3 kernel dilated to 3000000001x3000000001");
  }

  @Test
  void causalConv1d_countsEveryTapAsSameDoes() {
    // Keras and the reference count output size x kernel x cin whatever the padding, taps over
    // the zeros included: causal gives exactly what same gives.
    Shape in = Shape.of(32, 20);
    Conv causal = Conv.of(1, 4, 3).padding(Padding.CAUSAL).activation(Activation.TANH);
    Conv same = causal.padding(Padding.SAME);

    for (Accounting accounting : Accounting.values()) {
      LayerStats stats = Apply.stats(causal, accounting, in).orElseThrow();
      assertThat(stats.connections()).isEqualTo(32L * 3 * 20 * 4);
      assertThat(stats.neurons()).isEqualTo(32L * 4);
      assertThat(stats).isEqualTo(Apply.stats(same, accounting, in).orElseThrow());
    }
    assertThat(Apply.params(causal, in).total()).isEqualTo(3L * 20 * 4 + 4);
    assertThat(causal.describe()).isEqualTo("conv1d(4, 3, causal, tanh)");
  }
}
