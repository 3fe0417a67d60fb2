package org.neurojoule.examples;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;

/**
 * The example networks against figures computed elsewhere: the multiply-accumulates per image that
 * the TensorFlow anchor benchmark (shared/tools/tf-bench) derives from TensorFlow's own shape
 * inference, and Keras' parameter count for VGG9.
 */
class ArchitecturesTest {

  /** Conv2D, DepthwiseConv2D and Dense connections: one per multiply-accumulate. */
  private static long macs(Model model) {
    ModelEnergy energy = model.energy();
    long macs = 0;
    for (String name : model.layerNames()) {
      String type = model.layer(name).type();
      if (type.equals("Conv2D") || type.equals("DepthwiseConv2D") || type.equals("Dense")) {
        macs += energy.layerStats(name).connections();
      }
    }
    return macs;
  }

  @Test
  void vgg9_matchesTensorFlowsMacs_andKerasParams() {
    assertThat(macs(Architectures.vgg9())).isEqualTo(520_528_128L);
    assertThat(Architectures.vgg9().params().total()).isEqualTo(7_895_140L);
  }

  @Test
  void lcrmVgg9_matchesTensorFlowsMacs() {
    assertThat(macs(Architectures.lcrmVgg9())).isEqualTo(306_285_824L);
  }

  @Test
  void alexNet_matchesTensorFlowsMacs() {
    assertThat(macs(Architectures.alexNet())).isEqualTo(1_087_130_144L);
  }

  @Test
  void mnist_matchesTensorFlowsMacs() {
    assertThat(macs(Architectures.mnist())).isEqualTo(172_616L);
  }

  @Test
  void lcrmAlexNet_branchesMeetInTheConcatenation() {
    Model m = Architectures.lcrmAlexNet();
    assertThat(m.layer("concatenate").type()).isEqualTo("Concatenate");
    assertThat(m.applications(m.layer("concatenate")).get(0).shape().toKerasString())
        .isEqualTo("(None, 12, 12, 384)");
    assertThat(m.isChain()).isFalse();
  }
}
