package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.measured.Measurements;

/** {@code neurojoule validate} on the published measurements. */
class ValidateCommandTest {
  private static final Pattern SUMMARY =
      Pattern.compile(
          "(?m)^(reference|calibrated, leave one out|calibrated, leave one network out)\\s+(\\d+)"
              + " rows  geometric-mean error x([0-9.]+)  within 2x\\s+([0-9.]+) %  within 3x\\s+"
              + "([0-9.]+) %$");

  @TempDir Path dir;

  @Test
  void publishedRows_allPrinted_withTheSummaries_andTheCrossValidatedShares() throws IOException {
    Path html = dir.resolve("v.html");
    NeurojouleTest.Run r = run("validate", "--report", html.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(0);
    for (var m : Measurements.published()) {
      assertThat(r.out()).contains(m.id() + " ");
    }
    Matcher s = SUMMARY.matcher(r.out());
    List<double[]> lines = new java.util.ArrayList<>();
    while (s.find()) {
      lines.add(
          new double[] {
            Double.parseDouble(s.group(2)),
            Double.parseDouble(s.group(4)),
            Double.parseDouble(s.group(5))
          });
    }
    assertThat(lines).hasSize(3);
    // Every row has a reference estimate; the rows alone on their device (loihi2, akd1000,
    // jetson-agx-orin) are kept out of the leave-one-out shares, and those whose device measured
    // a single network out of the leave-network-out ones.
    assertThat(lines.get(0)[0]).isEqualTo(172);
    assertThat(lines.get(1)[0]).isEqualTo(166);
    assertThat(lines.get(2)[0]).isEqualTo(140);
    // The thresholds: calibrated, leave one out, within 2x on at least 90 % of the rows and
    // within 3x on at least 97 %; leaving the network out, within 2x on at least 80 %.
    assertThat(lines.get(1)[1]).isAtLeast(90.0);
    assertThat(lines.get(1)[2]).isAtLeast(97.0);
    assertThat(lines.get(2)[1]).isAtLeast(80.0);
    assertThat(r.out()).contains("akida-akidanet05-224-tot (akd1000 (total)): no other row");
    assertThat(Files.readString(html)).contains("<svg id=\"chart\"");
    assertThat(Files.readString(html)).contains("class=\"band\"");
  }

  @Test
  void aLabsFile_isValidatedToo() throws IOException {
    Path csv =
        Files.writeString(
            dir.resolve("lab.csv"),
            "id,model,device,batch,joules_per_inference,kind\n"
                + "a,blouw-kws,mine,1,1e-3,total\n"
                + "b,blouw-kws-scaled-1,mine,1,3e-3,total\n"
                + "c,blouw-kws-scaled-2,mine,1,5e-3,total\n");
    NeurojouleTest.Run r = run("validate", csv.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("calibrated, leave one out            3 rows");
  }
}
