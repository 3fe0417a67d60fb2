package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.layer.Padding.SAME;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neurojoule.device.Device;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.CustomLayer;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.shape.Shape;

class ModelEnergyTest {

  /** A layer type of the user's own: squares its input element-wise. */
  record Square() implements CustomLayer {
    @Override
    public String type() {
      return "Square";
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
      return inputs.get(0);
    }
  }

  @AfterEach
  void forgetCustomRules() {
    ModelEnergy.unregisterLayer("Square");
  }

  @Test
  void builtInDevices_haveThePublishedFigures() {
    assertThat(ModelEnergy.devices())
        .containsAtLeast("cpu", "gpu", "arm", "loihi", "spinnaker", "spinnaker2")
        .inOrder();
    assertThat(ModelEnergy.device("LOIHI").energyPerSynop()).isWithin(1e-24).of(27.1e-12);
    assertThat(ModelEnergy.device("loihi").energyPerNeuron()).isWithin(1e-24).of(81e-12);
    assertThat(ModelEnergy.device("spinnaker2").spiking()).isTrue();
    assertThat(ModelEnergy.device("cpu").spiking()).isFalse();
  }

  @Test
  void registerDevice_overwritesAnExistingName_withAWarning() {
    Device gpu = ModelEnergy.device("gpu");
    List<String> names = ModelEnergy.devices();
    // The JUL logger behind ModelEnergy's System.Logger (the default backend), held strongly.
    Logger logger = Logger.getLogger(ModelEnergy.class.getName());
    List<LogRecord> records = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    boolean useParentHandlers = logger.getUseParentHandlers();
    logger.addHandler(capture);
    logger.setUseParentHandlers(false); // keep the expected warnings out of the build log
    Device replacement = new Device("GPU", 2e-9, 3e-9, false);
    try {
      ModelEnergy.registerDevice("GPU", 2e-9, 3e-9, false);
      assertThat(ModelEnergy.device("gpu")).isEqualTo(replacement);
      double total = GoldenSummaryTest.mnist().energy().totalEnergy("gpu");
      assertThat(total).isWithin(1e-15).of(2e-9 * (47432 + 123904 + 1280) + 3e-9 * (968 + 128));
    } finally {
      // Put the built-in device back (same name, same place in the listing) for the other tests.
      ModelEnergy.registerDevice(
          gpu.name(), gpu.energyPerSynop(), gpu.energyPerNeuron(), gpu.spiking());
      logger.removeHandler(capture);
      logger.setUseParentHandlers(useParentHandlers);
    }
    assertThat(ModelEnergy.device("gpu")).isEqualTo(gpu);
    assertThat(ModelEnergy.devices()).isEqualTo(names);
    // The overwrite, then the restore.
    assertThat(records).hasSize(2);
    LogRecord warning = records.get(0);
    assertThat(warning.getLevel()).isEqualTo(Level.WARNING);
    assertThat(new SimpleFormatter().formatMessage(warning))
        .isEqualTo(
            "Device 'GPU' already registered; overwriting it (" + gpu + " -> " + replacement + ")");
  }

