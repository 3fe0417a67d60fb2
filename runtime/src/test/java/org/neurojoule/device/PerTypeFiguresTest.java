package org.neurojoule.device;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.Dtype;

/** Device figures per data type: the keys of both file formats, their errors, the catalogue's. */
class PerTypeFiguresTest {
  @TempDir Path dir;

  private static final String DEVICE =
      "{\"devices\": [\n  {\"device\": \"chip\", \"energy_per_synop_j\": 4e-12,"
          + " \"energy_per_neuron_j\": 1e-12, \"spiking\": false,\n";

  private String error(String fields) throws IOException {
    Path file = Files.writeString(dir.resolve("chip.json"), DEVICE + fields + "}\n]}\n");
    return assertThrows(IllegalArgumentException.class, () -> DeviceFile.read(file))
        .getMessage()
        .replace(file.toString(), "chip.json");
  }

  @Test
  void jsonKeys_giveEachTypesMacAcAndBits_defaultingAcToTheDevicesAndBitsToTheTypes()
      throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("chip.json"),
            DEVICE
                + "   \"energy_per_ac_j\": 1e-12,"
                + " \"energy_per_mac_j_int8\": 0.2e-12, \"energy_per_ac_j_int8\": 0.05e-12,"
                + " \"data_bits_int8\": 8, \"energy_per_mac_j_float16\": 1.5e-12}\n]}\n");
    OperationCosts costs = DeviceFile.read(file).get(0).costs();
    assertThat(costs.perType())
        .containsExactly(
            Dtype.INT8, new OperationCosts.TypeFigures(0.2e-12, 0.05e-12, 8),
            Dtype.FLOAT16, new OperationCosts.TypeFigures(1.5e-12, 1e-12, 16));
    // A layer of a type the device gives figures for pays them; any other the device's own.
    assertThat(costs.forDtype(Dtype.INT8))
        .isEqualTo(
            new OperationCosts(
                0.2e-12, 0.05e-12, OperationCosts.HOROWITZ_SRAM, OperationCosts.HOROWITZ_DRAM, 8));
    assertThat(costs.forDtype(Dtype.INT16)).isSameInstanceAs(costs);
    assertThat(costs.forDtype(Dtype.INT16).energyPerMac()).isEqualTo(4e-12);
  }

  @Test
  void propertiesKeys_areTheSame() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("chip.properties"),
            "chip.energy_per_synop_j = 4e-12\nchip.energy_per_neuron_j = 1e-12\n"
                + "chip.spiking = false\nchip.energy_per_mac_j_int8 = 0.2e-12\n"
                + "chip.data_bits_int8 = 4\n");
    assertThat(DeviceFile.read(file).get(0).costs().perType())
        .isEqualTo(Map.of(Dtype.INT8, new OperationCosts.TypeFigures(0.2e-12, 4e-12, 4)));
    Files.writeString(
        dir.resolve("bad.properties"),
        "chip.energy_per_synop_j = 4e-12\nchip.energy_per_neuron_j = 1e-12\n"
            + "chip.spiking = false\nchip.energy_per_mac_j_int4 = 0.2e-12\n");
    Path bad = dir.resolve("bad.properties");
    assertThat(assertThrows(IllegalArgumentException.class, () -> DeviceFile.read(bad)))
        .hasMessageThat()
        .isEqualTo(
            bad
                + ", line 4, entry 1 'chip': unknown dtype 'int4' in key"
                + " 'energy_per_mac_j_int4'; per-type keys are energy_per_mac_j, energy_per_ac_j,"
                + " data_bits followed by _ and one of "
                + Dtype.validNames());
  }

  @Test
  void badPerTypeKeys_nameTheFileLineDeviceAndKey() throws IOException {
    assertThat(error("   \"energy_per_mac_j_int4\": 1e-13"))
        .isEqualTo(
            "chip.json, line 3, entry 1 'chip': unknown dtype 'int4' in key"
                + " 'energy_per_mac_j_int4'; per-type keys are energy_per_mac_j, energy_per_ac_j,"
                + " data_bits followed by _ and one of float32, float16, int8, uint8, int16,"
                + " int32, bfloat16, float64, int64");
    assertThat(error("   \"energy_per_mac_j_int8\": -2e-13"))
        .isEqualTo(
            "chip.json, line 3, entry 1 'chip': 'energy_per_mac_j_int8' must be a number of"
                + " joules from 0 to 1.0, was -2.0E-13");
    assertThat(error("   \"energy_per_mac_j_int8\": 2e-13, \"energy_per_ac_j_int8\": \"0.1 pJ\""))
        .isEqualTo(
            "chip.json, line 3, entry 1 'chip': 'energy_per_ac_j_int8' must be a number of"
                + " joules, was '0.1 pJ'");
    assertThat(error("   \"energy_per_mac_j_int8\": 2e-13, \"data_bits_int8\": 0"))
        .isEqualTo(
            "chip.json, line 3, entry 1 'chip': 'data_bits_int8' must be a whole number of bits"
                + " from 1 to 64, was 0.0");
    assertThat(error("   \"data_bits_int8\": 8"))
        .isEqualTo(
            "chip.json, line 3, entry 1 'chip': 'data_bits_int8' needs"
                + " 'energy_per_mac_j_int8' too, the energy of one int8 multiply-accumulate");
    assertThat(error("   \"energy_per_mac_j_\": 1e-13"))
        .startsWith("chip.json, line 3, entry 1: unknown key 'energy_per_mac_j_'; known keys:");
  }

  @Test
  void theCatalogue_hasOneHorowitzDevice_withFloat32Float16AndInt8Figures() {
    DeviceRegistry r = DeviceRegistry.withBuiltIns();
    OperationCosts horowitz = r.costs("horowitz");
    // Its own figures are float32's: a layer of another type, and the reference, use them.
    assertThat(r.get("horowitz")).isEqualTo(new Device("horowitz", 4.6e-12, 4.6e-12, false));
    assertThat(horowitz.forDtype(Dtype.FLOAT32)).isEqualTo(r.costs("horowitz-fp32"));
    assertThat(horowitz.forDtype(Dtype.FLOAT16)).isEqualTo(r.costs("horowitz-fp16"));
    assertThat(horowitz.forDtype(Dtype.INT8)).isEqualTo(r.costs("horowitz-int8"));
    assertThat(horowitz.forDtype(Dtype.UINT8)).isEqualTo(r.costs("horowitz-int8"));
    assertThat(horowitz.forDtype(Dtype.INT16).energyPerMac()).isEqualTo(4.6e-12);
    // The single-type devices have no per-type figures: every layer pays the same.
    for (String name : List.of("horowitz-fp32", "horowitz-fp16", "horowitz-int8")) {
      assertThat(r.costs(name).perType()).isEmpty();
    }
  }

  @Test
  void theJsonListing_readsBack_withItsPerTypeFigures() throws IOException {
    DeviceRegistry r = DeviceRegistry.withBuiltIns();
    String json = DeviceListing.json(r, List.of("horowitz"));
    assertThat(json).contains("\"energy_per_mac_j_int8\": 2.3E-13");
    List<DeviceFile.Entry> back = DeviceFile.parse(new StringReader(json), "listing");
    assertThat(back.get(0).costs()).isEqualTo(r.costs("horowitz"));
  }
}
