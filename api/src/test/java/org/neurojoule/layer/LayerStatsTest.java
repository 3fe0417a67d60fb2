package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LayerStatsTest {

  @Test
  void none_isZeroAndSpiking() {
    assertThat(LayerStats.NONE).isEqualTo(new LayerStats(0, 0, true));
  }

  @Test
  void connections_haveNoNeurons_andAreSpiking() {
    assertThat(LayerStats.connections(47432)).isEqualTo(new LayerStats(47432, 0, true));
  }

  @Test
  void withActivation_nonLinear_countsNeurons_notSpiking() {
    assertThat(LayerStats.withActivation(10, 4, Activation.RELU))
        .isEqualTo(new LayerStats(10, 4, false));
    assertThat(LayerStats.withActivation(0, 4, Activation.SOFTMAX))
        .isEqualTo(new LayerStats(0, 4, false));
  }

  @Test
  void withActivation_linear_hasNoNeurons_andIsSpiking() {
    assertThat(LayerStats.withActivation(10, 4, Activation.LINEAR))
        .isEqualTo(new LayerStats(10, 0, true));
  }

  @Test
  void plus_sumsCounts_andIsSpikingOnlyIfBothAre() {
    assertThat(new LayerStats(1, 2, true).plus(new LayerStats(10, 20, true)))
        .isEqualTo(new LayerStats(11, 22, true));
    assertThat(new LayerStats(1, 2, true).plus(new LayerStats(10, 20, false)))
        .isEqualTo(new LayerStats(11, 22, false));
  }

  @Test
  void plus_overflow_throws_sayingWhatOverflowed() {
    var connections =
        assertThrows(
            ArithmeticException.class,
            () -> LayerStats.connections(Long.MAX_VALUE).plus(LayerStats.connections(1)));
    assertThat(connections)
        .hasMessageThat()
        .isEqualTo("connections beyond 2^63-1 (9223372036854775807): 9223372036854775807 + 1");
    var neurons =
        assertThrows(
            ArithmeticException.class,
            () -> LayerStats.neuronsOnly(Long.MAX_VALUE - 1).plus(LayerStats.neuronsOnly(5)));
    assertThat(neurons)
        .hasMessageThat()
        .isEqualTo("neurons beyond 2^63-1 (9223372036854775807): 9223372036854775806 + 5");
  }

  @Test
  void negativeCounts_areRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> new LayerStats(-1, 0, true));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("statistics must be >= 0, were -1 connections and 0 neurons");
    assertThrows(IllegalArgumentException.class, () -> new LayerStats(0, -5, false));
  }
}
