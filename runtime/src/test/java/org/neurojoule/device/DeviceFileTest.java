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
  @TempDir
  Path dir;

  private Path write(String json) throws IOException {
    return Files.writeString(dir.resolve("devices.json"), json);
  }

  private String error(String json) throws IOException {
    Path file = write(json);
    return assertThrows(IllegalArgumentException.class, () -> DeviceFile.read(file))
        .getMessage().replace(file.toString(), "devices.json");
  }

  private static String entry(String fields) {
    return "{\"devices\": [\n  {\"device\": \"ok\", \"energy_per_synop_j\": 1e-12,"
        + " \"energy_per_neuron_j\": 2e-12, \"spiking\": false},\n  {" + fields + "}\n]}\n";
  }

  @Test
  void readsFiguresAndWhatTheyMean_inFileOrder() throws IOException {
    List<DeviceFile.Entry> entries = DeviceFile.read(write(entry("\"device\": \"Mine\","
        + " \"energy_per_synop_j\": 2.5e-12, \"energy_per_neuron_j\": 0, \"spiking\": true,"
        + " \"node\": \"22 nm\", \"kind\": \"pre-silicon\", \"counts\": \"one AC\","
        + " \"source\": \"Me, 2026\"")));
    assertThat(entries).containsExactly(
        new DeviceFile.Entry(new Device("ok", 1e-12, 2e-12, false), DeviceInfo.citing("")),
        new DeviceFile.Entry(new Device("Mine", 2.5e-12, 0, true),
            new DeviceInfo("one AC", "22 nm", DeviceInfo.Kind.PRE_SILICON, "Me, 2026")))
        .inOrder();
  }

  @Test
  void badFigures_nameTheFileLineAndEntry() throws IOException {
    String good = "\"device\": \"x\", \"energy_per_neuron_j\": 1e-12, \"spiking\": true, ";
    assertThat(error(entry(good + "\"energy_per_synop_j\": -1e-12"))).isEqualTo("devices.json,"
        + " line 3, entry 2 'x': 'energy_per_synop_j' must be a number of joules from 0 to 1.0,"
        + " was -1.0E-12");
    assertThat(error(entry(good + "\"energy_per_synop_j\": NaN"))).isEqualTo("devices.json,"
        + " line 3, entry 2 'x': 'energy_per_synop_j' must be a number of joules from 0 to 1.0,"
        + " was NaN");
    assertThat(error(entry(good + "\"energy_per_synop_j\": \"4.6 pJ\""))).isEqualTo(
        "devices.json, line 3, entry 2 'x': 'energy_per_synop_j' must be a number of joules,"
        + " was '4.6 pJ'");
    assertThat(error(entry(good.replace("\"spiking\": true, ", "")
        + "\"energy_per_synop_j\": 1e-12"))).isEqualTo("devices.json, line 3, entry 2 'x':"
        + " 'spiking' must be true or false, was missing");
    assertThat(error(entry("\"energy_per_synop_j\": 1e-12"))).isEqualTo("devices.json, line 3,"
        + " entry 2: 'device' must be a non-blank name, was missing");
    assertThat(error(entry("\"device\": \" \""))).isEqualTo("devices.json, line 3,"
        + " entry 2: 'device' must be a non-blank name, was ' '");
    assertThat(error(entry("\"device\": \"x\", \"energy_per_synop_j\": 1e-12,"
        + " \"spiking\": true"))).isEqualTo("devices.json, line 3, entry 2 'x':"
        + " 'energy_per_neuron_j' must be a number of joules, was missing");
    assertThat(error(entry(good + "\"energy_per_synop_j\": 1e-12, \"kind\": \"guessed\"")))
        .isEqualTo("devices.json, line 3, entry 2 'x': 'kind' must be measured, pre-silicon or"
        + " derived, was 'guessed'");
    assertThat(error(entry(good + "\"energy_per_synop_j\": 1e-12, \"node\": 45")))
        .isEqualTo("devices.json, line 3, entry 2 'x': 'node' must be a string, was 45.0");
  }

  @Test
  void badStructure_namesTheFileAndLine() throws IOException {
    assertThat(error(entry("\"device\": \"x\", \"energy_per_synop\": 1e-12"))).isEqualTo(
        "devices.json, line 3, entry 2: unknown key 'energy_per_synop'; known keys: device,"
        + " energy_per_synop_j, energy_per_neuron_j, spiking, node, kind, counts, source");
    assertThat(error(entry("\"device\": \"OK\", \"energy_per_synop_j\": 1e-12,"
        + " \"energy_per_neuron_j\": 2e-12, \"spiking\": false"))).isEqualTo("devices.json,"
        + " line 3, entry 2 'OK': the device is already given on line 2");
    assertThat(error("[]")).isEqualTo("devices.json, line 1: a device file is a JSON object"
        + " {\"devices\": [...]}");
    assertThat(error("{}")).isEqualTo("devices.json: no 'devices' array");
    assertThat(error("{\"devices\": [1]}")).isEqualTo("devices.json, line 1: entry 1 must be an"
        + " object");
    assertThat(error("{\"devices\": [\n  {\"device\": \"x\",\n")).startsWith(
        "devices.json: not valid JSON (");
    assertThat(error("{\"devices\": [\n  {\"device\": \"x\",\n")).contains("line 3");
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> DeviceFile.read(dir.resolve("none.json"))).getMessage())
        .isEqualTo(dir.resolve("none.json") + ": no such file");
  }
}
