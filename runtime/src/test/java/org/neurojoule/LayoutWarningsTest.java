package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The channels-first warning covers every spec that reads channels last, by its marker. */
class LayoutWarningsTest {

  @Test
  void paddingCroppingAndUpSampling_warnOnAChannelsFirstLookingInput() {
    assertThat(Model.input(3, 32, 32).zeroPadding2d(1).energy().warnings())
        .containsExactly(
            "Input 'input_1' has shape (None, 3, 32, 32), which looks channels-first; NeuroJoule is"
                + " channels-last (as Keras by default), so 'zero_padding2d' (ZeroPadding2D) reads its"
                + " last axis, 32, as the channels. If the data has 3 channels, declare the input with"
                + " the channels last: Model.input(32, 32, 3).");
    assertThat(Model.input(1, 28, 28).cropping2d(0, 0, 1, 1).energy().warnings()).hasSize(1);
    assertThat(Model.input(3, 16, 16, 16).upSampling3d(2).energy().warnings().get(0))
        .contains("'up_sampling3d' (UpSampling3D) reads its last axis, 16, as the channels");
  }

  @Test
  void layersThatDoNotReadChannels_doNotWarn() {
    assertThat(Model.input(3, 32, 32).permute(3, 1, 2).energy().warnings()).isEmpty();
    assertThat(Model.input(3, 32, 32).softmax().energy().warnings()).isEmpty();
    assertThat(Model.input(3, 32, 32).rescaling(0.5).energy().warnings()).isEmpty();
  }
}
