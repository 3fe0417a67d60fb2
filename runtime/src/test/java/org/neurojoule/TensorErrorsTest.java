package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.Model.NONE;

import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Padding;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/** Impossible declarations fail at the declaring call, naming the layer and the shapes. */
class TensorErrorsTest {

  @Test
  void kernelLargerThanInput() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Model.input(5, 5, 3).conv2d(8, 3).conv2d(64, 11, c -> c.strides(4)));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnKernelTooLarge] layer 2 'conv2d_1' "
                + "conv2d(64, 11x11, strides 4x4): input 3x3x8 is smaller than the 11x11 kernel (valid"
                + " padding: out = floor((n - ((k - 1) * d + 1)) / s) + 1 < 1); use padding same or a"
                + " kernel of at most 3x3");
    assertThat(e.code()).isEqualTo("NnKernelTooLarge");
    assertThat(e.layerIndex().getAsInt()).isEqualTo(2);
    assertThat(e.layerName()).hasValue("conv2d_1");
    assertThat(e.inputShapes()).containsExactly(Shape.of(3, 3, 8));
  }

  @Test
  void poolLargerThanInput() {
    var e = assertThrows(ShapeException.class, () -> Model.input(2, 2, 1).maxPooling2d(3));
    assertThat(e)
        .hasMessageThat()
        .startsWith(
            "[NnPoolTooLarge] layer 1 'max_pooling2d' maxPooling2d(3x3): input 2x2x1 is smaller than"
                + " the 3x3 pool");
  }

  @Test
  void convolutionOnWrongRank_suggestsTimeDistributed() {
    var e = assertThrows(ShapeException.class, () -> Model.input(NONE, 28, 28, 1).conv2d(2, 7));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnWrongRank] layer 1 'conv2d' conv2d(2, 7x7):"
                + " needs an input of rank 3 (rows, cols, channels), but the input is"
                + " ?x28x28x1 (rank 4); to apply it on every timestep, wrap it in timeDistributed(...)");
  }

  @Test
  void addOfDifferentShapes() {
    Tensor x = Model.input(8);
    var e = assertThrows(ShapeException.class, () -> Tensor.add(x.dense(4), x.dense(5)));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnAddShapeMismatch] layer 3 'add' add: cannot"
                + " add inputs of different shapes [4, 5]; input 1 is 5 but input 0 is 4");
  }

  @Test
  void concatenateMismatchOffTheAxis() {
    Tensor x = Model.input(8, 8, 3);
    var e =
        assertThrows(
            ShapeException.class, () -> Tensor.concatenate(x.conv2d(4, 3), x.conv2d(4, 1)));
    assertThat(e)
        .hasMessageThat()
        .startsWith(
            "[NnConcatenateMismatch] layer 3 'concatenate'"
                + " concatenate: cannot concatenate [6x6x4, 8x8x4] along axis -1: input 1 is 8x8x4 but"
                + " input 0 is 6x6x4");
  }

  @Test
  void reshapeElementMismatch() {
    var e = assertThrows(ShapeException.class, () -> Model.input(4, 6).reshape(5, 5));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnReshapeMismatch] layer 1 'reshape'"
                + " reshape(5x5): cannot reshape input 4x6 (24 elements) to 5x5 (25 elements); the"
                + " element counts must be equal");
  }

  @Test
  void nonPositiveSizes_nameTheLayer() {
    var e = assertThrows(ShapeException.class, () -> Model.input(28, 28, 1).conv2d(0, 7));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("[NnInvalidArgument] layer 1 'conv2d' conv2d: filters must be > 0, was 0");
    var e2 = assertThrows(ShapeException.class, () -> Model.input(10).relu().dense(-3));
    assertThat(e2)
        .hasMessageThat()
        .isEqualTo("[NnInvalidArgument] layer 2 'dense' dense: units must be > 0, was -3");
    var e3 =
        assertThrows(
            ShapeException.class, () -> Model.input(28, 28, 1).conv2d(2, 3, c -> c.strides(0)));
    assertThat(e3).hasMessageThat().contains("strides must be > 0, was 0");
  }

  @Test
  void dropoutRateOutsideRange() {
    var e = assertThrows(ShapeException.class, () -> Model.input(10).dropout(1.0));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnInvalidArgument] layer 1 'dropout' dropout: dropout rate must be in [0, 1), was 1.0");
    assertThrows(ShapeException.class, () -> Model.input(10).dropout(-0.1));
    assertThrows(ShapeException.class, () -> Model.input(10).dropout(Double.NaN));
  }

  @Test
  void reluConfigError_usesKerasPrefix() {
    var e =
        assertThrows(ShapeException.class, () -> Model.input(10).relu().relu(r -> r.maxValue(-1)));
    assertThat(e).hasMessageThat().startsWith("[NnInvalidArgument] layer 2 're_lu_1' relu:");
  }

  @Test
  void statisticsOverAnUndefinedDimension_failWhenEstimating() {
    Tensor out = Model.input(28, NONE).relu();
    var e = assertThrows(ShapeException.class, out::energy);
    assertThat(e)
        .hasMessageThat()
        .startsWith(
            "[NnUndefinedDimension] layer 1 're_lu' relu:"
                + " statistics need the output size, but (None, 28, None) has an undefined dimension");
  }

  @Test
  void denseNeedsADefinedLastDimension() {
    var e = assertThrows(ShapeException.class, () -> Model.input(4, NONE).dense(3));
    assertThat(e).hasMessageThat().contains("needs a defined last (channel) dimension");
  }

  @Test
  void badInputShape() {
    var e = assertThrows(IllegalArgumentException.class, () -> Model.input(28, 0));
    assertThat(e).hasMessageThat().contains("dimension 1 of a shape must be > 0 or NONE, was 0");
  }

  @Test
  void reusedDenseOnAnotherFeatureCount_isRefused() {
    // Keras builds the weights for the first input; reading them for another once crashed the JVM.
    Tensor d = Model.input(3).dense(991);
    var e = assertThrows(IllegalArgumentException.class, () -> d.layer().apply(d));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "layer 'dense' dense(991) (Dense) was built for"
                + " input (None, 3); it cannot be applied to (None, 991): its weights are (3, 991) and"
                + " (991,), the new input would need (991, 991) and (991,)");
  }

  @Test
  void reusedConvOnAnotherChannelCount_isRefused() {
    Tensor c = Model.input(8, 8, 3).conv2d(4, 3);
    var e = assertThrows(IllegalArgumentException.class, () -> c.layer().apply(c));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "layer 'conv2d' conv2d(4, 3x3) (Conv2D) was built"
                + " for input (None, 8, 8, 3); it cannot be applied to (None, 6, 6, 4): its weights are"
                + " (3, 3, 3, 4) and (4,), the new input would need (3, 3, 4, 4) and (4,)");
    // The same channel count on another spatial size is fine, as in Keras.
    Tensor other = Model.input(10, 10, 3);
    assertThat(c.layer().apply(other).shape()).isEqualTo(Shape.of(8, 8, 4));
  }

  @Test
  void nonSquareKernelSizeError_namesTheLayer() {
    assertThat(Model.input(10, 10, 3).conv2d(32, 1, c -> c.kernelSize(1, 7)).shape())
        .isEqualTo(Shape.of(10, 4, 32));
    var e =
        assertThrows(
            ShapeException.class,
            () -> Model.input(10, 10, 3).conv2d(32, 1, c -> c.kernelSize(1, 7, 7)));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnInvalidArgument] layer 1 'conv2d' conv2d:"
                + " kernelSize takes 1 or 2 values, got 3");
  }

  @Test
  void causalPaddingOnConv2d_namesTheLayer() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Model.input(10, 10, 3).conv2d(4, 3, c -> c.padding(Padding.CAUSAL)));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnInvalidArgument] layer 1 'conv2d' conv2d:"
                + " padding causal is for Conv1D only; Conv2D takes valid or same");
  }
}
