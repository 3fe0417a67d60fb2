package org.neurojoule.device;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Device files: what they hold, and exact errors naming the file, the line and the entry. */
class DeviceFileTest {
  @TempDir Path dir;

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("devices.json"), json);
  }

  private String error(String json) throws IOException {
    Path file = write(json);
    return assertThrows(IllegalArgumentException.class, () -> DeviceFile.read(file))
        .getMessage()
        .replace(file.toString(), "devices.json");
  }

  private static String entry(String fields) {
    return "{\"devices\": [\n  {\"device\": \"ok\", \"energy_per_synop_j\": 1e-12,"
        + " \"energy_per_neuron_j\": 2e-12, \"spiking\": false},\n  {"
        + fields
        + "}\n]}\n";
  }

  @Test
  void readsFiguresAndWhatTheyMean_inFileOrder() throws IOException {
    List<DeviceFile.Entry> entries =
        DeviceFile.read(
            write(
                entry(
                    "\"device\": \"Mine\","
                        + " \"energy_per_synop_j\": 2.5e-12, \"energy_per_neuron_j\": 0, \"spiking\": true,"
                        + " \"node\": \"22 nm\", \"kind\": \"pre-silicon\", \"counts\": \"one AC\","
                        + " \"source\": \"Me, 2026\"")));
    assertThat(entries)
        .containsExactly(
            new DeviceFile.Entry(new Device("ok", 1e-12, 2e-12, false), DeviceInfo.citing("")),
            new DeviceFile.Entry(
                new Device("Mine", 2.5e-12, 0, true),
                new DeviceInfo("one AC", "22 nm", DeviceInfo.Kind.PRE_SILICON, "Me, 2026")))
        .inOrder();
  }

  @Test
  void badFigures_nameTheFileLineAndEntry() throws IOException {
    String good = "\"device\": \"x\", \"energy_per_neuron_j\": 1e-12, \"spiking\": true, ";
    assertThat(error(entry(good + "\"energy_per_synop_j\": -1e-12")))
        .isEqualTo(
            "devices.json,"
                + " line 3, entry 2 'x': 'energy_per_synop_j' must be a number of joules from 0 to 1.0,"
                + " was -1.0E-12");
    assertThat(error(entry(good + "\"energy_per_synop_j\": NaN")))
        .isEqualTo(
            "devices.json,"
                + " line 3, entry 2 'x': 'energy_per_synop_j' must be a number of joules from 0 to 1.0,"
                + " was NaN");
    assertThat(error(entry(good + "\"energy_per_synop_j\": \"4.6 pJ\"")))
        .isEqualTo(
            "devices.json, line 3, entry 2 'x': 'energy_per_synop_j' must be a number of joules,"
                + " was '4.6 pJ'");
    assertThat(
            error(entry(good.replace("\"spiking\": true, ", "") + "\"energy_per_synop_j\": 1e-12")))
        .isEqualTo(
            "devices.json, line 3, entry 2 'x':" + " 'spiking' must be true or false, was missing");
    assertThat(error(entry("\"energy_per_synop_j\": 1e-12")))
        .isEqualTo(
            "devices.json, line 3," + " entry 2: 'device' must be a non-blank name, was missing");
    assertThat(error(entry("\"device\": \" \"")))
        .isEqualTo(
            "devices.json, line 3," + " entry 2: 'device' must be a non-blank name, was ' '");
    assertThat(
            error(
                entry("\"device\": \"x\", \"energy_per_synop_j\": 1e-12," + " \"spiking\": true")))
        .isEqualTo(
            "devices.json, line 3, entry 2 'x':"
                + " 'energy_per_neuron_j' must be a number of joules, was missing");
    assertThat(error(entry(good + "\"energy_per_synop_j\": 1e-12, \"kind\": \"guessed\"")))
        .isEqualTo(
            "devices.json, line 3, entry 2 'x': 'kind' must be measured, pre-silicon or"
                + " derived, was 'guessed'");
    assertThat(error(entry(good + "\"energy_per_synop_j\": 1e-12, \"node\": 45")))
        .isEqualTo("devices.json, line 3, entry 2 'x': 'node' must be a string, was 45.0");
  }

  @Test
  void badStructure_namesTheFileAndLine() throws IOException {
    assertThat(error(entry("\"device\": \"x\", \"energy_per_synop\": 1e-12")))
        .isEqualTo(
            "devices.json, line 3, entry 2: unknown key 'energy_per_synop'; known keys: device,"
                + " energy_per_synop_j, energy_per_neuron_j, spiking, node, kind, counts, source,"
                + " energy_per_mac_j, energy_per_ac_j, sram, dram_energy_per_word_j, data_bits,"
                + " calibrated_overhead_j, calibrated_per_layer_j, calibrated_per_operation_j,"
                + " calibrated_per_neuron_update_j, calibrated_covers");
    assertThat(
            error(
                entry(
                    "\"device\": \"OK\", \"energy_per_synop_j\": 1e-12,"
                        + " \"energy_per_neuron_j\": 2e-12, \"spiking\": false")))
        .isEqualTo(
            "devices.json," + " line 3, entry 2 'OK': the device is already given on line 2");
    assertThat(error("[]"))
        .isEqualTo(
            "devices.json, line 1: a device file is a JSON object" + " {\"devices\": [...]}");
    assertThat(error("{}")).isEqualTo("devices.json: no 'devices' array");
    assertThat(error("{\"devices\": [1]}"))
        .isEqualTo("devices.json, line 1: entry 1 must be an" + " object");
    assertThat(error("{\"devices\": [\n  {\"device\": \"x\",\n"))
        .startsWith("devices.json: not valid JSON (");
    assertThat(error("{\"devices\": [\n  {\"device\": \"x\",\n")).contains("line 3");
    assertThat(
            assertThrows(
                    IllegalArgumentException.class, () -> DeviceFile.read(dir.resolve("none.json")))
                .getMessage())
        .isEqualTo(dir.resolve("none.json") + ": no such file");
  }

  @Test
  void readsTheEnergyModelsFigures_andDefaultsTheRest() throws IOException {
    List<DeviceFile.Entry> entries =
        DeviceFile.read(
            write(
                entry(
                    "\"device\": \"chip\","
                        + " \"energy_per_synop_j\": 5e-12, \"energy_per_neuron_j\": 1e-12, \"spiking\": true,"
                        + " \"energy_per_mac_j\": 3e-12, \"energy_per_ac_j\": 0.5e-12, \"data_bits\": 8,"
                        + " \"sram\": [{\"capacity_bytes\": 4096, \"energy_per_word_j\": 5e-12},"
                        + " {\"capacity_bytes\": 65536, \"energy_per_word_j\": 30e-12}],"
                        + " \"dram_energy_per_word_j\": 1.3e-9")));
    assertThat(entries.get(0).costs())
        .isEqualTo(new OperationCosts(1e-12, 1e-12, OperationCosts.HOROWITZ_SRAM, 2.6e-9, 32));
    assertThat(entries.get(1).costs())
        .isEqualTo(
            new OperationCosts(
                3e-12,
                0.5e-12,
                List.of(
                    new OperationCosts.MemoryTier(4096, 5e-12),
                    new OperationCosts.MemoryTier(65536, 30e-12)),
                1.3e-9,
                8));
  }

  @Test
  void badEnergyModelFigures_nameTheFileLineAndEntry() throws IOException {
    String good =
        "\"device\": \"x\", \"energy_per_synop_j\": 1e-12,"
            + " \"energy_per_neuron_j\": 1e-12, \"spiking\": true,\n";
    assertThat(error(entry(good + "\"energy_per_ac_j\": -1")))
        .isEqualTo(
            "devices.json,"
                + " line 4, entry 2 'x': 'energy_per_ac_j' must be a number of joules from 0 to 1.0,"
                + " was -1.0");
    assertThat(error(entry(good + "\"energy_per_mac_j\": NaN")))
        .isEqualTo(
            "devices.json,"
                + " line 4, entry 2 'x': 'energy_per_mac_j' must be a number of joules from 0 to 1.0,"
                + " was NaN");
    assertThat(error(entry(good + "\"data_bits\": 12.5")))
        .isEqualTo(
            "devices.json, line 4,"
                + " entry 2 'x': 'data_bits' must be a whole number of bits from 1 to 64, was 12.5");
    assertThat(error(entry(good + "\"sram\": 8192")))
        .isEqualTo(
            "devices.json, line 4, entry 2"
                + " 'x': 'sram' must be an array of {\"capacity_bytes\": bytes, \"energy_per_word_j\":"
                + " joules} tiers, was 8192.0");
    assertThat(
            error(
                entry(
                    good
                        + "\"sram\": [{\"capacity_bytes\": 8192},\n"
                        + " {\"capacity_bytes\": 4096, \"energy_per_word_j\": 1e-12}]")))
        .isEqualTo(
            "devices.json, line 4, entry 2 'x': 'energy_per_word_j' must be a number of joules,"
                + " was missing");
    assertThat(
            error(
                entry(
                    good
                        + "\"sram\": [{\"capacity_bytes\": 8192, \"energy_per_word_j\":"
                        + " 1e-12},\n {\"capacity_bytes\": 4096, \"energy_per_word_j\": 1e-12}]")))
        .isEqualTo(
            "devices.json, line 5, entry 2 'x': the sram tiers must grow in capacity, but 4096 bytes"
                + " follows 8192");
    assertThat(error(entry(good + "\"sram\": [{\"size\": 8192}]")))
        .isEqualTo(
            "devices.json,"
                + " line 4, entry 2 'x': an sram tier must be {\"capacity_bytes\": bytes,"
                + " \"energy_per_word_j\": joules}, had unknown key 'size'");
  }

  private Path properties(String text) throws IOException {
    return Files.writeString(dir.resolve("devices.properties"), text);
  }

  private String propertiesError(String text) throws IOException {
    Path file = properties(text);
    return assertThrows(IllegalArgumentException.class, () -> DeviceFile.read(file))
        .getMessage()
        .replace(file.toString(), "devices.properties");
  }

  @Test
  void propertiesFiles_holdTheSameKeys_oneDevicePrefixEach() throws IOException {
    List<DeviceFile.Entry> entries =
        DeviceFile.read(
            properties(
                """
        # our lab's chips
        lab.chip.energy_per_synop_j = 2e-12
        lab.chip.energy_per_neuron_j = 1e-12
        lab.chip.spiking = true
        lab.chip.node = 22 nm
        lab.chip.kind = measured
        lab.chip.sram = 4096:5e-12, 65536:30e-12
        lab.chip.data_bits = 16

        ! a second one
        other.energy_per_synop_j=1e-12
        other.energy_per_neuron_j=0
        other.spiking=false
        other.energy_per_mac_j=4e-12
        """));
    assertThat(entries)
        .containsExactly(
            new DeviceFile.Entry(
                new Device("lab.chip", 2e-12, 1e-12, true),
                new DeviceInfo("", "22 nm", DeviceInfo.Kind.MEASURED, ""),
                new OperationCosts(
                    2e-12,
                    2e-12,
                    List.of(
                        new OperationCosts.MemoryTier(4096, 5e-12),
                        new OperationCosts.MemoryTier(65536, 30e-12)),
                    2.6e-9,
                    16)),
            new DeviceFile.Entry(
                new Device("other", 1e-12, 0, false),
                DeviceInfo.citing(""),
                new OperationCosts(4e-12, 1e-12, OperationCosts.HOROWITZ_SRAM, 2.6e-9, 32)))
        .inOrder();
  }

  @Test
  void malformedPropertiesFiles_nameTheFileLineAndEntry() throws IOException {
    String good = "x.energy_per_synop_j = 1e-12\nx.energy_per_neuron_j = 1e-12\n";
    assertThat(propertiesError(good + "x.spiking = true\nx.energy_per_ac_j = NaN\n"))
        .isEqualTo(
            "devices.properties, line 4, entry 1 'x': 'energy_per_ac_j' must be a number"
                + " of joules from 0 to 1.0, was NaN");
    assertThat(propertiesError(good + "x.spiking = true\nx.energy_per_mac_j = -2e-12\n"))
        .isEqualTo(
            "devices.properties, line 4, entry 1 'x': 'energy_per_mac_j' must be a number"
                + " of joules from 0 to 1.0, was -2.0E-12");
    assertThat(propertiesError(good))
        .isEqualTo(
            "devices.properties, line 1, entry 1 'x':"
                + " 'spiking' must be true or false, was missing");
    assertThat(propertiesError(good + "x.spiking = yes\n"))
        .isEqualTo(
            "devices.properties,"
                + " line 3, entry 1 'x': 'spiking' must be true or false, was 'yes'");
    assertThat(propertiesError("x.energy_per_neuron_j = 1e-12\nx.spiking = true\n"))
        .isEqualTo(
            "devices.properties, line 1, entry 1 'x': 'energy_per_synop_j' must be a"
                + " number of joules, was missing");
    assertThat(propertiesError(good + "x.spiking = true\ny.energy_per_synop_j = 4.6 pJ\n"))
        .isEqualTo(
            "devices.properties, line 4, entry 2 'y': 'energy_per_synop_j' must be a"
                + " number of joules, was '4.6 pJ'");
    assertThat(propertiesError(good + "x.spiking = true\nx.watts = 1\n"))
        .isEqualTo(
            "devices.properties, line 4, entry 1 'x': unknown key 'watts'; known keys:"
                + " energy_per_synop_j, energy_per_neuron_j, spiking, node, kind, counts, source,"
                + " energy_per_mac_j, energy_per_ac_j, sram, dram_energy_per_word_j, data_bits,"
                + " calibrated_overhead_j, calibrated_per_layer_j, calibrated_per_operation_j,"
                + " calibrated_per_neuron_update_j, calibrated_covers");
    assertThat(propertiesError(good + "x.spiking = true\nx.spiking = false\n"))
        .isEqualTo(
            "devices.properties, line 4, entry 1 'x': 'spiking' is given twice, on line 3 and here");
    assertThat(propertiesError(good + "spiking true\n"))
        .isEqualTo(
            "devices.properties, line 3:"
                + " expected device.key = value, such as mychip.energy_per_synop_j = 1e-12, was"
                + " 'spiking true'");
    assertThat(propertiesError(good + "x.spiking = true\nx.sram = 8192\n"))
        .isEqualTo(
            "devices.properties, line 4, entry 1 'x': an sram tier must be {\"capacity_bytes\":"
                + " bytes, \"energy_per_word_j\": joules}, was '8192 (a tier is bytes:joules)'");
    assertThat(
            propertiesError(
                good
                    + "x.spiking = true\nX.energy_per_synop_j = 1e-12\n"
                    + "X.energy_per_neuron_j = 0\nX.spiking = true\n"))
        .isEqualTo(
            "devices.properties,"
                + " line 4, entry 2 'X': the device is already given on line 1 (names ignore case)");
    assertThat(propertiesError("# nothing\n"))
        .isEqualTo(
            "devices.properties: no device keys," + " such as mychip.energy_per_synop_j = 1e-12");
  }

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void aLargePropertiesFile_readsInLinearTime() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      text.append("d")
          .append(i)
          .append(".energy_per_synop_j = 1e-12\n")
          .append("d")
          .append(i)
          .append(".energy_per_neuron_j = 0\n")
          .append("d")
          .append(i)
          .append(".spiking = false\n");
    }
    List<DeviceFile.Entry> entries = DeviceFile.read(properties(text.toString()));
    assertThat(entries).hasSize(50_000);
    assertThat(entries.get(49_999).device()).isEqualTo(new Device("d49999", 1e-12, 0, false));
  }
}
