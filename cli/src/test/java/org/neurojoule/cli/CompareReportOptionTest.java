package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.cli.NeurojouleTest.assertFails;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.Comparison;
import org.neurojoule.examples.Architectures;
import org.neurojoule.layer.Accounting;

/** {@code neurojoule compare A B --report FILE}: the library's report, the comparison as usual. */
class CompareReportOptionTest {
  @TempDir Path dir;

  @Test
  void report_isTheLibrarysComparisonReport_andTheComparisonPrintsAsUsual() throws Exception {
    Path file = dir.resolve("cmp.html");
    NeurojouleTest.Run plain =
        run("compare", "vgg9", "lcrm-vgg9", "--accounting", "keras-spiking", "--timesteps", "3");
    NeurojouleTest.Run withReport =
        run(
            "compare",
            "vgg9",
            "lcrm-vgg9",
            "--accounting",
            "keras-spiking",
            "--timesteps",
            "3",
            "--report",
            file.toString());
    assertThat(withReport.code()).isEqualTo(0);
    assertThat(withReport.err()).isEqualTo(plain.err());
    assertThat(withReport.out()).isEqualTo(plain.out());
    String expected =
        Comparison.of(
                Architectures.vgg9().energy(e -> e.accounting(Accounting.KERAS_SPIKING)),
                Architectures.lcrmVgg9().energy(e -> e.accounting(Accounting.KERAS_SPIKING)))
            .named("vgg9", "lcrm-vgg9")
            .report(r -> r.timestepsPerInference(3))
            .html();
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(expected).contains("<title>Comparison: vgg9 vs lcrm-vgg9</title>");
    assertThat(expected).contains("data-device=\"gpu\"");
  }

  @Test
  void report_toAMissingFolder_failsWithOneLine_beforePrinting() {
    Path file = dir.resolve("missing/cmp.html");
    assertFails(
        1,
        "neurojoule: cannot write the report to '" + file + "': no such file",
        "compare",
        "mnist",
        "mnist",
        "--report",
        file.toString());
  }

  @Test
  void report_ontoAFolder_failsWithOneLine() {
    NeurojouleTest.Run r = run("compare", "mnist", "mnist", "--report", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("neurojoule: cannot write the report to '" + dir + "': ");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }
}
