package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.shape.Shape.NONE;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;

class LeakyReLUTest {

  @Test
  void of_hasKeras2DefaultSlope() {
    assertThat(LeakyReLU.of().alpha()).isEqualTo(0.3);
    assertThat(LeakyReLU.of().type()).isEqualTo("LeakyReLU");
    assertThat(LeakyReLU.of().namePrefix()).isEqualTo("leaky_re_lu");
  }

  @Test
  void describe_showsANonDefaultSlope() {
    assertThat(LeakyReLU.of().describe()).isEqualTo("leakyRelu");
    assertThat(LeakyReLU.of().alpha(0.1).describe()).isEqualTo("leakyRelu(0.1)");
  }

  @Test
  void neurons_areTheOutputUnits_notSpiking() {
    for (Accounting accounting : Accounting.values()) {
      assertThat(Apply.stats(LeakyReLU.of(), accounting, Shape.of(22, 22, 2)))
          .hasValue(new LayerStats(0, 968, false));
      assertThat(Apply.stats(LeakyReLU.of(), accounting, Shape.of(NONE, 128)))
          .hasValue(new LayerStats(0, 128, false));
    }
  }

  @Test
  void outputShape_isTheInputShape() {
    assertThat(Apply.outputShape(LeakyReLU.of(), Shape.of(NONE, 3))).isEqualTo(Shape.of(NONE, 3));
  }

  @Test
  void invalidSlope_isRejected() {
    Apply.assertInvalid(
        () -> LeakyReLU.of().alpha(-0.1),
        "alpha must be a number >= 0 within float32's range (at most 3.4028235E38), was -0.1");
    Apply.assertInvalid(
        () -> LeakyReLU.of().alpha(Double.NaN),
        "alpha must be a number >= 0 within float32's range (at most 3.4028235E38), was NaN");
  }
}
