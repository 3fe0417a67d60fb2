package org.neurojoule.device;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DeviceListing}: CSV and JSON listings of a registry's devices. */
class DeviceListingTest {
  private final DeviceRegistry registry = DeviceRegistry.withBuiltIns();

  @Test
  void csv_hasAHeader_andOneRecordPerDevice() {
    String csv = DeviceListing.csv(registry, List.of("cpu", "loihi"));
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("device,energy_per_synop_j,energy_per_neuron_j,spiking,node,kind,counts,source");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith("cpu," + registry.get("cpu").energyPerSynop() + ",");
    assertThat(lines.get(2)).startsWith("loihi,");
  }

  @Test
  void json_loadsBackAsADeviceFile_withTheSameFigures() throws IOException {
    List<String> names = registry.names();
    String json = DeviceListing.json(registry, names);
    List<DeviceFile.Entry> entries = DeviceFile.parse(new StringReader(json), "listing");
    assertThat(entries.stream().map(e -> e.device().name()).toList()).isEqualTo(names);
    for (DeviceFile.Entry e : entries) {
      assertThat(e.device()).isEqualTo(registry.get(e.device().name()));
      assertThat(e.costs()).isEqualTo(registry.costs(e.device().name()));
    }
  }

  @Test
  void json_ofNoDevice_isAnEmptyList() {
    assertThat(DeviceListing.json(registry, List.of())).isEqualTo("{\n  \"devices\": []\n}\n");
  }

  @Test
  void defaults_isOneSharedRegistry() {
    assertThat(DeviceRegistry.defaults()).isSameInstanceAs(DeviceRegistry.defaults());
    assertThat(DeviceRegistry.defaults().names())
        .containsAtLeastElementsIn(DeviceRegistry.withBuiltIns().names());
  }
}
