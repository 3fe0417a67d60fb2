package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class ConcatenateTest {

  @Test
  void defaults() {
    assertThat(Concatenate.of().axis()).isEqualTo(-1);
    assertThat(Concatenate.of().type()).isEqualTo("Concatenate");
    assertThat(Concatenate.of().describe()).isEqualTo("concatenate");
    assertThat(Concatenate.of().axis(1).describe()).isEqualTo("concatenate(axis 1)");
    assertThat(Concatenate.of().minInputs()).isEqualTo(2);
  }

  @Test
  void lastAxis_sumsTheChannels() {
    assertThat(Apply.outputShape(Concatenate.of(), Shape.of(4, 4, 3), Shape.of(4, 4, 5)))
        .isEqualTo(Shape.of(4, 4, 8));
    assertThat(Apply.outputShape(Concatenate.of(), Shape.of(4, 1), Shape.of(4, 2), Shape.of(4, 3)))
        .isEqualTo(Shape.of(4, 6));
  }

  @Test
  void positiveAxis_countsTheBatchAsZero() {
    // Keras' axis 1 is the first axis after the batch.
    assertThat(Apply.outputShape(Concatenate.of().axis(1), Shape.of(2, 3), Shape.of(4, 3)))
        .isEqualTo(Shape.of(6, 3));
    assertThat(Apply.outputShape(Concatenate.of().axis(-2), Shape.of(2, 3), Shape.of(4, 3)))
        .isEqualTo(Shape.of(6, 3));
  }

  @Test
  void undefinedOnTheAxis_staysUndefined() {
    assertThat(Apply.outputShape(Concatenate.of().axis(1), Shape.of(NONE, 3), Shape.of(4, 3)))
        .isEqualTo(Shape.of(NONE, 3));
  }

  @Test
  void mismatchOffTheAxis_isNnConcatenateMismatch() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(Concatenate.of(), Shape.of(6, 6, 4), Shape.of(8, 8, 4)));

    assertThat(e.error()).isEqualTo(ShapeError.CONCATENATE_MISMATCH);
    assertThat(e.inputShapes()).containsExactly(Shape.of(6, 6, 4), Shape.of(8, 8, 4)).inOrder();
  }

  @Test
  void differentRanks_areNnConcatenateMismatch() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(Concatenate.of(), Shape.of(4, 3), Shape.of(3)));

    assertThat(e.error()).isEqualTo(ShapeError.CONCATENATE_MISMATCH);
    assertThat(e).hasMessageThat().contains("input 1 is 3 but input 0 is 4x3");
  }

  @Test
  void axisOutOfRange_isNnConcatenateMismatch() {
    for (int axis : new int[] {3, -3}) {
      var e =
          assertThrows(
              ShapeException.class,
              () -> Apply.outputShape(Concatenate.of().axis(axis), Shape.of(2, 3), Shape.of(2, 3)));
      assertThat(e.error()).isEqualTo(ShapeError.CONCATENATE_MISMATCH);
      assertThat(e)
          .hasMessageThat()
          .contains(
              "axis " + axis + " is out of range for inputs [2x3, 2x3] of rank 2 (plus the batch)");
    }
  }

  @Test
  void batchAxis_isRejected() {
    Apply.assertInvalid(
        () -> Concatenate.of().axis(0), "cannot concatenate along axis 0, the batch axis");
  }

  @Test
  void stats_kerasSpiking_hasNoRule_complete_countsNothing() {
    Shape s = Shape.of(4);

    assertThat(Apply.stats(Concatenate.of(), Accounting.KERAS_SPIKING, s, s)).isEmpty();
    assertThat(Apply.stats(Concatenate.of(), Accounting.COMPLETE, s, s)).hasValue(LayerStats.NONE);
  }
}
