package org.neurojoule.examples;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.neurojoule.Comparison;
import org.neurojoule.energy.PythonFormat;
import org.neurojoule.layer.Accounting;

/** The LCRM-VGG9 study's "42 %" GPU saving, as the reference's accounting reproduces it. */
class ComparisonAcceptanceTest {
  @Test
  void lcrmVgg9SavesFortyTwoPercentOnTheGpu() {
    Comparison c =
        Comparison.of(
                Architectures.vgg9().energy(e -> e.accounting(Accounting.KERAS_SPIKING)),
                Architectures.lcrmVgg9().energy(e -> e.accounting(Accounting.KERAS_SPIKING)))
            .named("VGG9", "LCRM-VGG9");
    assertThat(PythonFormat.e2(c.energy(0, "gpu", o -> o))).isEqualTo("1.56e-01");
    assertThat(PythonFormat.e2(c.energy(1, "gpu", o -> o))).isEqualTo("9.09e-02");
    assertThat(String.format(java.util.Locale.ROOT, "%.1f", c.reduction(1, "gpu", o -> o)))
        .isEqualTo("41.8");
    assertThat(c.summaryString(o -> o.columns("energy gpu")))
        .contains("J/inf (gpu)      |     1.56e-01|     9.09e-02|   41.8 %\n");
  }
}
