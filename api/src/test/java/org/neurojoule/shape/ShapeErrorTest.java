package org.neurojoule.shape;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.Add;
import org.neurojoule.layer.Concatenate;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.Dropout;
import org.neurojoule.layer.Layers;
import org.neurojoule.layer.PoolKind;
import org.neurojoule.layer.Pooling;
import org.neurojoule.layer.Reshape;

/**
 * The wording of every error code, as a user reads it: the bracketed code, then the layer (index,
 * name, declaration) that {@link Layers} places it on, then what is wrong with real numbers.
 */
class ShapeErrorTest {
  private static final String VALID_RULE =
      "(valid padding: out = floor((n - ((k - 1) * d + 1)) / s) + 1 < 1)";

  @Test
  void codes_areStable() {
    assertThat(Arrays.stream(ShapeError.values()).map(ShapeError::code))
        .containsExactly(
            "NnKernelTooLarge",
            "NnPoolTooLarge",
            "NnWrongRank",
            "NnUndefinedDimension",
            "NnAddShapeMismatch",
            "NnConcatenateMismatch",
            "NnReshapeMismatch",
            "NnInputCount",
            "NnInvalidArgument",
            "NnOverflow")
        .inOrder();
  }

  @Test
  void kernelTooLarge_namesLayerInputKernelAndFix() {
    Shape in = Shape.of(5, 5, 3);

    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.outputShape(3, "conv2d_1", Conv.of(2, 64, 11).strides(4), List.of(in)));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnKernelTooLarge] layer 3 'conv2d_1' conv2d(64, 11x11, strides 4x4): input 5x5x3 is"
                + " smaller than the 11x11 kernel "
                + VALID_RULE
                + "; use padding same or a kernel of at most 5x5");
    assertThat(e.error()).isEqualTo(ShapeError.KERNEL_TOO_LARGE);
    assertThat(e.layerIndex()).hasValue(3);
    assertThat(e.layerName()).hasValue("conv2d_1");
    assertThat(e.layerDescription()).hasValue("conv2d(64, 11x11, strides 4x4)");
    assertThat(e.inputShapes()).containsExactly(in);
  }

  @Test
  void kernelTooLarge_dilated_namesTheDilatedExtent() {
    var e =
        assertThrows(
            ShapeException.class,
            () ->
                Layers.outputShape(
                    2, "conv2d", Conv.of(2, 8, 3).dilationRate(3), List.of(Shape.of(6, 6, 1))));

    // A 3-tap kernel with dilation 3 spans (3 - 1) * 3 + 1 = 7 > 6 inputs.
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnKernelTooLarge] layer 2 'conv2d' conv2d(8, 3x3, dilation 3x3): input 6x6x1 is"
                + " smaller than the 3x3 kernel dilated to 7x7 "
                + VALID_RULE
                + "; use padding same or a kernel of at most 6x6");
  }

  @Test
  void poolTooLarge_namesLayerInputPoolAndFix() {
    Shape in = Shape.of(2, 2, 1);

    var e =
        assertThrows(
            ShapeException.class,
            () ->
                Layers.outputShape(
                    4, "max_pooling2d", Pooling.of(PoolKind.MAX, 2, 3), List.of(in)));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnPoolTooLarge] layer 4 'max_pooling2d' maxPooling2d(3x3): input 2x2x1 is smaller"
                + " than the 3x3 pool "
                + VALID_RULE
                + "; use padding same or a pool of at most 2x2");
    assertThat(e.error()).isEqualTo(ShapeError.POOL_TOO_LARGE);
    assertThat(e.inputShapes()).containsExactly(in);
  }

  @Test
  void wrongRank_convOnTemporalInput_suggestsTimeDistributed() {
    Shape in = Shape.of(NONE, 28, 28, 1);

    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.outputShape(1, "conv2d", Conv.of(2, 2, 7), List.of(in)));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnWrongRank] layer 1 'conv2d' conv2d(2, 7x7): needs an input of rank 3"
                + " (rows, cols, channels), but the input is ?x28x28x1 (rank 4); to apply it on"
                + " every timestep, wrap it in timeDistributed(...)");
    assertThat(e.inputShapes()).containsExactly(in);
  }

  @Test
  void wrongRank_convOnTooFewDimensions_hasNoTimeDistributedHint() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.outputShape(1, "conv2d", Conv.of(2, 2, 7), List.of(Shape.of(28, 28))));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnWrongRank] layer 1 'conv2d' conv2d(2, 7x7): needs an input of rank 3"
                + " (rows, cols, channels), but the input is 28x28 (rank 2)");
  }

  @Test
  void wrongRank_definedLeadingAxis_hasNoTimeDistributedHint() {
    // Rank 4 for a Conv2D, but the first axis has a size, so it is not read as time.
    var e =
        assertThrows(
            ShapeException.class,
            () ->
                Layers.outputShape(1, "conv2d", Conv.of(2, 2, 7), List.of(Shape.of(5, 28, 28, 1))));

    assertThat(e).hasMessageThat().endsWith("but the input is 5x28x28x1 (rank 4)");
  }

  @Test
  void wrongRank_denseOnScalar() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.outputShape(2, "dense", Dense.of(10), List.of(Shape.of())));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnWrongRank] layer 2 'dense' dense(10): needs an input of rank 1 or more, but the"
                + " input is a scalar");
    assertThat(e.inputShapes()).containsExactly(Shape.of());
  }

  @Test
  void undefinedDimension_inStatistics_namesTheShapeAndTheTimeRule() {
    Shape in = Shape.of(5, NONE, 8);
    Dense dense = Dense.of(4);
    Shape out = Layers.outputShape(2, "dense", dense, List.of(in));

    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.stats(2, "dense", dense, List.of(in), out, Accounting.KERAS_SPIKING));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnUndefinedDimension] layer 2 'dense' dense(4): statistics need the output size, but"
                + " (None, 5, None, 4) has an undefined dimension other than a leading time axis;"
                + " give every dimension after the first a size");
    assertThat(e.inputShapes()).containsExactly(in);
  }

  @Test
  void undefinedDimension_channels() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.outputShape(2, "dense", Dense.of(4), List.of(Shape.of(8, NONE))));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnUndefinedDimension] layer 2 'dense' dense(4): needs a defined last (channel)"
                + " dimension, but the input is 8x?");
  }

  @Test
  void addShapeMismatch_namesBothShapes() {
    List<Shape> in = List.of(Shape.of(4), Shape.of(5));

    var e = assertThrows(ShapeException.class, () -> Layers.outputShape(3, "add", Add.of(), in));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnAddShapeMismatch] layer 3 'add' add: cannot add inputs of different shapes"
                + " [4, 5]; input 1 is 5 but input 0 is 4");
    assertThat(e.inputShapes()).containsExactlyElementsIn(in).inOrder();
  }

  @Test
  void concatenateMismatch_offTheAxis() {
    List<Shape> in = List.of(Shape.of(6, 6, 4), Shape.of(8, 8, 4));

    var e =
        assertThrows(
            ShapeException.class, () -> Layers.outputShape(3, "concatenate", Concatenate.of(), in));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnConcatenateMismatch] layer 3 'concatenate' concatenate: cannot concatenate"
                + " [6x6x4, 8x8x4] along axis -1: input 1 is 8x8x4 but input 0 is 6x6x4; all"
                + " dimensions except the concatenation axis must be equal");
    assertThat(e.inputShapes()).containsExactlyElementsIn(in).inOrder();
  }

  @Test
  void concatenateMismatch_axisOutOfRange() {
    List<Shape> in = List.of(Shape.of(2, 3), Shape.of(2, 3));

    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.outputShape(3, "concatenate", Concatenate.of().axis(3), in));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnConcatenateMismatch] layer 3 'concatenate' concatenate(axis 3): axis 3 is out of"
                + " range for inputs [2x3, 2x3] of rank 2 (plus the batch)");
  }

  @Test
  void reshapeMismatch_namesBothCounts() {
    Shape in = Shape.of(22, 22, 2);

    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.outputShape(5, "reshape", Reshape.of(10, 10), List.of(in)));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnReshapeMismatch] layer 5 'reshape' reshape(10x10): cannot reshape input 22x22x2"
                + " (968 elements) to 10x10 (100 elements); the element counts must be equal");
    assertThat(e.inputShapes()).containsExactly(in);
  }

  @Test
  void reshapeMismatch_inferred_notAMultiple() {
    var e =
        assertThrows(
            ShapeException.class,
            () ->
                Layers.outputShape(5, "reshape", Reshape.of(-1, 5), List.of(Shape.of(22, 22, 2))));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnReshapeMismatch] layer 5 'reshape' reshape(-1x5): cannot reshape input 22x22x2"
                + " (968 elements) to -1x5: 968 is not a multiple of 5");
  }

  @Test
  void inputCount_mergeOfOne() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.outputShape(3, "add", Add.of(), List.of(Shape.of(4))));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo("[NnInputCount] layer 3 'add' add: takes at least 2 input(s), got 1 [4]");
    assertThat(e.inputShapes()).containsExactly(Shape.of(4));
  }

  @Test
  void inputCount_singleInputLayerGivenTwo() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.params(2, "dense", Dense.of(10), List.of(Shape.of(4), Shape.of(4))));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo("[NnInputCount] layer 2 'dense' dense(10): takes 1 input(s), got 2 [4, 4]");
  }

  @Test
  void invalidArgument_fromTheDeclaration_hasNoLayerYet() {
    var e = assertThrows(ShapeException.class, () -> Dropout.of(1.0));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo("[NnInvalidArgument] dropout rate must be in [0, 1), was 1.0");
    assertThat(e.error()).isEqualTo(ShapeError.INVALID_ARGUMENT);
    assertThat(e.layerIndex()).isEmpty();
    assertThat(e.inputShapes()).isEmpty();
  }

  @Test
  void invalidArgument_placedOnALayer_namesIt() {
    ShapeException e = assertThrows(ShapeException.class, () -> Conv.of(2, 0, 3));

    assertThat(e.inLayer(3, "conv2d_1", "conv2d").getMessage())
        .isEqualTo("[NnInvalidArgument] layer 3 'conv2d_1' conv2d: filters must be > 0, was 0");
  }

  @Test
  void overflow_namesTheLayerAndInput() {
    // 2^20 cubed times 8 filters is 2^63, one more than Long.MAX_VALUE.
    int big = 1 << 20;
    Shape in = Shape.of(big, big, big, 1);
    Conv conv = Conv.of(3, 8, 1);
    Shape out = Layers.outputShape(1, "conv3d", conv, List.of(in));

    var e =
        assertThrows(
            ShapeException.class,
            () -> Layers.stats(1, "conv3d", conv, List.of(in), out, Accounting.COMPLETE));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnOverflow] layer 1 'conv3d' conv3d(8, 1x1x1): a size or count for input"
                + " [1048576x1048576x1048576x1] is too large: a dimension must fit in 32 bits (at most 2147483647) and a count in 64");
    assertThat(e.error()).isEqualTo(ShapeError.OVERFLOW);
    assertThat(e.inputShapes()).containsExactly(in);
  }

  @Test
  void placedErrors_nameEveryInputShapeInTheText() {
    Shape a = Shape.of(17, 13, 3);
    Shape b = Shape.of(19, 13, 3);
    List<Executable> calls =
        List.of(
            () -> Layers.outputShape(1, "c", Conv.of(2, 4, 15), List.of(Shape.of(17, 13, 3))),
            () ->
                Layers.outputShape(
                    1, "p", Pooling.of(PoolKind.MAX, 2, 14), List.of(Shape.of(17, 13, 3))),
            () -> Layers.outputShape(1, "c", Conv.of(1, 4, 3), List.of(Shape.of(17, 13, 3))),
            () -> Layers.outputShape(1, "d", Dense.of(4), List.of(Shape.of(17, 13, NONE))),
            () -> Layers.outputShape(1, "a", Add.of(), List.of(a, b)),
            () -> Layers.outputShape(1, "k", Concatenate.of(), List.of(a, b)),
            () -> Layers.outputShape(1, "r", Reshape.of(7, 7), List.of(a)),
            () ->
                Layers.stats(
                    1,
                    "d",
                    Dense.of(Integer.MAX_VALUE),
                    List.of(Shape.of(Integer.MAX_VALUE, Integer.MAX_VALUE)),
                    Shape.of(Integer.MAX_VALUE, Integer.MAX_VALUE),
                    Accounting.KERAS_SPIKING));
    for (Executable call : calls) {
      var e = assertThrows(ShapeException.class, call);
      assertThat(e.inputShapes()).isNotEmpty();
      assertThat(e).hasMessageThat().containsMatch("^\\[Nn[A-Za-z]+\\] layer 1 '[a-z]' ");
      for (Shape s : e.inputShapes()) {
        assertThat(e).hasMessageThat().contains(s.toString());
      }
    }
  }

  @Test
  void placedErrors_inputCountAndConcatenateAxis_nameTheirInputShapes() {
    Shape a = Shape.of(17, 13, 3);
    Shape b = Shape.of(19, 13, 3);

    var count =
        assertThrows(
            ShapeException.class, () -> Layers.outputShape(1, "add", Add.of(), List.of(a)));
    assertThat(count).hasMessageThat().contains("17x13x3");
    var axis =
        assertThrows(
            ShapeException.class,
            () -> Layers.outputShape(1, "k", Concatenate.of().axis(4), List.of(a, b)));
    assertThat(axis).hasMessageThat().contains("[17x13x3, 19x13x3]");
  }
}
