package org.neurojoule.device;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class OperationCostsTest {
  private static final OperationCosts FP32 =
      OperationCosts.defaultsFor(new Device("d", 1e-12, 2e-12, false));

  @Test
  void accessEnergy_isTheSmallestTierThatHoldsTheTensor_perElementWidth() {
    // 32-bit elements: 2048 of them are 8 KB exactly; half a 64-bit word each.
    assertThat(FP32.accessEnergy(2048)).isEqualTo(10e-12 / 2);
    assertThat(FP32.accessEnergy(2049)).isEqualTo(20e-12 / 2);
    assertThat(FP32.accessEnergy(262_144)).isEqualTo(100e-12 / 2);
    assertThat(FP32.accessEnergy(262_145)).isEqualTo(2.6e-9 / 2);
    // Past 2^63 bits the count is still DRAM, not a small tier by overflow.
    assertThat(FP32.accessEnergy(Long.MAX_VALUE)).isEqualTo(2.6e-9 / 2);
  }

  @Test
  void defaults_areTheSynopFigureAndHorowitzMemories() {
    assertThat(FP32)
        .isEqualTo(new OperationCosts(1e-12, 1e-12, OperationCosts.HOROWITZ_SRAM, 2.6e-9, 32));
  }

  @Test
  void badFigures_nameThem() {
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new OperationCosts(1e-12, 1e-12, List.of(), 1e-9, 65))
                .getMessage())
        .isEqualTo("dataBits must be 1 to 64, was 65");
    assertThat(
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new OperationCosts(Double.NaN, 1e-12, List.of(), 1e-9, 8))
                .getMessage())
        .isEqualTo("energyPerMac must be a number of joules from 0 to 1.0, was NaN");
  }
}
