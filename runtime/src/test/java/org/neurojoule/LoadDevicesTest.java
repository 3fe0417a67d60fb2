package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.device.Device;
import org.neurojoule.device.DeviceInfo;

/** {@link ModelEnergy#loadDevices}: a file's devices become usable, or none of them does. */
class LoadDevicesTest {
  @TempDir Path dir;

  @Test
  void propertiesFile_registersItsDevicesWithTheirMacFigures() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("lab.properties"),
            """
        load-test-p.energy_per_synop_j = 5e-12
        load-test-p.energy_per_neuron_j = 2e-12
        load-test-p.spiking = false
        load-test-p.energy_per_mac_j = 3e-12
        """);
    assertThat(ModelEnergy.loadDevices(file)).containsExactly("load-test-p");
    assertThat(ModelEnergy.deviceCosts("load-test-p").energyPerMac()).isEqualTo(3e-12);
    // dense(10) on 4 inputs then relu: 40 MACs at 3 pJ, 10 neuron updates at 2 pJ.
    ModelEnergy energy = Model.input(4).dense(10).relu().energy();
    assertThat(energy.totalEnergy("load-test-p", o -> o.energyModel(EnergyModel.MAC_AC)))
        .isWithin(1e-24)
        .of(40 * 3e-12 + 10 * 2e-12);
    assertThat(energy.totalEnergy("load-test-p")).isWithin(1e-24).of(40 * 5e-12 + 10 * 2e-12);
  }

  @Test
  void registersEveryEntry_andReturnsTheirNames() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("lab.json"),
            """
        {"devices": [
          {"device": "load-test-a", "energy_per_synop_j": 1e-12, "energy_per_neuron_j": 2e-12,
           "spiking": false, "kind": "measured", "source": "Lab notebook 7"},
          {"device": "load-test-b", "energy_per_synop_j": 0, "energy_per_neuron_j": 0,
           "spiking": true}
        ]}
        """);
    assertThat(ModelEnergy.loadDevices(file))
        .containsExactly("load-test-a", "load-test-b")
        .inOrder();
    assertThat(ModelEnergy.device("LOAD-TEST-A"))
        .isEqualTo(new Device("load-test-a", 1e-12, 2e-12, false));
    assertThat(ModelEnergy.deviceInfo("load-test-a"))
        .isEqualTo(new DeviceInfo("", "", DeviceInfo.Kind.MEASURED, "Lab notebook 7"));
    // dense(10) on 4 inputs: 40 connections and 10 neurons at 1 pJ and 2 pJ each.
    ModelEnergy energy = Model.input(4).dense(10).relu().energy();
    assertThat(energy.totalEnergy("load-test-a")).isWithin(1e-24).of(40e-12 + 10 * 2e-12);
  }

  @Test
  void aBadEntry_registersNothing() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("half.json"),
            """
        {"devices": [
          {"device": "load-test-good", "energy_per_synop_j": 1e-12, "energy_per_neuron_j": 0,
           "spiking": false},
          {"device": "load-test-bad", "energy_per_synop_j": 1e-12, "spiking": false}
        ]}
        """);
    assertThat(
            assertThrows(IllegalArgumentException.class, () -> ModelEnergy.loadDevices(file))
                .getMessage())
        .isEqualTo(
            file
                + ", line 4, entry 2 'load-test-bad': 'energy_per_neuron_j'"
                + " must be a number of joules, was missing");
    assertThat(ModelEnergy.devices()).doesNotContain("load-test-good");
  }
}
