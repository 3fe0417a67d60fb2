package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WeightShapesTest {

  @Test
  void count_isExactBeyond32Bits() {
    WeightShapes.Weight kernel = WeightShapes.of(Dense.of(100_000), 100_000).get(0);
    assertThat(kernel.count()).isEqualTo(10_000_000_000L);
  }

  @Test
  void size_beyondAJavaArray_namesTheArrayAndTheCount() {
    WeightShapes.Weight kernel = WeightShapes.of(Dense.of(100_000), 100_000).get(0);
    var e = assertThrows(IllegalArgumentException.class, kernel::size);
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "weight array kernel (100000, 100000) has"
                + " 10000000000 values, more than a Java array holds (at most 2147483647)");
  }

  @Test
  void count_beyond64Bits_namesTheArray() {
    int big = 2_000_000_000;
    WeightShapes.Weight kernel = WeightShapes.of(Conv.of(2, big, big, big), big).get(0);
    var e = assertThrows(IllegalArgumentException.class, kernel::count);
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "weight array kernel (2000000000, 2000000000,"
                + " 2000000000, 2000000000) has more than 2^63-1 values");
  }

  @Test
  void initializers_comeFromTheSpec() {
    assertThat(
            WeightShapes.of(Recurrent.lstm(4), 3).stream()
                .map(w -> w.name() + " " + w.initializer())
                .toList())
        .containsExactly("kernel glorot_uniform", "recurrent_kernel orthogonal", "bias zeros")
        .inOrder();
    assertThat(
            WeightShapes.of(BatchNormalization.of(), 3).stream()
                .map(WeightShapes.Weight::initializer)
                .toList())
        .containsExactly("ones", "zeros", "zeros", "ones")
        .inOrder();
  }

  @Test
  void hasWeights_followsTheSpecsDeclaration() {
    assertThat(WeightShapes.hasWeights(Dense.of(3))).isTrue();
    assertThat(WeightShapes.hasWeights(TimeDistributed.of(Dense.of(3)))).isTrue();
    assertThat(WeightShapes.hasWeights(TimeDistributed.of(Flatten.of()))).isFalse();
    assertThat(WeightShapes.hasWeights(LayerNormalization.of().center(false).scale(false)))
        .isFalse();
  }

  @Test
  void inferInputChannels_readsTheFirstArraysSize() {
    assertThat(WeightShapes.inferInputChannels(Dense.of(4), 12)).isEqualTo(3);
    assertThat(WeightShapes.inferInputChannels(Dense.of(4), 13)).isEqualTo(-1);
    assertThat(WeightShapes.inferInputChannels(BatchNormalization.of(), 7)).isEqualTo(7);
    assertThat(WeightShapes.inferInputChannels(Flatten.of(), 7)).isEqualTo(-1);
  }
}
