package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.layer.Accounting.COMPLETE;
import static org.neurojoule.layer.Accounting.KERAS_SPIKING;
import static org.neurojoule.shape.Shape.NONE;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

class TimeDistributedTest {
  private static final Shape FRAMES = Shape.of(NONE, 28, 28, 1);

  @Test
  void typeNameAndDescribe() {
    TimeDistributed td = TimeDistributed.of(Conv.of(2, 2, 7));

    assertThat(td.type()).isEqualTo("TimeDistributed");
    assertThat(td.namePrefix()).isEqualTo("time_distributed");
    assertThat(td.describe()).isEqualTo("timeDistributed(conv2d(2, 7x7))");
    assertThat(td.layer()).isEqualTo(Conv.of(2, 2, 7));
  }

  @Test
  void conv2d_onEveryFrame_hasTheInnerParamsAndStatsOfOneStep() {
    TimeDistributed td = TimeDistributed.of(Conv.of(2, 2, 7));

    assertThat(Apply.outputShape(td, FRAMES)).isEqualTo(Shape.of(NONE, 22, 22, 2));
    assertThat(Apply.params(td, FRAMES)).isEqualTo(ParamCount.trainable(100));
    for (Accounting accounting : Accounting.values()) {
      assertThat(Apply.stats(td, accounting, FRAMES)).hasValue(LayerStats.connections(47432));
    }
  }

  @Test
  void flatten_onEveryFrame() {
    TimeDistributed td = TimeDistributed.of(Flatten.of());

    assertThat(Apply.outputShape(td, Shape.of(NONE, 22, 22, 2))).isEqualTo(Shape.of(NONE, 968));
    assertThat(Apply.stats(td, KERAS_SPIKING, Shape.of(NONE, 22, 22, 2))).hasValue(LayerStats.NONE);
  }

  @Test
  void relu_onNonTemporalRank2_readsTheFirstAxisAsTime() {
    // DESIGN §3: input(28, 28) then timeDistributed(relu) has 28 neurons (784 without it).
    TimeDistributed td = TimeDistributed.of(ReLU.of());

    assertThat(Apply.outputShape(td, Shape.of(28, 28))).isEqualTo(Shape.of(NONE, 28));
    assertThat(Apply.stats(td, KERAS_SPIKING, Shape.of(28, 28)))
        .hasValue(new LayerStats(0, 28, false));
  }

  @Test
  void innerWithoutARule_hasNoStats_andWarnsWithTheInnerType() {
    TimeDistributed td = TimeDistributed.of(BatchNormalization.of());

    assertThat(Apply.stats(td, KERAS_SPIKING, Shape.of(NONE, 8))).isEmpty();
    assertThat(Apply.stats(td, COMPLETE, Shape.of(NONE, 8))).hasValue(LayerStats.NONE);
    assertThat(Apply.params(td, Shape.of(NONE, 8))).isEqualTo(new ParamCount(16, 16));
    assertThat(Layers.statsType(td)).isEqualTo("BatchNormalization");
  }

  @Test
  void innerError_isPlacedOnTheWrapper() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(TimeDistributed.of(Conv.of(2, 2, 7)), Shape.of(NONE, 5, 5, 1)));

    assertThat(e.error()).isEqualTo(ShapeError.KERNEL_TOO_LARGE);
    assertThat(e.layerDescription()).hasValue("timeDistributed(conv2d(2, 7x7))");
    assertThat(e).hasMessageThat().contains("input 5x5x1 is smaller than the 7x7 kernel");
  }

  @Test
  void inputWithoutATimeAxis_isWrongRank() {
    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(TimeDistributed.of(Dense.of(4)), Shape.of(8)));

    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "[NnWrongRank] layer 1 'layer' timeDistributed(dense(4)): needs an input of (time,"
                + " ...) with rank 2 or more, but the input is 8");
  }

  @Test
  void wrapsOnlySingleInputLayers() {
    Apply.assertInvalid(
        () -> TimeDistributed.of(Add.of()),
        "timeDistributed wraps exactly one single-input layer, not add");
    Apply.assertInvalid(
        () -> TimeDistributed.of(InputLayer.of(Shape.of(3))),
        "timeDistributed wraps exactly one single-input layer, not input 3");
  }

  @Test
  void nested_unwrapsForStatsType() {
    TimeDistributed td = TimeDistributed.of(TimeDistributed.of(Dense.of(3)));

    assertThat(Layers.statsType(td)).isEqualTo("Dense");
    assertThat(Apply.outputShape(td, Shape.of(NONE, 4, 5))).isEqualTo(Shape.of(NONE, NONE, 3));
  }

  @Test
  void innerError_inputShapes_areTheWrappersInputs() {
    Shape in = Shape.of(NONE, 5, 5, 1);

    var e =
        assertThrows(
            ShapeException.class,
            () -> Apply.outputShape(TimeDistributed.of(Conv.of(2, 2, 7)), in));

    assertThat(e.inputShapes()).containsExactly(in);
  }
}
