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

class PoolingTest {
  private static final Shape IN = Shape.of(22, 22, 2);

  @Test
  void of_stridesDefaultToThePoolSize() {
    Pooling pool = Pooling.of(MAX, 2, 3);

    assertThat(pool.poolSize()).containsExactly(3, 3).inOrder();
    assertThat(pool.strides()).containsExactly(3, 3).inOrder();
    assertThat(pool.padding()).isEqualTo(Padding.VALID);
    assertThat(pool.name()).isEmpty();
  }

  @Test
  void type_namesKindAndRank() {
    assertThat(Pooling.of(MAX, 1, 2).type()).isEqualTo("MaxPooling1D");
    assertThat(Pooling.of(MAX, 2, 2).type()).isEqualTo("MaxPooling2D");
    assertThat(Pooling.of(AVERAGE, 3, 2).type()).isEqualTo("AveragePooling3D");
    assertThat(Pooling.of(MAX, 2, 2).namePrefix()).isEqualTo("max_pooling2d");
    assertThat(Pooling.of(AVERAGE, 2, 2).namePrefix()).isEqualTo("average_pooling2d");
  }

  @Test
  void describe_showsStridesOnlyWhenTheyDifferFromThePool() {
    assertThat(Pooling.of(MAX, 2, 2).describe()).isEqualTo("maxPooling2d(2x2)");
    assertThat(Pooling.of(MAX, 2, 2).strides(2).describe()).isEqualTo("maxPooling2d(2x2)");
    assertThat(Pooling.of(AVERAGE, 2, 3).strides(2).padding(Padding.SAME).describe())
        .isEqualTo("averagePooling2d(3x3, strides 2x2, same)");
    assertThat(Pooling.of(AVERAGE, 1, 4).describe()).isEqualTo("averagePooling1d(4)");
  }

  @Test
  void maxPooling2d_halvesTheSpatialAxes_keepsChannels() {
    assertThat(Apply.outputShape(Pooling.of(MAX, 2, 2), IN)).isEqualTo(Shape.of(11, 11, 2));
    assertThat(Apply.params(Pooling.of(MAX, 2, 2), IN)).isEqualTo(ParamCount.ZERO);
  }

  @Test
  void pooling_undefinedChannels_stayUndefined() {
    assertThat(Apply.outputShape(Pooling.of(MAX, 1, 2), Shape.of(8, NONE)))
        .isEqualTo(Shape.of(4, NONE));
  }

  @Test
  void maxPooling_kerasSpiking_hasNoRule_complete_countsNothing() {
    assertThat(Apply.stats(Pooling.of(MAX, 2, 2), KERAS_SPIKING, IN)).isEmpty();
    assertThat(Apply.stats(Pooling.of(MAX, 2, 2), COMPLETE, IN)).hasValue(LayerStats.NONE);
  }

  @Test
  void averagePooling_kerasSpiking_hasNoRule() {
    assertThat(Apply.stats(Pooling.of(AVERAGE, 2, 2), KERAS_SPIKING, IN)).isEmpty();
  }

  @Test
  void averagePooling_complete_outputSizeTimesPoolArea() {
    // 11 * 11 * 2 = 242 outputs, each the mean of 2 * 2 inputs.
    assertThat(Apply.stats(Pooling.of(AVERAGE, 2, 2), COMPLETE, IN))
        .hasValue(LayerStats.connections(968));
  }

  @Test
  void averagePooling1d_overlapping_complete() {
    Pooling pool = Pooling.of(AVERAGE, 1, 3).strides(1);

    // 10 - 3 + 1 = 8 steps of 4 channels, each the mean of 3 inputs.
    assertThat(Apply.outputShape(pool, Shape.of(10, 4))).isEqualTo(Shape.of(8, 4));
    assertThat(Apply.stats(pool, COMPLETE, Shape.of(10, 4))).hasValue(LayerStats.connections(96));
  }

  @Test
  void averagePooling_onLeadingTime_countsOneStep() {
    Pooling pool = Pooling.of(AVERAGE, 1, 2);

    // MaxPooling1D/AveragePooling1D over a time axis of unknown length: one step is 4 channels.
    assertThat(Apply.outputShape(pool, Shape.of(NONE, 4))).isEqualTo(Shape.of(NONE, 4));
    assertThat(Apply.stats(pool, COMPLETE, Shape.of(NONE, 4))).hasValue(LayerStats.connections(8));
  }

  @Test
  void poolTooLarge_isRejected() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(Pooling.of(MAX, 2, 3), Shape.of(9, 2, 1)));

    assertThat(e.error()).isEqualTo(ShapeError.POOL_TOO_LARGE);
    assertThat(e).hasMessageThat().contains("input 9x2x1 is smaller than the 3x3 pool");
  }

  @Test
  void wrongRank_isRejected() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(Pooling.of(MAX, 2, 2), Shape.of(NONE, 8, 8, 1)));

    assertThat(e.error()).isEqualTo(ShapeError.WRONG_RANK);
    assertThat(e).hasMessageThat().contains("timeDistributed");
  }

  @Test
  void nonPositiveArguments_areRejected() {
    Apply.assertInvalid(() -> Pooling.of(MAX, 2, 0), "poolSize must be > 0, was 0");
    Apply.assertInvalid(() -> Pooling.of(AVERAGE, 1, -2), "poolSize must be > 0, was -2");
    Apply.assertInvalid(() -> Pooling.of(MAX, 2, 2).strides(0), "strides must be > 0, was 0");
    Apply.assertInvalid(() -> Pooling.of(MAX, 2, 2, 2, 2), "poolSize takes 1 or 2 values, got 3");
    Apply.assertInvalid(() -> Pooling.of(MAX, 4, 2), "pooling rank must be 1, 2 or 3, was 4");
  }
}