  @Test
  void registerDevice_rejectsNegativeEnergy() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> ModelEnergy.registerDevice("bad", -1, 0, false));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "energyPerSynop of device 'bad' must be a number of joules from 0 to 1.0, was -1.0");
  }

  @Test
  void totalEnergy_isTheSumOfLayerEnergies() {
    ModelEnergy e = GoldenSummaryTest.mnist().energy();
    for (String device : List.of("cpu", "gpu", "arm")) {
      double sum = 0;
      for (String layer : e.model().layerNames()) {
        LayerEnergy le = e.layerEnergy(layer, device);
        LayerStats s = e.layerStats(layer);
        assertThat(le.synop())
            .isWithin(1e-18)
            .of(ModelEnergy.device(device).energyPerSynop() * s.connections());
        assertThat(le.neuron())
            .isWithin(1e-18)
            .of(ModelEnergy.device(device).energyPerNeuron() * s.neurons());
        sum += le.total();
      }
      assertThat(e.totalEnergy(device)).isWithin(1e-15).of(sum);
    }
  }

  @Test
  void nonSpikingEnergy_ignoresTimestepsAndDt() {
    ModelEnergy e = GoldenSummaryTest.mnist().energy();
    assertThat(e.totalEnergy("cpu", o -> o.timestepsPerInference(50).dt(0.01)))
        .isEqualTo(e.totalEnergy("cpu"));
  }

  @Test
  void spikingDevice_withoutExampleData_saysDataMustBeGiven() {
    ModelEnergy e = GoldenSummaryTest.mnist().energy();
    var err = assertThrows(IllegalStateException.class, () -> e.totalEnergy("loihi"));
    assertThat(err).hasMessageThat().contains("device 'loihi' is spiking");
    assertThat(err).hasMessageThat().contains("example data must be given");
    assertThrows(
        IllegalStateException.class,
        () -> e.summaryString(o -> o.columns("name", "energy spinnaker")));
  }

  @Test
  void rates_withoutExampleData_areNan_andPrintAsNan() {
    ModelEnergy e = GoldenSummaryTest.mnist().energy();
    assertThat(e.rates().keySet()).containsExactlyElementsIn(e.model().layerNames()).inOrder();
    assertThat(e.rates().get("conv2d")).isNaN();
    assertThat(e.summaryString(o -> o.columns("name", "rate"))).contains("|      nan");
  }

  @Test
  void unknownColumn_listsTheValidOnes() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GoldenSummaryTest.mnist().energy().summaryString(o -> o.columns("name", "flops")));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "unknown column 'flops'; valid columns: name,"
                + " output_shape, params, connections, neurons, rate, energy <device>,"
                + " synop_energy <device>, neuron_energy <device>, mac_energy <device>,"
                + " memory_energy <device>, sparsity, weight_sparsity, footprint, dtype, dense_ops,"
                + " effective_macs, effective_acs, spikes, synaptic_events, sim_energy <device>");
  }

  @Test
  void unknownDevice_listsTheKnownOnes() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GoldenSummaryTest.mnist().energy().summaryString(o -> o.columns("energy tpu")));
    assertThat(e)
        .hasMessageThat()
        .startsWith(
            "column 'energy tpu': unknown device 'tpu'; known devices: cpu, gpu, arm,"
                + " loihi, spinnaker, spinnaker2");
    var e2 =
        assertThrows(
            IllegalArgumentException.class,
            () -> GoldenSummaryTest.mnist().energy().totalEnergy("tpu"));
    assertThat(e2).hasMessageThat().startsWith("unknown device 'tpu'");
  }

  @Test
  void columnWithoutDevice_isExplained() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> GoldenSummaryTest.mnist().energy().summaryString(o -> o.columns("energy")));
    assertThat(e).hasMessageThat().startsWith("column 'energy' needs a device, as in 'energy cpu'");
  }

  @Test
  void badSummaryOptions_fail() {
    ModelEnergy e = GoldenSummaryTest.mnist().energy();
    var steps =
        assertThrows(
            IllegalArgumentException.class, () -> e.summaryString(o -> o.timestepsPerInference(0)));
    assertThat(steps).hasMessageThat().isEqualTo("timestepsPerInference must be >= 1, was 0");
    var dt =
        assertThrows(IllegalArgumentException.class, () -> e.summaryString(o -> o.dt(Double.NaN)));
    assertThat(dt)
        .hasMessageThat()
        .isEqualTo("dt must be a number of seconds > 0 and at most 1000.0, was NaN");
    // SummaryOptions.DEFAULT_COLUMNS: six.
    var width =
        assertThrows(IllegalArgumentException.class, () -> e.summaryString(o -> o.lineLength(3)));
    assertThat(width)
        .hasMessageThat()
        .isEqualTo(
            "lineLength 3 is too short for 6 columns; it must"
                + " be at least one character per column");
  }

  @Test
  void uncountedLayers_warnOncePerType_inKerasSpikingAccounting() {
    ModelEnergy e =
        Model.of(GoldenSummaryTest.branch()).energy(o -> o.accounting(Accounting.KERAS_SPIKING));
    assertThat(e.warnings())
        .containsExactly(
            "Cannot compute stats for layer of type 'DepthwiseConv2D'",
            "Cannot compute stats for layer of type 'BatchNormalization'",
            "Cannot compute stats for layer of type 'Concatenate'")
        .inOrder();
    assertThat(Model.of(GoldenSummaryTest.branch()).energy().warnings()).isEmpty();
  }

  @Test
  void completeAccounting_notesWhatItCountsBeyondTheReference() {
    String s = Model.of(GoldenSummaryTest.branch()).energy().summaryString();
    assertThat(s)
        .endsWith(
            "* Counted beyond KerasSpiking (Accounting.COMPLETE):"
                + " DepthwiseConv2D; to reproduce its figures,\n"
                + "  use energy(e -> e.accounting(Accounting.KERAS_SPIKING)).\n");
    assertThat(GoldenSummaryTest.mnist().energy().summaryString()).doesNotContain("Counted beyond");
  }

  @Test
  void customLayer_withoutRule_countsNothingAndWarns() {
    ModelEnergy e = Model.input(10).apply(new Square()).energy();
    assertThat(e.layerStats("square")).isEqualTo(LayerStats.NONE);
    assertThat(e.warnings()).containsExactly("Cannot compute stats for layer of type 'Square'");
  }

  @Test
  void customLayer_withRegisteredRule_usesIt() {
    ModelEnergy.registerLayer(
        "Square", (layer, in, out) -> new LayerStats(0, out.elementCount().getAsLong(), false));
    ModelEnergy e = Model.input(10).apply(new Square()).energy();
    assertThat(e.layerStats("square")).isEqualTo(new LayerStats(0, 10, false));
    assertThat(e.warnings()).isEmpty();
  }

  @Test
  void connectionsBeyondTwoToThe31_areExact() {
    // 65536 x 65536 dense: 2^32 connections, more than an int holds.
    ModelEnergy e = Model.input(65536).dense(65536).energy();
    assertThat(e.layerStats("dense").connections()).isEqualTo(4_294_967_296L);
    assertThat(e.summaryString(o -> o.columns("name", "connections"))).contains("4294967296");
    assertThat(e.model().params().total()).isEqualTo(4_294_967_296L + 65536);
  }

  @Test
  void depthwiseCounts_differByAccounting() {
    Tensor out = Model.input(8, 8, 4).depthwiseConv2d(3, c -> c.padding(SAME).depthMultiplier(2));
    assertThat(out.energy().layerStats("depthwise_conv2d").connections()).isEqualTo(8 * 8 * 8 * 9);
    assertThat(
            out.model()
                .energy(e -> e.accounting(Accounting.KERAS_SPIKING))
                .layerStats("depthwise_conv2d")
                .connections())
        .isEqualTo(0);
  }

  @Test
  void reusedLayer_rateIsTheSumOfEachApplicationsMeanInput() {
    // As KerasSpiking: sum over the layer's applications of mean |input|.
    Tensor x = Model.input(4);
    Tensor a = x.dense(3);
    Tensor b = a.layer().apply(x.reshape(4));
    ModelEnergy e =
        Tensor.add(a, b).model().energy(o -> o.exampleData(ExampleData.filled(2.0, 5, 4)));
    assertThat(e.rates().get("input_1")).isWithin(1e-12).of(2.0);
    assertThat(e.rates().get("dense")).isWithin(1e-12).of(4.0);
  }
}
