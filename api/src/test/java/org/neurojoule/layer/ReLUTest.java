package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.shape.Shape.NONE;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;

class ReLUTest {

  @Test
  void of_isThePlainRectifier() {
    ReLU relu = ReLU.of();

    assertThat(relu.maxValue()).isEmpty();
    assertThat(relu.negativeSlope()).isEqualTo(0);
    assertThat(relu.threshold()).isEqualTo(0);
    assertThat(relu.type()).isEqualTo("ReLU");
    assertThat(relu.namePrefix()).isEqualTo("re_lu");
    assertThat(relu.describe()).isEqualTo("relu");
  }

  @Test
  void outputShape_isTheInputShape_andHasNoParams() {
    Shape in = Shape.of(22, 22, 2);

    assertThat(Apply.outputShape(ReLU.of(), in)).isEqualTo(in);
    assertThat(Apply.params(ReLU.of(), in)).isEqualTo(ParamCount.ZERO);
  }

  @Test
  void neurons_areTheOutputUnits_notSpiking_inBothAccountings() {
    for (Accounting accounting : Accounting.values()) {
      assertThat(Apply.stats(ReLU.of(), accounting, Shape.of(22, 22, 2)))
          .hasValue(new LayerStats(0, 968, false));
    }
  }

  @Test
  void neurons_nonTemporalRank2_countEveryUnit() {
    // DESIGN §3: input(28, 28) then relu() has 784 neurons.
    assertThat(Apply.stats(ReLU.of(), Accounting.KERAS_SPIKING, Shape.of(28, 28)))
        .hasValue(new LayerStats(0, 784, false));
  }

  @Test
  void neurons_leadingTime_countOneStep() {
    // DESIGN §3: input(NONE, 28) then relu() has 28.
    assertThat(Apply.stats(ReLU.of(), Accounting.KERAS_SPIKING, Shape.of(NONE, 28)))
        .hasValue(new LayerStats(0, 28, false));
  }

  @Test
  void options_areKeptAndDoNotChangeTheCounts() {
    ReLU relu6 = ReLU.of().maxValue(6).negativeSlope(0.1).threshold(0.5).name("relu6");

    assertThat(relu6.maxValue()).hasValue(6.0);
    assertThat(relu6.negativeSlope()).isEqualTo(0.1);
    assertThat(relu6.threshold()).isEqualTo(0.5);
    assertThat(relu6.name()).hasValue("relu6");
    assertThat(Apply.stats(relu6, Accounting.COMPLETE, Shape.of(4)))
        .hasValue(new LayerStats(0, 4, false));
  }

  @Test
  void invalidOptions_areRejected() {
    Apply.assertInvalid(
        () -> ReLU.of().maxValue(-1),
        "maxValue must be a number >= 0 within float32's range (at most 3.4028235E38), was -1.0");
    Apply.assertInvalid(
        () -> ReLU.of().negativeSlope(-0.5),
        "negativeSlope must be a number >= 0 within float32's range (at most 3.4028235E38), was -0.5");
    Apply.assertInvalid(
        () -> ReLU.of().threshold(Double.NaN),
        "threshold must be a finite number within float32's range (at most 3.4028235E38 in magnitude), was NaN");
  }
}
