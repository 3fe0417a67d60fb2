package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;

class KerasNamesTest {

  @Test
  void snakeCase_followsKerasToSnakeCase() {
    assertThat(KerasNames.snakeCase("Conv2D")).isEqualTo("conv2d");
    assertThat(KerasNames.snakeCase("ReLU")).isEqualTo("re_lu");
    assertThat(KerasNames.snakeCase("LeakyReLU")).isEqualTo("leaky_re_lu");
    assertThat(KerasNames.snakeCase("BatchNormalization")).isEqualTo("batch_normalization");
    assertThat(KerasNames.snakeCase("MaxPooling2D")).isEqualTo("max_pooling2d");
    assertThat(KerasNames.snakeCase("DepthwiseConv2D")).isEqualTo("depthwise_conv2d");
    assertThat(KerasNames.snakeCase("GlobalAveragePooling2D"))
        .isEqualTo("global_average_pooling2d");
    assertThat(KerasNames.snakeCase("SpikingActivation")).isEqualTo("spiking_activation");
    assertThat(KerasNames.snakeCase("TimeDistributed")).isEqualTo("time_distributed");
    assertThat(KerasNames.snakeCase("InputLayer")).isEqualTo("input_layer");
  }

  @Test
  void snakeCase_singleWords_areLowerCased() {
    assertThat(KerasNames.snakeCase("Dense")).isEqualTo("dense");
    assertThat(KerasNames.snakeCase("Conv1D")).isEqualTo("conv1d");
    assertThat(KerasNames.snakeCase("Add")).isEqualTo("add");
  }

  @Test
  void autoName_firstHasNoSuffix_thenCountsFromOne() {
    assertThat(KerasNames.autoName("conv2d", 0)).isEqualTo("conv2d");
    assertThat(KerasNames.autoName("conv2d", 1)).isEqualTo("conv2d_1");
    assertThat(KerasNames.autoName("re_lu", 12)).isEqualTo("re_lu_12");
  }

  @Test
  void autoName_inputsCountFromOne() {
    assertThat(KerasNames.autoName("input", 0)).isEqualTo("input_1");
    assertThat(KerasNames.autoName("input", 1)).isEqualTo("input_2");
    assertThat(KerasNames.autoName(InputLayer.of(Shape.of(1)).namePrefix(), 0))
        .isEqualTo("input_1");
  }
}
