package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.examples.Architectures;
import org.neurojoule.measured.Measurement;
import org.neurojoule.measured.Measurements;

/** How {@link TermFit} chooses a device's terms from its rows alone. */
class TermFitTest {
  private static final Map<String, Workload> MCU =
      Map.of(
          "mlperf-tiny-ad", Workload.published().get("mlperf-tiny-ad"),
          "mlperf-tiny-ic", Workload.published().get("mlperf-tiny-ic"),
          "mlperf-tiny-vww", Workload.published().get("mlperf-tiny-vww"),
          "mlperf-tiny-kws", Workload.of("mlperf-tiny-kws", Architectures.mlperfTinyKws()));

  private static TermFit.Observation row(String id, Workload w, int batch, double joules) {
    return new TermFit.Observation(
        new Measurement(
            id,
            w.network(),
            "chip",
            batch,
            joules,
            Measurement.Kind.TOTAL,
            "",
            "",
            "",
            Optional.empty(),
            2),
        w);
  }

  @Test
  void energyPerOperation_thatVariesByNetwork_dropsTheOverheadAnOuterNetworkWouldMisfit() {
    // A microcontroller's energy per MAC differs a little between networks (here by up to 1.5x,
    // as in MLPerf Tiny's rows); an overhead fitted to that spread would overcharge a small dense
    // network, and predicting each network from the others shows it.
    double[] factor = {1.4, 1.0, 1.5, 1.55};
    List<TermFit.Observation> rows = new ArrayList<>();
    int i = 0;
    for (String n :
        List.of("mlperf-tiny-ad", "mlperf-tiny-ic", "mlperf-tiny-kws", "mlperf-tiny-vww")) {
      rows.add(row("r" + i, MCU.get(n), 1, 1.4e-9 * factor[i] * MCU.get(n).operations()));
      i++;
    }
    TermFit.Fit fit = TermFit.fit(rows);
    assertThat(fit.fitted()).containsExactly(TermFit.Term.OPERATION);
    assertThat(fit.determined()).containsExactlyElementsIn(EnumSet.allOf(TermFit.Term.class));
    assertThat(fit.terms().overhead()).isEqualTo(0.0);
    assertThat(fit.terms().perLayer()).isEqualTo(0.0);
    assertThat(CalibrateCommand.leftAtZero(fit))
        .isEqualTo(
            " (each network left out is predicted better without them, left at 0: overhead,"
                + " layer)");
    // The richest determined set would have fitted an overhead.
    TermFit.Fit richest =
        TermFit.fitExactly(rows, EnumSet.of(TermFit.Term.OVERHEAD, TermFit.Term.OPERATION));
    assertThat(richest.terms().overhead()).isGreaterThan(0.0);
    assertThat(TermFit.networkOutError(rows, fit.fitted()))
        .isLessThan(TermFit.networkOutError(rows, richest.fitted()));
  }

  @Test
  void termsThatExplainTheRows_areKept() {
    // Rows made exactly from the three terms: leaving a network out predicts it exactly with all
    // of them, so all stay.
    List<TermFit.Observation> rows = new ArrayList<>();
    int i = 0;
    for (Workload w : MCU.values()) {
      rows.add(row("r" + i++, w, 1, 5e-5 + 2e-6 * w.layers() + 2e-10 * w.operations()));
    }
    TermFit.Fit fit = TermFit.fit(rows);
    assertThat(fit.fitted()).containsExactlyElementsIn(EnumSet.allOf(TermFit.Term.class));
    assertThat(fit.terms().overhead()).isWithin(5e-5 * 1e-5).of(5e-5);
    assertThat(fit.terms().perLayer()).isWithin(2e-6 * 1e-5).of(2e-6);
    assertThat(fit.terms().perOperation()).isWithin(2e-10 * 1e-5).of(2e-10);
    assertThat(CalibrateCommand.leftAtZero(fit)).isEmpty();
  }

  @Test
  void twoNetworks_keepTheRichestDeterminedSet() {
    // With two networks, leaving one out leaves a single network: too few to choose by, so the
    // richest set the rows determine is fitted, as it always was.
    List<TermFit.Observation> rows =
        List.of(
            row("a", MCU.get("mlperf-tiny-ic"), 1, 1.4e-9 * MCU.get("mlperf-tiny-ic").operations()),
            row(
                "b",
                MCU.get("mlperf-tiny-kws"),
                1,
                2.1e-9 * MCU.get("mlperf-tiny-kws").operations()));
    TermFit.Fit fit = TermFit.fit(rows);
    assertThat(fit.fitted()).containsExactly(TermFit.Term.OVERHEAD, TermFit.Term.OPERATION);
  }

  @Test
  void publishedBoard_anomalyDetection_isPredictedFromItsOtherNetworks() {
    // krai's NUCLEO-L4R5ZI with X-CUBE-AI 8.0 (MLPerf Tiny v1.1): the overhead + MAC fit of IC, KWS
    // and VWW overcharged AD 5x; the terms chosen by leaving a network out land within 2x.
    List<Measurement> board =
        Measurements.published().stream()
            .filter(m -> m.device().equals("krai:NUCLEO-L4R5ZI_X-CUBE-AI-8.0"))
            .toList();
    List<TermFit.Observation> obs = Validation.observe(board, Path.of("."));
    assertThat(obs).hasSize(4);
    TermFit.Observation ad =
        obs.stream().filter(o -> o.work().network().equals("mlperf-tiny-ad")).findFirst().get();
    List<TermFit.Observation> others = obs.stream().filter(o -> o != ad).toList();
    double ratio = TermFit.fit(others).predict(ad) / ad.row().joulesPerInference();
    assertThat(ratio).isAtLeast(0.5);
    assertThat(ratio).isAtMost(2.0);
    double before =
        TermFit.fitExactly(others, EnumSet.of(TermFit.Term.OVERHEAD, TermFit.Term.OPERATION))
                .predict(ad)
            / ad.row().joulesPerInference();
    assertThat(before).isGreaterThan(3.0);
  }
}
