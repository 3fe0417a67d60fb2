package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.device.CalibratedTerms;
import org.neurojoule.device.DeviceFile;

/** {@code neurojoule calibrate}: fits terms, writes a device file, refuses rows it cannot use. */
class CalibrateCommandTest {
  private static final String HEADER =
      "id,model,device,batch,joules_per_inference,kind,conditions,source,confidence\n";

  @TempDir Path dir;

  /** Energies made from known terms with {@link CalibratedTerms#energy}, one row per line. */
  private Path synthetic(CalibratedTerms t) throws IOException {
    StringBuilder csv = new StringBuilder(HEADER);
    int i = 0;
    for (String model :
        List.of("blouw-kws", "blouw-kws-scaled-1", "blouw-kws-scaled-3", "mlperf-tiny-kws")) {
      Workload w =
          Workload.of(
              model, ModelSource.load(model, java.util.function.UnaryOperator.identity(), false));
      for (int batch : new int[] {1, 4, 32}) {
        double e = t.energy(w.layers(), w.operations(), 0, batch);
        csv.append(
            String.format(
                Locale.ROOT,
                "r%d,%s,mychip,%d,%.12g,dynamic,synthetic,test,derived%n",
                i++,
                model,
                batch,
                e));
      }
    }
    return Files.writeString(dir.resolve("lab.csv"), csv);
  }

  @Test
  void syntheticRows_fromKnownTerms_areFittedBack() throws IOException {
    CalibratedTerms known =
        new CalibratedTerms(2e-3, 3e-4, 1.5e-9, 0, CalibratedTerms.Covers.DYNAMIC);
    Path csv = synthetic(known);
    Path out = dir.resolve("devices.json");
    NeurojouleTest.Run r = run("calibrate", csv.toString(), "--output", out.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("mychip: 12 rows");
    List<DeviceFile.Entry> entries = DeviceFile.read(out);
    assertThat(entries).hasSize(1);
    CalibratedTerms fitted = entries.get(0).calibration().orElseThrow();
    assertThat(fitted.overhead()).isWithin(2e-3 * 1e-5).of(2e-3);
    assertThat(fitted.perLayer()).isWithin(3e-4 * 1e-5).of(3e-4);
    assertThat(fitted.perOperation()).isWithin(1.5e-9 * 1e-5).of(1.5e-9);
    assertThat(fitted.covers()).isEqualTo(CalibratedTerms.Covers.DYNAMIC);
    // The file loads with --devices and prices a model under the calibrated energy model.
    NeurojouleTest.Run summary =
        run(
            "summary",
            "blouw-kws",
            "--devices",
            out.toString(),
            "--energy-model",
            "calibrated",
            "--inference-batch",
            "4",
            "--columns",
            "name,energy mychip");
    assertThat(summary.err()).isEmpty();
    assertThat(summary.code()).isEqualTo(0);
  }

  @Test
  void aMalformedRow_isAnErrorNamingItsLineAndRow() throws IOException {
    Path csv =
        Files.writeString(
            dir.resolve("bad.csv"), HEADER + "a,blouw-kws,mychip,two,1e-3,dynamic,,,\n");
    NeurojouleTest.Run r =
        run("calibrate", csv.toString(), "--output", dir.resolve("o").toString());
    assertThat(r.code()).isNotEqualTo(0);
    assertThat(r.err())
        .contains("bad.csv, line 2, row 'a': batch must be a whole number >= 1, was 'two'");
  }

  @Test
  void contradictoryRows_areAnErrorNamingBoth() throws IOException {
    Path csv =
        Files.writeString(
            dir.resolve("c.csv"),
            HEADER
                + "a,blouw-kws,mychip,1,1e-3,dynamic,,,\n"
                + "b,blouw-kws,mychip,1,1e-1,dynamic,,,\n");
    NeurojouleTest.Run r =
        run("calibrate", csv.toString(), "--output", dir.resolve("o").toString());
    assertThat(r.code()).isNotEqualTo(0);
    assertThat(r.err())
        .contains(
            "rows 'a' (line 2) and 'b' (line 3) contradict each other: the same network and batch"
                + " on mychip measured 0.001 J and 0.1 J, more than 10x apart");
  }

  @Test
  void tooFewRows_forTheTermsAsked_isAnErrorNamingTheTerm() throws IOException {
    Path csv =
        Files.writeString(
            dir.resolve("few.csv"),
            HEADER
                + "a,blouw-kws,mychip,1,1e-3,dynamic,,,\n"
                + "b,blouw-kws-scaled-2,mychip,1,3e-3,dynamic,,,\n");
    NeurojouleTest.Run r =
        run(
            "calibrate",
            csv.toString(),
            "--output",
            dir.resolve("o").toString(),
            "--terms",
            "overhead,layer,operation");
    assertThat(r.code()).isNotEqualTo(0);
    assertThat(r.err()).contains("device 'mychip': its 2 rows cannot determine the");
    // Without --terms, the terms the rows determine are fitted and the others reported as 0.
    NeurojouleTest.Run auto =
        run("calibrate", csv.toString(), "--output", dir.resolve("o.json").toString());
    assertThat(auto.err()).isEmpty();
    assertThat(auto.out()).contains("(not determined by the rows, left at 0: layer)");
  }

  @Test
  void anUnknownModel_isAnErrorNamingTheRow() throws IOException {
    Path csv =
        Files.writeString(
            dir.resolve("u.csv"), HEADER + "a,nosuchmodel.h5,mychip,1,1e-3,dynamic,,,\n");
    NeurojouleTest.Run r =
        run("calibrate", csv.toString(), "--output", dir.resolve("o").toString());
    assertThat(r.code()).isNotEqualTo(0);
    assertThat(r.err()).contains("line 2, row 'a': model 'nosuchmodel.h5'");
  }
}
