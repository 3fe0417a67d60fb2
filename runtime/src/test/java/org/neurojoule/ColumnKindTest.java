package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.device.DeviceRegistry;

/** {@link ColumnKind} and {@link Column}: every kind's names, derived from one place. */
class ColumnKindTest {
  private static final DeviceRegistry DEVICES = DeviceRegistry.withBuiltIns();

  @Test
  void validNames_areDerivedFromTheKinds_inTheDocumentedOrder() {
    assertThat(ColumnKind.VALID)
        .isEqualTo(
            "name, output_shape, params, connections, neurons, rate, energy <device>,"
                + " synop_energy <device>, neuron_energy <device>, mac_energy <device>,"
                + " memory_energy <device>, sparsity, weight_sparsity, footprint, dtype, dense_ops,"
                + " effective_macs, effective_acs, spikes, synaptic_events, sim_energy <device>");
  }

  @Test
  void keys_areUnique() {
    assertThat(Arrays.stream(ColumnKind.values()).map(ColumnKind::key).distinct().count())
        .isEqualTo((long) ColumnKind.values().length);
  }

  @Test
  void perDeviceKinds_areTheEnergies() {
    assertThat(Arrays.stream(ColumnKind.values()).filter(ColumnKind::perDevice).toList())
        .containsExactly(
            ColumnKind.ENERGY,
            ColumnKind.SYNOP_ENERGY,
            ColumnKind.NEURON_ENERGY,
            ColumnKind.MAC_ENERGY,
            ColumnKind.MEMORY_ENERGY,
            ColumnKind.SIM_ENERGY);
  }

  @Test
  void parse_givesHeaderAndExportField() {
    Column energy = Column.parse(" Energy LOIHI ", DEVICES);
    assertThat(energy.kind()).isEqualTo(ColumnKind.ENERGY);
    assertThat(energy.header()).isEqualTo("J/inf (loihi)");
    assertThat(energy.field()).isEqualTo("energy_j_loihi");
    assertThat(Column.parse("rate", DEVICES).field()).isEqualTo("rate_hz");
    assertThat(Column.parse("footprint", DEVICES).field()).isEqualTo("footprint_bytes");
    assertThat(Column.parse("params", DEVICES).field()).isEqualTo("params");
    assertThat(Column.parse("name", DEVICES).device()).isEqualTo(Optional.empty());
  }

  @Test
  void onlyNameShapeAndDtype_areText() {
    assertThat(Arrays.stream(ColumnKind.values()).filter(k -> !k.format().numeric()).toList())
        .containsExactly(ColumnKind.NAME, ColumnKind.OUTPUT_SHAPE, ColumnKind.DTYPE);
  }
}
