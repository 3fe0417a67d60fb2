package org.neurojoule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neurojoule.device.CalibratedTerms;
import org.neurojoule.device.Device;
import org.neurojoule.device.DeviceRegistry;
import org.neurojoule.device.OperationCosts;
import org.neurojoule.layer.Hint;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.layer.ParamCount;

/**
 * An {@link Estimate} priced with one call's {@link SummaryOptions} (timesteps, dt, energy model)
 * on the devices of a registry: every figure the summary, exports and report show comes from here.
 * It also checks what a column or device needs of the estimate.
 */
final class EstimateFigures {
  private final Estimate estimate;
  private final SummaryOptions options;
  private final DeviceRegistry devices;

  private EstimateFigures(Estimate estimate, SummaryOptions options, DeviceRegistry devices) {
    this.estimate = Objects.requireNonNull(estimate, "estimate == null");
    this.options = Objects.requireNonNull(options, "options == null");
    this.devices = Objects.requireNonNull(devices, "devices == null");
  }

  /** {@return the figures of {@code estimate} with {@code options} on {@code devices}} */
  static EstimateFigures of(Estimate estimate, SummaryOptions options, DeviceRegistry devices) {
    return new EstimateFigures(estimate, options, devices);
  }

  Estimate estimate() {
    return estimate;
  }

  SummaryOptions options() {
    return options;
  }

  /**
   * {@return the timesteps per inference: the options', or for {@link
   * SummaryOptions#SEQUENCE_TIMESTEPS} the simulated sequences' length, else 1}
   */
  int timesteps() {
    return timesteps(estimate, options);
  }

  /** {@return whether the timesteps come from the simulated sequences, not the options} */
  boolean timestepsFromSequences() {
    return options.timestepsPerInference() == SummaryOptions.SEQUENCE_TIMESTEPS
        && estimate.spikeCounts().filter(c -> c.timesteps() > 0).isPresent();
  }

  /** The one rule for timesteps per inference, which every figure and export follows. */
  static int timesteps(Estimate estimate, SummaryOptions options) {
    if (options.timestepsPerInference() != SummaryOptions.SEQUENCE_TIMESTEPS) {
      return options.timestepsPerInference();
    }
    return estimate.spikeCounts().map(SpikeCounts::timesteps).filter(t -> t > 0).orElse(1);
  }

  /** {@return the energy model of this call: its options', else the estimate's} */
  EnergyModel energyModel() {
    return options.energyModel().orElse(estimate.options().energyModel());
  }

  // ---- columns and devices, checked ----

  /** {@return the column named {@code name}, its device checked to be estimable} */
  Column column(String name) {
    Column c = Column.parse(name, devices);
    c.device().ifPresent(this::requireRates);
    return c;
  }

  /** {@return the columns of this call's options, all parsed, then all checked} */
  List<Column> columns() {
    List<Column> columns = options.columns().stream().map(c -> Column.parse(c, devices)).toList();
    columns.forEach(c -> c.device().ifPresent(this::requireRates));
    columns.forEach(this::requireNeeds);
    return columns;
  }

  /** {@return the device named {@code name}, checked to be estimable} */
  Device device(String name) {
    return requireRates(devices.get(name));
  }

  /** Refuses a device whose energy needs firing rates the estimate does not have. */
  Device requireRates(Device device) {
    if (energyModel() == EnergyModel.CALIBRATED) {
      requireCalibration(device);
      return device;
    }
    if (device.spiking() && estimate.options().exampleData().isEmpty()) {
      throw new IllegalStateException(
          "device '"
              + device.name()
              + "' is spiking: its synaptic"
              + " energy depends on firing rates, so example data must be given, as in "
              + Hint.EXAMPLE_DATA.text());
    }
    return device;
  }

  /** Refuses a column the estimate cannot show: {@link ColumnKind#need()}. */
  void requireNeeds(Column c) {
    switch (c.kind().need()) {
      case NOTHING -> {}
      case SIMULATION -> {
        if (estimate.spikeCounts().isEmpty()) {
          throw new IllegalArgumentException(
              "column '"
                  + c.kind().key()
                  + c.device().map(d -> " " + d.name()).orElse("")
                  + "' needs the spiking simulation: "
                  + Hint.SIMULATION.text());
        }
      }
      case ENERGY_MODEL -> {
        if (energyModel() == EnergyModel.REFERENCE) {
          throw new IllegalArgumentException(
              "column '"
                  + c.kind().key()
                  + " "
                  + c.requireDevice().name()
                  + "' needs the MAC_AC or MEMORY_AWARE energy model,"
                  + " but this estimate uses REFERENCE; "
                  + Hint.ENERGY_MODEL.text());
        }
      }
    }
  }

  // ---- figures ----

