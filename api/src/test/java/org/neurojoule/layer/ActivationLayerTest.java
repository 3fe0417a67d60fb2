package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;

class ActivationLayerTest {
  private static final Shape IN = Shape.of(22, 22, 2);

  @Test
  void typeAndDescribe() {
    assertThat(ActivationLayer.of(Activation.SOFTMAX).type()).isEqualTo("Activation");
    assertThat(ActivationLayer.of(Activation.SOFTMAX).namePrefix()).isEqualTo("activation");
    assertThat(ActivationLayer.of(Activation.SOFTMAX).describe()).isEqualTo("activation(softmax)");
  }

  @Test
  void linear_hasNoNeurons_andIsSpiking() {
    for (Accounting accounting : Accounting.values()) {
      assertThat(Apply.stats(ActivationLayer.of(Activation.LINEAR), accounting, IN))
          .hasValue(new LayerStats(0, 0, true));
    }
  }

  @Test
  void everyNonLinearActivation_countsTheOutputUnits() {
    for (Activation activation : Activation.values()) {
      if (activation != Activation.LINEAR) {
        assertThat(Apply.stats(ActivationLayer.of(activation), Accounting.KERAS_SPIKING, IN))
            .hasValue(new LayerStats(0, 968, false));
      }
    }
  }

  @Test
  void softmax_onLeadingTime_countsOneStep() {
    assertThat(
            Apply.stats(
                ActivationLayer.of(Activation.SOFTMAX), Accounting.COMPLETE, Shape.of(NONE, 10)))
        .hasValue(new LayerStats(0, 10, false));
  }

  @Test
  void outputShape_isTheInputShape_andHasNoParams() {
    assertThat(Apply.outputShape(ActivationLayer.of(Activation.TANH), IN)).isEqualTo(IN);
    assertThat(Apply.params(ActivationLayer.of(Activation.TANH), IN)).isEqualTo(ParamCount.ZERO);
  }

  @Test
  void nullActivation_isRejected() {
    var e = assertThrows(NullPointerException.class, () -> ActivationLayer.of(null));
    assertThat(e).hasMessageThat().isEqualTo("activation == null");
  }
}
