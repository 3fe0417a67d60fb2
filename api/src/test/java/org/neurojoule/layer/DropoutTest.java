package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;

class DropoutTest {

  @Test
  void isTheIdentity_withoutParamsOrStats() {
    Shape in = Shape.of(128);
    Dropout dropout = Dropout.of(0.5);

    assertThat(dropout.type()).isEqualTo("Dropout");
    assertThat(dropout.describe()).isEqualTo("dropout(0.5)");
    assertThat(Apply.outputShape(dropout, in)).isEqualTo(in);
    assertThat(Apply.params(dropout, in)).isEqualTo(ParamCount.ZERO);
    for (Accounting accounting : Accounting.values()) {
      assertThat(Apply.stats(dropout, accounting, in)).hasValue(LayerStats.NONE);
    }
  }

  @Test
  void rateZero_isAllowed() {
    assertThat(Dropout.of(0).rate()).isEqualTo(0.0);
    assertThat(Dropout.of(0.999).rate()).isEqualTo(0.999);
  }

  @Test
  void rateOutsideZeroToOne_isRejected() {
    Apply.assertInvalid(() -> Dropout.of(1.0), "dropout rate must be in [0, 1), was 1.0");
    Apply.assertInvalid(() -> Dropout.of(-0.1), "dropout rate must be in [0, 1), was -0.1");
    Apply.assertInvalid(() -> Dropout.of(Double.NaN), "dropout rate must be in [0, 1), was NaN");
    Apply.assertInvalid(() -> Dropout.of(1.5), "dropout rate must be in [0, 1), was 1.5");
  }
}
