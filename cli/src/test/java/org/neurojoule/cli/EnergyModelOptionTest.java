package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.cli.NeurojouleTest.assertFails;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ModelEnergy;
import org.neurojoule.device.DeviceFile;

/** {@code --energy-model} on summary and compare. */
class EnergyModelOptionTest {
  @TempDir Path dir;

  @Test
  void devicesJson_givesTheEnergyModelsFigures_andLoadsBack() throws IOException {
    String json = run("devices", "--format", "json").out();
    assertThat(json).contains("\"device\": \"horowitz-fp16\", \"energy_per_synop_j\": 1.5E-12");
    assertThat(json)
        .contains(
            "\"energy_per_mac_j\": 1.5E-12, \"energy_per_ac_j\": 4.0E-13,"
                + " \"data_bits\": 16, \"sram\": [{\"capacity_bytes\": 8192, \"energy_per_word_j\":"
                + " 1.0E-11}, {\"capacity_bytes\": 32768, \"energy_per_word_j\": 2.0E-11},"
                + " {\"capacity_bytes\": 1048576, \"energy_per_word_j\": 1.0E-10}],"
                + " \"dram_energy_per_word_j\": 2.6E-9}");
    // Devices that give none print no such keys: cpu's entry is as before.
    assertThat(json).doesNotContainMatch("\"device\": \"cpu\"[^}]*energy_per_mac_j");
    Path file = Files.writeString(dir.resolve("all.json"), json);
    for (DeviceFile.Entry e : DeviceFile.read(file)) {
      assertThat(e.costs()).isEqualTo(ModelEnergy.deviceCosts(e.device().name()));
    }
  }

  @Test
  void calibratedSpikingDevice_needsNoExampleData() {
    // Its fitted terms charge connections, not measured rates.
    NeurojouleTest.Run r =
        run(
            "summary",
            "blouw-kws",
            "--energy-model",
            "calibrated",
            "--columns",
            "name,energy loihi-wolf-mountain");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("Total energy per inference [Joules/inf] (loihi-wolf-mountain): ");
    assertThat(r.out()).doesNotContain("(loihi-wolf-mountain): 0.00e+00");
  }

  @Test
  void propertiesDevicesFile_registersItsDevices() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("lab.properties"),
            """
        cli-props-chip.energy_per_synop_j = 1e-12
        cli-props-chip.energy_per_neuron_j = 0
        cli-props-chip.spiking = false
        """);
    NeurojouleTest.Run r =
        run(
            "summary",
            "mnist",
            "--devices",
            file.toString(),
            "--columns",
            "name,energy cli-props-chip");
    assertThat(r.code()).isEqualTo(0);
    // 172,616 connections at 1 pJ; no neuron energy.
    assertThat(r.out())
        .contains("Total energy per inference [Joules/inf] (cli-props-chip):" + " 1.73e-07\n");
  }

  @Test
  void summary_underMacAc_countsOneMacPerConnectionAndNeuron() {
    NeurojouleTest.Run r =
        run(
            "summary",
            "mnist",
            "--energy-model",
            "mac-ac",
            "--columns",
            "name,energy horowitz-fp32,mac_energy horowitz-fp32");
    assertThat(r.code()).isEqualTo(0);
    // (172,616 + 1,096) x 4.6 pJ.
    assertThat(r.out())
        .contains("Total energy per inference [Joules/inf] (horowitz-fp32):" + " 7.99e-07\n");
    assertThat(r.out()).contains("* Energy model MAC_AC: one MAC per connection");
  }

  @Test
  void summaryJson_recordsTheModel() {
    String json =
        run(
                "summary",
                "mnist",
                "--energy-model",
                "MEMORY-AWARE",
                "--format",
                "json",
                "--columns",
                "name,memory_energy horowitz-fp32")
            .out();
    assertThat(json).contains("  \"energy_model\": \"memory-aware\",\n");
    assertThat(run("summary", "mnist", "--format", "json").out())
        .contains("  \"energy_model\": \"reference\",\n");
  }

  private static double cpuEnergy(String csv) {
    List<String> lines = csv.lines().toList();
    int field = Arrays.asList(lines.get(0).split(",")).indexOf("energy_j_cpu");
    return Double.parseDouble(lines.get(1).split(",")[field]);
  }

  @Test
  void compare_usesTheModelForEveryEstimate() {
    double reference = cpuEnergy(run("compare", "mnist", "mnist", "--format", "csv").out());
    double macAc =
        cpuEnergy(
            run("compare", "mnist", "mnist", "--format", "csv", "--energy-model", "mac-ac").out());
    double memory =
        cpuEnergy(
            run("compare", "mnist", "mnist", "--format", "csv", "--energy-model", "memory-aware")
                .out());
    // cpu gives no MAC figure of its own, so a MAC costs its synop figure: the reference's total.
    assertThat(macAc).isEqualTo(reference);
    assertThat(reference).isWithin(1e-15).of((172_616 + 1_096) * 8.6e-9);
    // Memory accesses come on top.
    assertThat(memory).isGreaterThan(macAc);
  }

  @Test
  void anUnknownModel_isAUsageErrorListingTheValidOnes() {
    assertFails(
        2,
        "neurojoule: Invalid value for option '--energy-model': 'joules' is not an"
            + " energy model; use reference, mac-ac, memory-aware or calibrated (see 'neurojoule summary"
            + " --help')",
        "summary",
        "mnist",
        "--energy-model",
        "joules");
  }

  @Test
  void aMacColumnUnderTheReference_isAnErrorNamingColumnAndModel() {
    assertFails(
        1,
        "neurojoule: column 'mac_energy cpu' needs --energy-model mac-ac or"
            + " memory-aware; the reference model counts neither MACs nor memory",
        "summary",
        "mnist",
        "--columns",
        "name,mac_energy cpu");
  }
}
