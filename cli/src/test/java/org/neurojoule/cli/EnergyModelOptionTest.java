package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.cli.NeurojouleTest.assertFails;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --energy-model} on summary and compare. */
class EnergyModelOptionTest {
  @Test
  void summary_underMacAc_countsOneMacPerConnectionAndNeuron() {
    NeurojouleTest.Run r = run("summary", "mnist", "--energy-model", "mac-ac", "--columns",
        "name,energy horowitz-fp32,mac_energy horowitz-fp32");
    assertThat(r.code()).isEqualTo(0);
    // (172,616 + 1,096) x 4.6 pJ.
    assertThat(r.out()).contains("Total energy per inference [Joules/inf] (horowitz-fp32):"
        + " 7.99e-07\n");
    assertThat(r.out()).contains("* Energy model MAC_AC: one MAC per connection");
  }

  @Test
  void summaryJson_recordsTheModel() {
    String json = run("summary", "mnist", "--energy-model", "MEMORY-AWARE", "--format", "json",
        "--columns", "name,memory_energy horowitz-fp32").out();
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
    double macAc = cpuEnergy(run("compare", "mnist", "mnist", "--format", "csv",
        "--energy-model", "mac-ac").out());
    double memory = cpuEnergy(run("compare", "mnist", "mnist", "--format", "csv",
        "--energy-model", "memory-aware").out());
    // cpu gives no MAC figure of its own, so a MAC costs its synop figure: the reference's total.
    assertThat(macAc).isEqualTo(reference);
    assertThat(reference).isWithin(1e-15).of((172_616 + 1_096) * 8.6e-9);
    // Memory accesses come on top.
    assertThat(memory).isGreaterThan(macAc);
  }

  @Test
  void anUnknownModel_isAUsageErrorListingTheValidOnes() {
    assertFails(2, "neurojoule: Invalid value for option '--energy-model': 'joules' is not an"
        + " energy model; use reference, mac-ac or memory-aware (see 'neurojoule summary"
        + " --help')", "summary", "mnist", "--energy-model", "joules");
  }

  @Test
  void aMacColumnUnderTheReference_isAnErrorNamingColumnAndModel() {
    assertFails(1, "neurojoule: column 'mac_energy cpu' needs --energy-model mac-ac or"
        + " memory-aware; the reference model counts neither MACs nor memory", "summary", "mnist",
        "--columns", "name,mac_energy cpu");
  }
}
