package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** Hand-computed energies of the documentation's MNIST model on catalogue devices. */
class CatalogueEnergyTest {
  @Test
  void mnistOnHorowitzFp32_isOneMacPerConnectionAndNeuron() {
    // 172,616 connections and 1,096 neurons, each one 4.6 pJ MAC: 7.990752e-07 J.
    double joules = GoldenSummaryTest.mnist().energy().totalEnergy("horowitz-fp32");
    assertThat(joules).isWithin(7.990752e-07 * 1e-12).of(7.990752e-07);
  }

  @Test
  void mnistOnH100_isTheDerivedFigurePerConnectionAndNeuron() {
    double joules = GoldenSummaryTest.mnist().energy().totalEnergy("h100");
    assertThat(joules).isWithin(1e-24).of((172_616 + 1_096) * 1.415e-12);
  }
}
