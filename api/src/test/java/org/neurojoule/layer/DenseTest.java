package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.layer.Accounting.COMPLETE;
import static org.neurojoule.layer.Accounting.KERAS_SPIKING;
import static org.neurojoule.shape.Shape.NONE;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class DenseTest {

  @Test
  void of_hasKerasDefaults() {
    Dense dense = Dense.of(10);

    assertThat(dense.units()).isEqualTo(10);
    assertThat(dense.activation()).isEqualTo(Activation.LINEAR);
    assertThat(dense.useBias()).isTrue();
    assertThat(dense.name()).isEmpty();
    assertThat(dense.type()).isEqualTo("Dense");
    assertThat(dense.describe()).isEqualTo("dense(10)");
  }

  @Test
  void withers_returnModifiedCopies() {
    Dense changed = Dense.of(10).activation(Activation.SOFTMAX).useBias(false).name("logits");

    assertThat(changed).isEqualTo(new Dense(10, Activation.SOFTMAX, false, Optional.of("logits")));
    assertThat(changed.describe()).isEqualTo("dense(10, softmax, no bias)");
  }

  @Test
  void dense_onVector_mapsTheLastAxis() {
    Shape in = Shape.of(968);
    Dense dense = Dense.of(128);

    assertThat(Apply.outputShape(dense, in)).isEqualTo(Shape.of(128));
    // 968 * 128 weights + 128 biases.
    assertThat(Apply.params(dense, in)).isEqualTo(ParamCount.trainable(124032));
    for (Accounting accounting : Accounting.values()) {
      assertThat(Apply.stats(dense, accounting, in)).hasValue(LayerStats.connections(123904));
    }
  }

  @Test
  void dense_onTemporalInput_countsOneTimestep() {
    // Keras input (None, None, 968): the leading undefined axis is time.
    Shape in = Shape.of(NONE, 968);
    Dense dense = Dense.of(128);

    assertThat(Apply.outputShape(dense, in)).isEqualTo(Shape.of(NONE, 128));
    assertThat(Apply.params(dense, in)).isEqualTo(ParamCount.trainable(124032));
    // 968 * 128 = 123904 per timestep.
    assertThat(Apply.stats(dense, KERAS_SPIKING, in)).hasValue(LayerStats.connections(123904));
  }

  @Test
  void dense_onRank2Input_isAppliedToEveryRow() {
    Shape in = Shape.of(28, 28);

    assertThat(Apply.outputShape(Dense.of(10), in)).isEqualTo(Shape.of(28, 10));
    // Only the last axis feeds the kernel: 28 * 10 + 10.
    assertThat(Apply.params(Dense.of(10), in)).isEqualTo(ParamCount.trainable(290));
    // 28 rows, each 28 inputs to 10 units.
    assertThat(Apply.stats(Dense.of(10), COMPLETE, in)).hasValue(LayerStats.connections(7840));
  }

  @Test
  void dense_onTemporalRank3Input_countsOneTimestepOfEveryRow() {
    Shape in = Shape.of(NONE, 5, 8);

    assertThat(Apply.outputShape(Dense.of(4), in)).isEqualTo(Shape.of(NONE, 5, 4));
    // Per timestep: 5 rows of 8 inputs to 4 units.
    assertThat(Apply.stats(Dense.of(4), KERAS_SPIKING, in)).hasValue(LayerStats.connections(160));
  }

  @Test
  void dense_nonLinearActivation_countsOutputNeurons() {
    Dense dense = Dense.of(128).activation(Activation.RELU);

    assertThat(Apply.stats(dense, KERAS_SPIKING, Shape.of(968)))
        .hasValue(new LayerStats(123904, 128, false));
    assertThat(Apply.stats(dense, KERAS_SPIKING, Shape.of(NONE, 5, 8)))
        .hasValue(new LayerStats(5 * 8 * 128, 5 * 128, false));
  }

  @Test
  void dense_withoutBias_hasKernelWeightsOnly() {
    assertThat(Apply.params(Dense.of(10).useBias(false), Shape.of(128)))
        .isEqualTo(ParamCount.trainable(1280));
  }

  @Test
  void dense_countsBeyondIntRange_areExactLongs() {
    Shape in = Shape.of(65536);
    Dense dense = Dense.of(65536);

    // 2^16 * 2^16 = 2^32 connections, 2^32 + 2^16 params.
    assertThat(Apply.stats(dense, KERAS_SPIKING, in))
        .hasValue(LayerStats.connections(4_294_967_296L));
    assertThat(Apply.params(dense, in)).isEqualTo(ParamCount.trainable(4_295_032_832L));
  }

  @Test
  void dense_connectionsBeyondLongRange_areNnOverflow() {
    int max = Integer.MAX_VALUE;
    Shape in = Shape.of(max, max);
    Dense dense = Dense.of(max);

    // The output (2^31 - 1)^2 < 2^62 fits; times 2^31 - 1 inputs it does not.
    assertThat(Apply.outputShape(dense, in)).isEqualTo(Shape.of(max, max));
    var e = assertThrows(ShapeException.class, () -> Apply.stats(dense, KERAS_SPIKING, in));
    assertThat(e.error()).isEqualTo(ShapeError.OVERFLOW);
    assertThat(e.inputShapes()).containsExactly(in);
  }

  @Test
  void dense_onScalar_isWrongRank() {
    var e = assertThrows(ShapeException.class, () -> Apply.outputShape(Dense.of(10), Shape.of()));

    assertThat(e.error()).isEqualTo(ShapeError.WRONG_RANK);
    assertThat(e).hasMessageThat().contains("the input is a scalar");
  }

  @Test
  void dense_undefinedLastAxis_isUndefinedDimension() {
    var e =
        assertThrows(ShapeException.class, () -> Apply.outputShape(Dense.of(10), Shape.of(NONE)));

    assertThat(e.error()).isEqualTo(ShapeError.UNDEFINED_DIMENSION);
    assertThat(e).hasMessageThat().contains("needs a defined last (channel) dimension");
  }

  @Test
  void dense_undefinedInnerAxis_statsAreUndefinedDimension() {
    Shape in = Shape.of(5, NONE, 8);

    assertThat(Apply.outputShape(Dense.of(4), in)).isEqualTo(Shape.of(5, NONE, 4));
    var e = assertThrows(ShapeException.class, () -> Apply.stats(Dense.of(4), COMPLETE, in));
    assertThat(e.error()).isEqualTo(ShapeError.UNDEFINED_DIMENSION);
  }

  @Test
  void dense_twoLeadingUndefinedAxes_onlyTheFirstIsTime() {
    Shape in = Shape.of(NONE, NONE, 8);

    var e = assertThrows(ShapeException.class, () -> Apply.stats(Dense.of(4), COMPLETE, in));
    assertThat(e.error()).isEqualTo(ShapeError.UNDEFINED_DIMENSION);
    assertThat(e).hasMessageThat().contains("(None, None, None, 4)");
  }

  @Test
  void nonPositiveUnits_areRejected() {
    Apply.assertInvalid(() -> Dense.of(0), "units must be > 0, was 0");
    Apply.assertInvalid(() -> Dense.of(-3), "units must be > 0, was -3");
  }
}
