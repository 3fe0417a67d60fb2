package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.cli.NeurojouleTest.assertFails;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.examples.Architectures;

/** {@code neurojoule summary MODEL --report FILE}: the library's report, the summary as usual. */
class ReportOptionTest {
  @TempDir Path dir;

  @Test
  void report_isTheLibrarysReport_andTheSummaryPrintsAsUsual() throws Exception {
    Path file = dir.resolve("mnist.html");
    NeurojouleTest.Run plain =
        run("summary", "mnist", "--columns", "name,params,energy gpu", "--timesteps", "3");
    NeurojouleTest.Run withReport =
        run(
            "summary",
            "mnist",
            "--columns",
            "name,params,energy gpu",
            "--timesteps",
            "3",
            "--report",
            file.toString());
    assertThat(withReport.code()).isEqualTo(0);
    assertThat(withReport.err()).isEmpty();
    assertThat(withReport.out()).isEqualTo(plain.out());
    String expected =
        Architectures.mnist()
            .energy()
            .report(r -> r.columns("name", "params", "energy gpu").timestepsPerInference(3))
            .html();
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(expected).contains("data-device=\"gpu\"");
  }

  @Test
  void report_toAMissingFolder_failsWithOneLine_beforePrinting() {
    Path file = dir.resolve("missing/mnist.html");
    assertFails(
        1,
        "neurojoule: cannot write the report to '" + file + "': no such file",
        "summary",
        "mnist",
        "--report",
        file.toString());
  }

  @Test
  void report_ontoAFolder_failsWithOneLine() {
    NeurojouleTest.Run r = run("summary", "mnist", "--report", dir.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("neurojoule: cannot write the report to '" + dir + "': ");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }
}
