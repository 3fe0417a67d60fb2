package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/** PReLU, Embedding, LayerNormalization and Conv1D/2D/3DTranspose: shapes, counts and errors. */
class WeightedLayersTest {
  private static final List<Shape> IMAGE = List.of(Shape.of(5, 6, 3));

  @Test
  void prelu_alphaOfTheInputShapeWithSharedAxesOne() {
    PReLU perChannel = PReLU.of().sharedAxes(2, 1);
    List<Shape> open = List.of(Shape.of(NONE, NONE, 10));

    assertThat(perChannel.sharedAxes()).containsExactly(1, 2).inOrder();
    assertThat(perChannel.outputShape(open)).isEqualTo(open.get(0));
    assertThat(perChannel.params(open)).isEqualTo(ParamCount.trainable(10));
    assertThat(WeightShapes.of(perChannel, open))
        .containsExactly(new WeightShapes.Weight("alpha", new int[] {1, 1, 10}));
    assertThat(PReLU.of().params(IMAGE)).isEqualTo(ParamCount.trainable(90));
    assertThat(PReLU.of().stats(IMAGE, IMAGE.get(0), Accounting.COMPLETE))
        .isEqualTo(Optional.of(new LayerStats(0, 90, false)));
    assertThat(PReLU.of().stats(IMAGE, IMAGE.get(0), Accounting.KERAS_SPIKING)).isEmpty();
    assertThat(perChannel.describe()).isEqualTo("prelu(shared axes [1, 2])");
    assertThat(perChannel.namePrefix()).isEqualTo("p_re_lu");
  }

