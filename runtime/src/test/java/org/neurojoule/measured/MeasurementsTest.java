package org.neurojoule.measured;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled measurements and the reading of a lab's file. */
class MeasurementsTest {
  private static final String HEADER =
      "id,network,device,batch,joules_per_inference,kind,conditions,source,confidence\n";

  @Test
  void published_keepsEveryRowAndColumn() {
    List<Measurement> rows = Measurements.published();
    assertThat(rows).hasSize(172);
    Measurement first = rows.get(0);
    assertThat(first.id()).isEqualTo("blouw-t1-quadro-k4000-dyn");
    assertThat(first.networkKey()).isEqualTo("blouw-kws");
    assertThat(first.network())
        .isEqualTo("blouw-kws: 390 -> Dense 256 ReLU -> Dense 256 ReLU -> Dense 29 (172,800 MACs)");
    assertThat(first.device()).isEqualTo("quadro-k4000");
    assertThat(first.batch()).isEqualTo(1);
    assertThat(first.joulesPerInference()).isEqualTo(0.0297);
    assertThat(first.kind()).isEqualTo(Measurement.Kind.DYNAMIC);
    assertThat(first.conditions()).startsWith("Quadro K4000, TensorFlow");
    assertThat(first.source()).contains("Blouw, Choo, Hunsberger, Eliasmith, \"Benchmarking");
    assertThat(first.confidence()).isEqualTo("primary");
    assertThat(first.group()).isEqualTo("quadro-k4000 (dynamic)");
    assertThat(rows.stream().filter(m -> m.kind() == Measurement.Kind.TOTAL).count())
        .isEqualTo(136);
  }

  @Test
  void quotedFields_spanCommasQuotesAndLines() throws Exception {
    List<Measurement> rows =
        Measurements.parse(
            new StringReader(HEADER + "a,\"x: 1, \"\"2\"\"\nmore\",d,2,1e-3,total,,,\n"), "t.csv");
    assertThat(rows.get(0).network()).isEqualTo("x: 1, \"2\"\nmore");
    assertThat(rows.get(0).networkKey()).isEqualTo("x");
    assertThat(rows.get(0).batch()).isEqualTo(2);
  }

  @Test
  void badRows_nameTheFileLineAndRow() {
    assertThat(error(HEADER + "a,n,d,1,-1,total,,,\n"))
        .isEqualTo(
            "t.csv, line 2, row 'a': joules_per_inference must be a positive number, was -1.0");
    assertThat(error(HEADER + "a,n,d,1,1,watts,,,\n"))
        .isEqualTo("t.csv, line 2, row 'a': kind must be dynamic or total, was 'watts'");
    assertThat(error(HEADER + "a,n,d,1,1,total,,\n"))
        .isEqualTo("t.csv, line 2: 8 fields, but the header has 9");
    assertThat(error(HEADER + "a,n,d,1,1,total,,,\na,n,d,1,1,total,,,\n"))
        .isEqualTo("t.csv, line 3, row 'a': the id is already used on line 2");
    assertThat(error("id,network,device,batch,kind\n"))
        .isEqualTo(
            "t.csv, line 1: no 'joules_per_inference' column; the header has id, network,"
                + " device, batch, kind");
    assertThat(error(HEADER)).isEqualTo("t.csv: no rows after the header");
    assertThat(error(HEADER + "a,\"n,d,1,1,total,,,\n"))
        .isEqualTo("t.csv, line 2: a quoted field is never closed");
  }

  private static String error(String csv) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> Measurements.parse(new StringReader(csv), "t.csv"))
        .getMessage();
  }
}
