package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurojoule.layer.Activation;

class ActivationTest {

  @Test
  void kerasName_isTheKerasSpelling() {
    assertThat(Activation.RELU.kerasName()).isEqualTo("relu");
    assertThat(Activation.LEAKY_RELU.kerasName()).isEqualTo("leaky_relu");
    assertThat(Activation.HARD_SIGMOID.kerasName()).isEqualTo("hard_sigmoid");
    assertThat(Activation.SOFTMAX.toString()).isEqualTo("softmax");
  }

  @Test
  void onlyLinear_isLinear() {
    for (Activation a : Activation.values()) {
      assertThat(a.isLinear()).isEqualTo(a == Activation.LINEAR);
    }
  }

  @Test
  void fromKerasName_roundTrips_ignoringCase() {
    for (Activation a : Activation.values()) {
      assertThat(Activation.fromKerasName(a.kerasName())).isEqualTo(a);
    }
    assertThat(Activation.fromKerasName("ReLU")).isEqualTo(Activation.RELU);
  }

  @Test
  void fromKerasName_unknown_isRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> Activation.fromKerasName("mish"));
    assertThat(e).hasMessageThat().isEqualTo("unknown activation 'mish'");
  }
}