  @Test
  void prelu_errorsNameTheAxis() {
    assertThat(assertThrows(ShapeException.class, () -> PReLU.of().sharedAxes(0)).getMessage())
        .isEqualTo("[NnInvalidArgument] sharedAxes must be >= 1 (axis 0 is the batch), was 0");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> PReLU.of().params(List.of(Shape.of(NONE, NONE, 10))))
                .getMessage())
        .contains(
            "needs a defined size on every axis it does not share, but axis 1 of (None,"
                + " None, None, 10) is undefined; share it with sharedAxes(1) or give it a size");
    assertThat(
            assertThrows(ShapeException.class, () -> PReLU.of().sharedAxes(4).outputShape(IMAGE))
                .getMessage())
        .contains("shared axis 4 is beyond the input (None, 5, 6, 3) (its axes are 1 to 3)");
  }

  @Test
  void embedding_addsAnAxis_anyRankAndUndefinedTime() {
    Embedding e = Embedding.of(1000, 64);

    assertThat(e.outputShape(List.of(Shape.of(NONE)))).isEqualTo(Shape.of(NONE, 64));
    assertThat(e.outputShape(List.of(Shape.of(3, 7)))).isEqualTo(Shape.of(3, 7, 64));
    assertThat(e.params(List.of(Shape.of(NONE)))).isEqualTo(ParamCount.trainable(64_000));
    assertThat(WeightShapes.of(e, List.of(Shape.of(NONE))))
        .containsExactly(new WeightShapes.Weight("embeddings", new int[] {1000, 64}));
    assertThat(e.stats(List.of(Shape.of(NONE)), Shape.of(NONE, 64), Accounting.COMPLETE))
        .isEqualTo(Optional.of(LayerStats.NONE));
    assertThat(e.stats(List.of(Shape.of(5)), Shape.of(5, 64), Accounting.KERAS_SPIKING)).isEmpty();
    assertThat(e.maskZero(true).params(List.of(Shape.of(5)))).isEqualTo(e.params(List.of()));
    assertThat(e.maskZero(true).describe()).isEqualTo("embedding(1000, 64, mask zero)");
  }

  @Test
  void embedding_errors() {
    assertThat(assertThrows(ShapeException.class, () -> Embedding.of(0, 4)).getMessage())
        .isEqualTo("[NnInvalidArgument] inputDim must be > 0, was 0");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> Embedding.of(5, 3).inputLength(6).outputShape(List.of(Shape.of(4))))
                .getMessage())
        .contains("inputLength is 6, but the input (None, 4) has sequences of 4");
    assertThat(Embedding.of(5, 3).inputLength(6).outputShape(List.of(Shape.of(NONE))))
        .isEqualTo(Shape.of(NONE, 3));
    assertThat(Embedding.of(Integer.MAX_VALUE, Integer.MAX_VALUE).params(List.of()).total())
        .isEqualTo((long) Integer.MAX_VALUE * Integer.MAX_VALUE);
  }

  @Test
  void layerNormalization_paramsOfTheNormalizedAxes_neuronsPerOutputUnit() {
    LayerNormalization last = LayerNormalization.of();
    LayerNormalization two = LayerNormalization.of().axis(-1, 1).scale(false);
    List<Shape> series = List.of(Shape.of(NONE, 8));

    assertThat(last.params(IMAGE)).isEqualTo(ParamCount.trainable(6));
    assertThat(two.params(IMAGE)).isEqualTo(ParamCount.trainable(15));
    assertThat(WeightShapes.of(two, IMAGE))
        .containsExactly(new WeightShapes.Weight("beta", new int[] {5, 3}));
    assertThat(WeightShapes.hasWeights(last.center(false).scale(false))).isFalse();
    assertThat(last.outputShape(series)).isEqualTo(series.get(0));
    assertThat(last.stats(series, series.get(0), Accounting.COMPLETE))
        .isEqualTo(Optional.of(new LayerStats(0, 8, false)));
    assertThat(last.stats(IMAGE, IMAGE.get(0), Accounting.KERAS_SPIKING)).isEmpty();
    assertThat(two.describe()).isEqualTo("layerNormalization(axis [-1, 1])");
  }

  @Test
  void layerNormalization_errors() {
    assertThat(
            assertThrows(ShapeException.class, () -> LayerNormalization.of().axis(0)).getMessage())
        .isEqualTo(
            "[NnInvalidArgument] axis 0 is the batch, which"
                + " LayerNormalization cannot normalize over");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> LayerNormalization.of().axis(1).outputShape(List.of(Shape.of(NONE, 8))))
                .getMessage())
        .contains("normalizes over axis 1 of (None, None, 8), which is undefined");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> LayerNormalization.of().axis(-1, 3).outputShape(IMAGE))
                .getMessage())
        .contains("axis [-1, 3] names axis 3 of (None, 5, 6, 3) twice");
    assertThat(
            assertThrows(
                    ShapeException.class, () -> LayerNormalization.of().axis(4).outputShape(IMAGE))
                .getMessage())
        .contains("axis 4 is beyond the input (None, 5, 6, 3)");
    assertThat(
            assertThrows(ShapeException.class, () -> LayerNormalization.of().epsilon(0))
                .getMessage())
        .startsWith("[NnInvalidArgument] epsilon must be a number > 0");
  }

  @Test
  void convTranspose_kerasOutputLengths() {
    // valid: n * s + max(k - s, 0); same: n * s
    assertThat(ConvTranspose.conv2dTranspose(4, 3).outputShape(IMAGE)).isEqualTo(Shape.of(7, 8, 4));
    assertThat(ConvTranspose.conv2dTranspose(4, 3).strides(2).outputShape(IMAGE))
        .isEqualTo(Shape.of(11, 13, 4));
    assertThat(ConvTranspose.conv2dTranspose(4, 2).strides(3).outputShape(IMAGE))
        .isEqualTo(Shape.of(15, 18, 4));
    assertThat(
            ConvTranspose.conv2dTranspose(4, 3).strides(2).padding(Padding.SAME).outputShape(IMAGE))
        .isEqualTo(Shape.of(10, 12, 4));
    // with output padding: (n - 1) * s + k - 2 * pad + outputPadding
    assertThat(
            ConvTranspose.conv2dTranspose(4, 3)
                .strides(2)
                .padding(Padding.SAME)
                .outputPadding(1, 0)
                .outputShape(IMAGE))
        .isEqualTo(Shape.of(10, 11, 4));
    assertThat(
            ConvTranspose.conv1dTranspose(2, 3)
                .dilationRate(2)
                .outputShape(List.of(Shape.of(NONE, 4))))
        .isEqualTo(Shape.of(NONE, 2));
    assertThat(
            ConvTranspose.conv1dTranspose(2, 3)
                .dilationRate(2)
                .outputShape(List.of(Shape.of(6, 4))))
        .isEqualTo(Shape.of(10, 2));
    assertThat(
            ConvTranspose.conv3dTranspose(2, 2)
                .strides(2)
                .outputShape(List.of(Shape.of(2, 3, 4, 1))))
        .isEqualTo(Shape.of(4, 6, 8, 2));
  }

  @Test
  void convTranspose_paramsWeightsAndStatistics() {
    ConvTranspose c = ConvTranspose.conv2dTranspose(4, 3).strides(2).activation(Activation.RELU);
    Shape out = c.outputShape(IMAGE);

    assertThat(c.params(IMAGE)).isEqualTo(ParamCount.trainable(3 * 3 * 3 * 4 + 4));
    assertThat(c.useBias(false).params(IMAGE)).isEqualTo(ParamCount.trainable(3 * 3 * 3 * 4));
    assertThat(WeightShapes.of(c, IMAGE))
        .containsExactly(
            new WeightShapes.Weight("kernel", new int[] {3, 3, 4, 3}),
            new WeightShapes.Weight("bias", new int[] {4}))
        .inOrder();
    // DESIGN.md section 4: input size x kernel volume x filters
    assertThat(c.stats(IMAGE, out, Accounting.COMPLETE))
        .isEqualTo(Optional.of(new LayerStats(5 * 6 * 3 * 9 * 4, 11 * 13 * 4, false)));
    assertThat(c.activation(Activation.LINEAR).stats(IMAGE, out, Accounting.COMPLETE))
        .isEqualTo(Optional.of(new LayerStats(5 * 6 * 3 * 9 * 4, 0, true)));
    assertThat(c.stats(IMAGE, out, Accounting.KERAS_SPIKING)).isEmpty();
    assertThat(c.type()).isEqualTo("Conv2DTranspose");
    assertThat(c.namePrefix()).isEqualTo("conv2d_transpose");
    assertThat(c.describe()).isEqualTo("conv2dTranspose(4, 3x3, strides 2x2, relu)");
    assertThat(c.padding(Padding.SAME).outputPadding(1).describe())
        .isEqualTo("conv2dTranspose(4, 3x3, strides 2x2, same, relu, output padding 1x1)");
  }

  @Test
  void convTranspose_errors() {
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> ConvTranspose.conv2dTranspose(4, 3).strides(2).outputPadding(2))
                .getMessage())
        .isEqualTo(
            "[NnInvalidArgument] outputPadding must be >= 0 and below the stride, but"
                + " axis 0 has outputPadding 2 and stride 2");
    // Strides with a dilation (Keras refuses the pair, ONNX has it): (5 - 1) * 2 + 5 = 13.
    assertThat(
            Apply.outputShape(
                ConvTranspose.conv2dTranspose(4, 3).strides(2).dilationRate(2), Shape.of(5, 5, 3)))
        .isEqualTo(Shape.of(13, 13, 4));
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> ConvTranspose.conv2dTranspose(4, 3).outputShape(List.of(Shape.of(5, 3))))
                .getMessage())
        .contains("needs an input of rank 3");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () ->
                        ConvTranspose.conv1dTranspose(1, 2)
                            .strides(Integer.MAX_VALUE)
                            .outputShape(List.of(Shape.of(4, 1))))
                .getMessage())
        .contains("axis 0 of 4x1 gives an output length of 8589934588, outside 1 to 2147483647");
  }
}
