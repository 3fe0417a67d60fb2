package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class MatMulTest {

  @Test
  void typeNameAndInputs() {
    assertThat(MatMul.of().type()).isEqualTo("MatMul");
    assertThat(MatMul.of().namePrefix()).isEqualTo("mat_mul");
    assertThat(MatMul.of().minInputs()).isEqualTo(2);
    assertThat(MatMul.of().maxInputs()).isEqualTo(2);
  }

  @Test
  void outputShape_followsMatmulRules_broadcastingBatchAxes() {
    assertThat(Apply.outputShape(MatMul.of(), Shape.of(197, 64), Shape.of(64, 197)))
        .isEqualTo(Shape.of(197, 197));
    assertThat(Apply.outputShape(MatMul.of(), Shape.of(12, 197, 64), Shape.of(12, 64, 197)))
        .isEqualTo(Shape.of(12, 197, 197));
    assertThat(Apply.outputShape(MatMul.of(), Shape.of(3, 1, 4, 5), Shape.of(2, 5, 6)))
        .isEqualTo(Shape.of(3, 2, 4, 6));
  }

  @Test
  void completeCountsItsMultiplyAdds_kerasSpikingHasNoRule() {
    // Attention scores of ViT-B/16: 12 heads x 197 x 64 x 197.
    Shape q = Shape.of(12, 197, 64);
    Shape k = Shape.of(12, 64, 197);
    assertThat(Apply.stats(MatMul.of(), Accounting.COMPLETE, q, k))
        .hasValue(LayerStats.connections(12L * 197 * 64 * 197));
    assertThat(Apply.stats(MatMul.of(), Accounting.KERAS_SPIKING, q, k)).isEmpty();
    assertThat(Apply.params(MatMul.of(), q, k)).isEqualTo(ParamCount.ZERO);
    // A leading undefined time axis: per timestep.
    assertThat(
            Apply.stats(
                MatMul.of(), Accounting.COMPLETE, Shape.of(NONE, 4, 3), Shape.of(NONE, 3, 5)))
        .hasValue(LayerStats.connections(4L * 3 * 5));
  }

  @Test
  void mismatchedInnerAxis_namesBothShapes() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(MatMul.of(), Shape.of(4, 3), Shape.of(2, 5)));
    assertThat(e.error()).isEqualTo(ShapeError.INVALID_ARGUMENT);
    assertThat(e)
        .hasMessageThat()
        .contains(
            "matMul of [4x3, 2x5]: the last axis of the first"
                + " (3) must equal the second-to-last of the second (2)");
  }

  @Test
  void batchAxesThatDoNotBroadcast_areAnError() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(MatMul.of(), Shape.of(2, 4, 3), Shape.of(3, 3, 5)));
    assertThat(e)
        .hasMessageThat()
        .contains("batch axis 0 is 2 and 3, which neither equal nor" + " broadcast");
  }

  @Test
  void aVector_isWrongRank() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(MatMul.of(), Shape.of(3), Shape.of(3, 5)));
    assertThat(e.error()).isEqualTo(ShapeError.WRONG_RANK);
  }
}
