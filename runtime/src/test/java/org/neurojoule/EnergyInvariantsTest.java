package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The reference's invariants between timesteps, dt, rates and devices. */
class EnergyInvariantsTest {
  private static final String[] SPIKING = {"loihi", "spinnaker", "spinnaker2"};
  private static final String[] NON_SPIKING = {"cpu", "gpu", "arm"};

  static ModelEnergy withRates() {
    return GoldenRatesTest.mnistEnergy();
  }

  @Test
  void loihiAt46TimestepsIsTwiceAt23() {
    ModelEnergy e = withRates();
    for (String device : SPIKING) {
      double t23 = e.totalEnergy(device, o -> o.timestepsPerInference(23));
      double t46 = e.totalEnergy(device, o -> o.timestepsPerInference(46));
      assertThat(t46).isWithin(1e-12 * t46).of(2 * t23);
    }
  }

  @Test
  void doublingDtDoublesSynapticEnergyOnly() {
    ModelEnergy e = withRates();
    for (String device : SPIKING) {
      for (String layer : e.model().layerNames()) {
        LayerEnergy a = e.layerEnergy(layer, device, o -> o.dt(0.001));
        LayerEnergy b = e.layerEnergy(layer, device, o -> o.dt(0.002));
        assertThat(b.synop()).isWithin(1e-12 * Math.abs(b.synop()) + 1e-30).of(2 * a.synop());
        assertThat(b.neuron()).isEqualTo(a.neuron());
      }
    }
  }

  @Test
  void ratesNeverChangeNonSpikingEnergy() {
    ModelEnergy with = withRates();
    ModelEnergy without = GoldenRatesTest.mnistWithWeights().energy();
    ModelEnergy otherData =
        GoldenRatesTest.mnistWithWeights()
            .energy(e -> e.exampleData(ExampleData.filled(3.5, 4, 28, 28)));
    for (String device : NON_SPIKING) {
      double base = without.totalEnergy(device);
      assertThat(with.totalEnergy(device)).isEqualTo(base);
      assertThat(otherData.totalEnergy(device)).isEqualTo(base);
      assertThat(with.totalEnergy(device, o -> o.timestepsPerInference(7).dt(0.01)))
          .isEqualTo(base);
    }
  }

  @Test
  void spikingEnergyFollowsTheRates() {
    // Data twice as large doubles every rate of a linear model, and so its synaptic energy.
    Tensor out = Model.input(16).dense(8).dense(4);
    Model m = Model.of(out).initializeWeights(3);
    ModelEnergy one = m.energy(e -> e.exampleData(ExampleData.filled(1, 5, 16)));
    ModelEnergy two = m.energy(e -> e.exampleData(ExampleData.filled(2, 5, 16)));
    for (String layer : m.layerNames()) {
      double a = one.layerEnergy(layer, "loihi").synop();
      double b = two.layerEnergy(layer, "loihi").synop();
      assertThat(b).isWithin(1e-6 * Math.abs(b) + 1e-30).of(2 * a);
    }
  }
}
