package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.neurojoule.device.Device;
import org.neurojoule.layer.LayerStats;

/** The one energy rule, including the layers that do no work. */
class LayerEnergyTest {
  private static final Device LOIHI = new Device("loihi", 27.1e-12, 81e-12, true);
  private static final Device CPU = new Device("cpu", 8.6e-9, 8.6e-9, false);

  @Test
  void spikingDevice_scalesSynopsByRateAndNeuronsBySteps() {
    LayerEnergy e = LayerEnergy.of(LOIHI, new LayerStats(1000, 10, false), 0.5, 10, 0.001);
    assertThat(e.synop()).isEqualTo(27.1e-12 * 1000 * 0.5 * 0.001 * 10);
    assertThat(e.neuron()).isEqualTo(81e-12 * 10 * 10);
    LayerEnergy c = LayerEnergy.of(CPU, new LayerStats(1000, 10, false), 0.5, 10, 0.001);
    assertThat(c.synop()).isEqualTo(8.6e-9 * 1000);
    assertThat(c.neuron()).isEqualTo(8.6e-9 * 10);
  }

  @Test
  void noConnections_isZeroEnergyWhateverTheRate() {
    // 0 connections x an infinite rate once gave NaN totals.
    for (double rate : new double[] {Double.POSITIVE_INFINITY, Double.NaN}) {
      LayerEnergy e = LayerEnergy.of(LOIHI, new LayerStats(0, 10, false), rate, 10, 0.001);
      assertThat(e.synop()).isEqualTo(0.0);
      assertThat(e.neuron()).isEqualTo(81e-12 * 10 * 10);
      assertThat(e.total()).isEqualTo(81e-12 * 10 * 10);
      LayerEnergy none = LayerEnergy.of(LOIHI, LayerStats.NONE, rate, 10, 0.001);
      assertThat(none.total()).isEqualTo(0.0);
    }
  }

  @Test
  void noNeurons_isZeroNeuronEnergy() {
    LayerEnergy e = LayerEnergy.of(LOIHI, new LayerStats(5, 0, true), 2, Integer.MAX_VALUE, 0.001);
    assertThat(e.neuron()).isEqualTo(0.0);
    assertThat(e.synop()).isEqualTo(27.1e-12 * 5 * 2 * 0.001 * Integer.MAX_VALUE);
  }
}
