package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.layer.Accounting.COMPLETE;
import static org.neurojoule.layer.Accounting.KERAS_SPIKING;
import static org.neurojoule.layer.PoolKind.AVERAGE;
import static org.neurojoule.layer.PoolKind.MAX;
import static org.neurojoule.shape.Shape.NONE;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class GlobalPoolingTest {
  private static final Shape IN = Shape.of(7, 7, 1024);

  @Test
  void type_andDescribe_nameKindAndRank() {
    assertThat(GlobalPooling.of(AVERAGE, 2).type()).isEqualTo("GlobalAveragePooling2D");
    assertThat(GlobalPooling.of(MAX, 1).type()).isEqualTo("GlobalMaxPooling1D");
    assertThat(GlobalPooling.of(AVERAGE, 2).namePrefix()).isEqualTo("global_average_pooling2d");
    assertThat(GlobalPooling.of(MAX, 3).describe()).isEqualTo("globalMaxPooling3d");
    assertThat(GlobalPooling.of(AVERAGE, 2).keepdims()).isFalse();
  }

  @Test
  void outputShape_isOneValuePerChannel() {
    assertThat(Apply.outputShape(GlobalPooling.of(AVERAGE, 2), IN)).isEqualTo(Shape.of(1024));
    assertThat(Apply.outputShape(GlobalPooling.of(MAX, 1), Shape.of(9, 5))).isEqualTo(Shape.of(5));
    assertThat(Apply.outputShape(GlobalPooling.of(MAX, 3), Shape.of(2, 3, 4, 5)))
        .isEqualTo(Shape.of(5));
  }

  @Test
  void keepdims_keepsThePooledAxesAsOnes() {
    assertThat(Apply.outputShape(GlobalPooling.of(AVERAGE, 2).keepdims(true), IN))
        .isEqualTo(Shape.of(1, 1, 1024));
    assertThat(Apply.outputShape(GlobalPooling.of(MAX, 3).keepdims(true), Shape.of(2, 3, 4, 5)))
        .isEqualTo(Shape.of(1, 1, 1, 5));
  }

  @Test
  void params_areZero() {
    assertThat(Apply.params(GlobalPooling.of(AVERAGE, 2), IN)).isEqualTo(ParamCount.ZERO);
  }

  @Test
  void globalAverage_kerasSpiking_countsZero_butHasARule() {
    assertThat(Apply.stats(GlobalPooling.of(AVERAGE, 2), KERAS_SPIKING, IN))
        .hasValue(LayerStats.NONE);
  }

  @Test
  void globalAverage_complete_countsTheInputUnits() {
    // Each of the 7 * 7 * 1024 inputs is added once.
    assertThat(Apply.stats(GlobalPooling.of(AVERAGE, 2), COMPLETE, IN))
        .hasValue(LayerStats.connections(50176));
  }

  @Test
  void globalAverage_complete_onLeadingTime_countsOneStep() {
    assertThat(Apply.stats(GlobalPooling.of(AVERAGE, 1), COMPLETE, Shape.of(NONE, 8)))
        .hasValue(LayerStats.connections(8));
  }

  @Test
  void globalAverage_complete_undefinedInnerAxis_isUndefinedDimension() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.stats(GlobalPooling.of(AVERAGE, 2), COMPLETE, Shape.of(7, NONE, 8)));

    assertThat(e.error()).isEqualTo(ShapeError.UNDEFINED_DIMENSION);
    assertThat(e).hasMessageThat().contains("statistics need the input size");
  }

  @Test
  void globalMax_kerasSpiking_hasNoRule_complete_countsNothing() {
    assertThat(Apply.stats(GlobalPooling.of(MAX, 2), KERAS_SPIKING, IN)).isEmpty();
    assertThat(Apply.stats(GlobalPooling.of(MAX, 2), COMPLETE, IN)).hasValue(LayerStats.NONE);
  }

  @Test
  void wrongRank_isRejected() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(GlobalPooling.of(AVERAGE, 2), Shape.of(7, 1024)));

    assertThat(e.error()).isEqualTo(ShapeError.WRONG_RANK);
    assertThat(e)
        .hasMessageThat()
        .contains("needs an input of rank 3 (rows, cols, channels), but the input is 7x1024");
  }

  @Test
  void rankOutsideOneToThree_isRejected() {
    Apply.assertInvalid(
        () -> GlobalPooling.of(MAX, 0), "global pooling rank must be 1, 2 or 3, was 0");
  }
}
