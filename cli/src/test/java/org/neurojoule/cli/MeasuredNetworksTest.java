package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.neurojoule.EnergyModel;
import org.neurojoule.Model;
import org.neurojoule.device.CalibratedTerms;
import org.neurojoule.device.DeviceRegistry;
import org.neurojoule.examples.Architectures;
import org.neurojoule.measured.Measurement;
import org.neurojoule.measured.Measurements;

/** The networks of the measurements, their counts, and the calibrated devices that price them. */
class MeasuredNetworksTest {
  private static final String[] MEASURED = {
    "xeon-e5-2630",
    "quadro-k4000",
    "jetson-tx1",
    "movidius-ncs",
    "loihi-wolf-mountain",
    "stm32u575",
    "stm32l4r5",
    "stm32u385",
    "stm32h7a3",
    "gap9",
    "syntiant-ndp9120",
    "loihi2",
    "akd1000",
    "jetson-agx-orin"
  };

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(MeasuredNetworksTest.class.getResource("/mlperf-tiny/" + name).toURI());
  }

  @Test
  void blouwNetworks_haveThePublishedConnections() {
    // FINDINGS.md and the rows: 390-256-256-29, 172,800 MACs.
    assertThat(Workload.of("blouw-kws", Architectures.blouwKws()))
        .isEqualTo(new Workload("blouw-kws", 3, 172_800, 512));
    assertThat(Architectures.blouwKws().params().trainable()).isEqualTo(172_800 + 256 + 256 + 29);
    for (int n = 1; n <= 10; n++) {
      // 390x256, n branches of ten 256x256, a 256n x 256 layer, 256x29.
      Workload w = Workload.of("s", Architectures.blouwKwsScaled(n));
      assertThat(w.operations()).isEqualTo(99_840 + n * 10 * 65_536.0 + n * 65_536 + 7_424);
      assertThat(w.layers()).isEqualTo(10L * n + 3);
    }
  }

  @Test
  void mlperfTinyFiles_countAsThePublishedTableSays() throws Exception {
    Map<String, String> files =
        Map.of(
            "mlperf-tiny-ad", "ad01.h5",
            "mlperf-tiny-ic", "pretrainedResnet.h5",
            "mlperf-tiny-vww", "vww_96.h5",
            "resnet-50", "arch_tfk_2.2.4_resnet50.json");
    for (var e : files.entrySet()) {
      Model m =
          ModelSource.load(resource(e.getValue()).toString(), UnaryOperator.identity(), false);
      assertThat(Workload.of(e.getKey(), m)).isEqualTo(Workload.published().get(e.getKey()));
    }
    // The FC autoencoder: 640-128-128-128-128-8-128-128-128-128-640, all dense.
    assertThat(Workload.published().get("mlperf-tiny-ad").operations())
        .isEqualTo(2 * 640 * 128 + 6 * 128 * 128 + 2 * 128 * 8.0);
    Model ad = ModelSource.load(resource("ad01.h5").toString(), UnaryOperator.identity(), false);
    assertThat(ad.params().trainable()).isEqualTo(267_928);
    // ResNet-50: 25.6 million parameters.
    Model r50 =
        ModelSource.load(
            resource("arch_tfk_2.2.4_resnet50.json").toString(), UnaryOperator.identity(), false);
    assertThat(r50.params().trainable() + r50.params().nonTrainable()).isEqualTo(25_636_712);
  }

  @Test
  void mlperfTinyKws_isKerasModelPysDsCnn() {
    Model kws = Architectures.mlperfTinyKws();
    // 10x4 conv to 25x5x64, four (3x3 depthwise + 64x64 pointwise) blocks, the average pooling's
    // 25x5x64 additions, 64x12 dense.
    assertThat(Workload.of("kws", kws).operations())
        .isEqualTo(
            25 * 5 * 64 * 40 + 4 * (25 * 5 * 64 * 9 + 25 * 5 * 64 * 64) + 25 * 5 * 64 + 64 * 12.0);
    assertThat(kws.params().trainable()).isEqualTo(23_756);
  }

  @Test
  void everyPublishedRow_namesANetworkThatCounts() {
    Map<String, Workload> cache = new java.util.HashMap<>();
    for (Measurement m : Measurements.published()) {
      assertThat(Workload.of(m, Path.of("."), cache).operations()).isGreaterThan(0.0);
    }
    assertThat(cache.keySet())
        .containsAtLeast(
            "blouw-kws", "blouw-kws-scaled-4", "pilotnet-lif", "akidanet-0.5", "resnet-50");
  }

  @Test
  void everyMeasuredDevice_pricesAModelUnderTheCalibratedEnergyModel() {
    Workload w = Workload.of("blouw-kws", Architectures.blouwKws());
    for (String device : MEASURED) {
      CalibratedTerms t = DeviceRegistry.defaults().calibration(device).orElseThrow();
      double one =
          Architectures.blouwKws()
              .energy()
              .totalEnergy(device, o -> o.energyModel(EnergyModel.CALIBRATED).inferenceBatch(1));
      assertThat(one).isWithin(one * 1e-12).of(t.energy(w.layers(), w.operations(), 0, 1));
      double eight =
          Architectures.blouwKws()
              .energy(e -> e.energyModel(EnergyModel.CALIBRATED).inferenceBatch(8))
              .totalEnergy(device);
      assertThat(eight).isWithin(one * 1e-12).of(t.energy(w.layers(), w.operations(), 0, 8));
    }
  }

  /** The MLPerf Tiny results version of a row, from its id; 0 for rows of other sources. */
  private static double resultsVersion(Measurement m) {
    java.util.regex.Matcher v =
        java.util.regex.Pattern.compile("^mlperf-tiny-v(\\d+)\\.(\\d+)-").matcher(m.id());
    return v.find() ? Integer.parseInt(v.group(1)) + Integer.parseInt(v.group(2)) / 100.0 : 0;
  }

  /**
   * The rows a measured device of the catalogue is fitted on: every published row of that device
   * and kind, and of MLPerf Tiny's rows only the newest results version.
   */
  static java.util.List<Measurement> catalogueRows(String device, CalibratedTerms.Covers covers) {
    java.util.List<Measurement> rows =
        Measurements.published().stream()
            .filter(m -> m.device().equals(device) && m.kind().label().equals(covers.label()))
            .toList();
    double newest = rows.stream().mapToDouble(MeasuredNetworksTest::resultsVersion).max().orElse(0);
    return rows.stream().filter(m -> resultsVersion(m) == newest).toList();
  }

  @Test
  void catalogueTerms_areTheFitOfThePublishedRows() {
    // The catalogue keeps four significant digits; on a mismatch the message gives every device's
    // refitted keys, to paste into catalogue.json.
    StringBuilder refit = new StringBuilder();
    boolean drifted = false;
    for (String device : MEASURED) {
      CalibratedTerms kept = DeviceRegistry.defaults().calibration(device).orElseThrow();
      java.util.List<Measurement> rows = catalogueRows(device, kept.covers());
      assertThat(rows).isNotEmpty();
      TermFit.Fit fit = TermFit.fit(Validation.observe(rows, Path.of(".")));
      CalibratedTerms t = fit.terms();
      double[] want = {t.overhead(), t.perLayer(), t.perOperation(), t.perNeuronUpdate()};
      double[] have = {
        kept.overhead(), kept.perLayer(), kept.perOperation(), kept.perNeuronUpdate()
      };
      for (int i = 0; i < want.length; i++) {
        drifted |= Math.abs(have[i] - want[i]) > 5e-4 * Math.abs(want[i]) + 1e-300;
      }
      drifted |= kept.covers() != t.covers();
      refit.append(
          String.format(
              java.util.Locale.ROOT,
              "%s (%d rows, %s%s): \"calibrated_overhead_j\": %.4g, \"calibrated_per_layer_j\":"
                  + " %.4g, \"calibrated_per_operation_j\": %.4g,"
                  + " \"calibrated_per_neuron_update_j\": %.4g%n",
              device,
              rows.size(),
              t.covers().label(),
              CalibrateCommand.leftAtZero(fit),
              t.overhead(),
              t.perLayer(),
              t.perOperation(),
              t.perNeuronUpdate()));
    }
    assertWithMessage(
            "catalogue.json's calibrated terms drifted from the fit; refitted:\n%s", refit)
        .that(drifted)
        .isFalse();
  }

  @Test
  void aDeviceWithoutCalibratedTerms_isAnErrorNamingIt() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                Architectures.blouwKws()
                    .energy()
                    .totalEnergy("cpu", o -> o.energyModel(EnergyModel.CALIBRATED)));
    assertThat(e).hasMessageThat().startsWith("device 'cpu' has no calibrated terms");
  }
}