  /** {@return the device's fitted terms, or an error naming the device} */
  private CalibratedTerms requireCalibration(Device device) {
    return devices
        .calibration(device.name())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "device '"
                        + device.name()
                        + "' has no calibrated terms, so the CALIBRATED energy model cannot price"
                        + " it; choose a measured device (neurojoule devices --all lists them) or"
                        + " fit its terms with neurojoule calibrate"));
  }

  /** {@return the inferences the device runs at once in this call} */
  int inferenceBatch() {
    return options.inferenceBatch().orElse(estimate.options().inferenceBatch());
  }

  /** {@return how many layers have connections: the layers CALIBRATED's per-layer term counts} */
  private long layersWithConnections() {
    long n = 0;
    for (EstimateRow r : estimate.rows()) {
      n += r.stats().connections() > 0 ? 1 : 0;
    }
    return n;
  }

  /** {@return what the MAC/AC and memory-aware energy models charge on {@code device}} */
  OperationCosts costs(Device device) {
    return devices.costs(device.name());
  }

  /** {@return a layer's energy for one inference on {@code device}} */
  LayerEnergy energy(EstimateRow row, Device device) {
    if (energyModel() == EnergyModel.CALIBRATED) {
      return calibratedEnergy(row, device);
    }
    return EnergyCalculator.of(
        energyModel(),
        device,
        costs(device),
        row.stats(),
        row.rate(),
        row.facts(),
        timesteps(),
        options.dt());
  }

  /**
   * {@return a layer's CALIBRATED energy}: its connections and neuron updates at the device's
   * terms, plus, for a layer with connections, the per-layer term and an equal share of the fixed
   * overhead, both spread over the inference batch (the whole overhead on the first layer of a
   * model without connections).
   */
  private LayerEnergy calibratedEnergy(EstimateRow row, Device device) {
    CalibratedTerms t = requireCalibration(device);
    long layers = layersWithConnections();
    int batch = inferenceBatch();
    long c = row.stats().connections();
    long n = row.stats().neurons();
    double updates =
        n == 0 ? 0 : (double) n * (device.spiking() || row.facts().emitsSpikes() ? timesteps() : 1);
    double synop = t.perOperation() * c;
    if (c > 0) {
      synop += (t.perLayer() + t.overhead() / layers) / batch;
    } else if (layers == 0 && row == estimate.rows().iterator().next()) {
      synop += t.overhead() / batch;
    }
    return new LayerEnergy(synop, t.perNeuronUpdate() * updates);
  }

  /** {@return the model's energy for one inference on {@code device}} */
  double totalEnergy(Device device) {
    double total = 0;
    for (EstimateRow row : estimate.rows()) {
      total += energy(row, device).total();
    }
    return total;
  }

  /** {@return what the spiking simulation counted of a layer} */
  SpikeCounts.Layer counts(EstimateRow row) {
    return estimate.spikeCounts().orElseThrow().layer(row.name());
  }

  /**
   * A layer's energy from the simulation's counts: on a spiking device e_synop x counted events +
   * e_neuron x neuron updates (neurons x steps); on a non-spiking one every connection and neuron
   * is computed every step, spikes or not.
   */
  double simulatedEnergy(EstimateRow row, Device device) {
    SpikeCounts c = estimate.spikeCounts().orElseThrow();
    double updates = (double) row.stats().neurons() * c.timesteps();
    double synops =
        device.spiking()
            ? counts(row).synapticEvents()
            : (double) row.stats().connections() * c.timesteps();
    return synops == 0 && updates == 0
        ? 0
        : device.energyPerSynop() * synops + device.energyPerNeuron() * updates;
  }

  /** {@return the model's simulated energy for one inference on {@code device}} */
  double totalSimulatedEnergy(Device device) {
    double total = 0;
    for (EstimateRow row : estimate.rows()) {
      total += simulatedEnergy(row, device);
    }
    return total;
  }

  /** {@return every layer's activity metrics} */
  ModelActivity activity() {
    return estimate.activity();
  }

  /**
   * {@return the model's totals: parameters as Keras counts them, connections, neurons, and energy
   * on every device that can be estimated}
   *
   * @throws IllegalArgumentException if a total passes {@code 2^63-1}, saying which
   */
  EnergyTotals totals() {
    ParamCount params = ParamCount.ZERO;
    LayerStats stats = LayerStats.NONE;
    for (EstimateRow row : estimate.rows()) {
      try {
        params = params.plus(row.params());
        stats = stats.plus(row.stats());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(
            "the model's totals overflow at layer '"
                + row.name()
                + "' ("
                + row.type()
                + "): "
                + e.getMessage(),
            e);
      }
    }
    params = estimate.model().lessShared(params);
    Map<String, Double> energy = new LinkedHashMap<>();
    boolean rates = estimate.options().exampleData().isPresent();
    for (String name : devices.names()) {
      Device d = devices.get(name);
      if (rates || !d.spiking() && !needsRates()) {
        energy.put(d.name(), totalEnergy(d));
      }
    }
    return new EnergyTotals(
        params.total(),
        params.trainable(),
        params.nonTrainable(),
        stats.connections(),
        stats.neurons(),
        energy);
  }

  /** {@return whether this call's energy model needs firing rates even on non-spiking devices} */
  private boolean needsRates() {
    if (energyModel() == EnergyModel.REFERENCE) {
      return false;
    }
    for (EstimateRow r : estimate.rows()) {
      if (r.stats().connections() > 0 && r.facts().spikeInputs()) {
        return true;
      }
    }
    return false;
  }
}
