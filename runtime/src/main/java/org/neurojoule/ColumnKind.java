package org.neurojoule;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.neurojoule.device.Device;
import org.neurojoule.energy.PythonFormat;

/**
 * Every kind of column a summary, export or report can show, each in one place: the name users
 * type, its header, how a layer's value is computed from the estimate, how it is printed in the
 * table, its field in CSV and JSON exports, and what it totals to there. A new kind of column is
 * one new constant here.
 *
 * <p>Kinds made with a device ({@code "energy cpu"}) are energies in joules: their export field
 * names the unit and the device ({@code energy_j_cpu}), their cells print as the reference's {@code
 * .2g}, and their totals are the sums of their layers'.
 */
enum ColumnKind {
  NAME("name", "Layer (type)", Format.NAME_AND_TYPE, (f, r) -> r.name(), Total.NONE),
  OUTPUT_SHAPE("output_shape", "Output shape", Format.TEXT, (f, r) -> r.outputShape(), Total.NONE),
  PARAMS("params", "Param #", Format.INTEGER, (f, r) -> r.params().total(), (f, t) -> t.params()),
  CONNECTIONS(
      "connections",
      "Conn #",
      Format.INTEGER,
      (f, r) -> r.stats().connections(),
      (f, t) -> t.connections()),
  NEURONS(
      "neurons", "Neuron #", Format.INTEGER, (f, r) -> r.stats().neurons(), (f, t) -> t.neurons()),
  RATE("rate", "Rate [Hz]", Format.G2, (f, r) -> r.rate(), Total.NONE) {
    @Override
    String field(Optional<Device> device) {
      return "rate_hz";
    }
  },
  ENERGY("energy", "J/inf", (f, r, d) -> f.energy(r, d).total()),
  SYNOP_ENERGY("synop_energy", "Synop J/inf", (f, r, d) -> f.energy(r, d).synop()),
  NEURON_ENERGY("neuron_energy", "Neuron J/inf", (f, r, d) -> f.energy(r, d).neuron()),
  /** Operations (MACs, ACs, neuron updates, addressing) of a non-reference energy model. */
  MAC_ENERGY("mac_energy", "MAC J/inf", (f, r, d) -> f.energy(r, d).operations()) {
    @Override
    Need need() {
      return Need.ENERGY_MODEL;
    }
  },
  /** Memory accesses of {@code EnergyModel.MEMORY_AWARE}; 0 under {@code MAC_AC}. */
  MEMORY_ENERGY("memory_energy", "Memory J/inf", (f, r, d) -> f.energy(r, d).memory()) {
    @Override
    Need need() {
      return Need.ENERGY_MODEL;
    }
  },
  SPARSITY(
      "sparsity",
      "Sparsity",
      Format.G2,
      (f, r) -> r.activity().activationSparsity(),
      (f, t) -> f.activity().activationSparsity()),
  WEIGHT_SPARSITY(
      "weight_sparsity",
      "W sparsity",
      Format.G2,
      (f, r) -> r.activity().weightSparsity(),
      (f, t) -> f.activity().weightSparsity()),
  FOOTPRINT(
      "footprint",
      "Bytes",
      Format.ROUNDED,
      (f, r) ->
          f.options()
              .footprintDtype()
              .map(d -> r.activity().footprintBytes(d))
              .orElseGet(() -> r.activity().footprintBytes()),
      (f, t) ->
          f.options()
              .footprintDtype()
              .map(d -> f.activity().footprintBytes(d))
              .orElseGet(() -> f.activity().footprintBytes())) {
    @Override
    String field(Optional<Device> device) {
      return "footprint_bytes";
    }
  },
  /**
   * The formats the layer stores, {@code weights/activations} ({@code int8}, {@code int8/float32});
   * two export fields, {@code weights_dtype} and {@code activations_dtype}.
   */
  DTYPE("dtype", "Dtype", Format.TEXT, (f, r) -> r.facts().precision().toString(), Total.NONE) {
    @Override
    List<String> exportFields(Optional<Device> device) {
      return List.of("weights_dtype", "activations_dtype");
    }

    @Override
    List<Object> exportValues(EstimateFigures figures, EstimateRow row, Optional<Device> device) {
      Precision p = row.facts().precision();
      return List.of(p.mainWeights().toString(), p.activations().toString());
    }
  },
  DENSE_OPS(
      "dense_ops",
      "Dense ops",
      Format.ROUNDED,
      (f, r) -> r.activity().denseOps(f.timesteps()),
      (f, t) -> f.activity().denseOps(f.timesteps())),
  EFFECTIVE_MACS(
      "effective_macs",
      "Eff MACs",
      Format.ROUNDED,
      (f, r) -> r.activity().effectiveMacs(f.timesteps()),
      (f, t) -> f.activity().effectiveMacs(f.timesteps())),
  EFFECTIVE_ACS(
      "effective_acs",
      "Eff ACs",
      Format.ROUNDED,
      (f, r) -> r.activity().effectiveAcs(f.timesteps()),
      (f, t) -> f.activity().effectiveAcs(f.timesteps())),
  /** Spikes per inference counted by the spiking simulation. */
  SPIKES("spikes", "Spikes/inf", Format.G2, (f, r) -> f.counts(r).spikes(), Total.SUM) {
    @Override
    Need need() {
      return Need.SIMULATION;
    }
  },
  /** Synaptic events per inference counted by the spiking simulation. */
  SYNAPTIC_EVENTS(
      "synaptic_events",
      "Events/inf",
      Format.G2,
      (f, r) -> f.counts(r).synapticEvents(),
      Total.SUM) {
    @Override
    Need need() {
      return Need.SIMULATION;
    }
  },
  /** Energy from the spiking simulation's counted events and neuron updates. */
  SIM_ENERGY("sim_energy", "Sim J/inf", (f, r, d) -> f.simulatedEnergy(r, d)) {
    @Override
    Need need() {
      return Need.SIMULATION;
    }
  };

  /** Every valid column name in declaration order, for error messages. */
  static final String VALID =
      Arrays.stream(values())
          .map(k -> k.perDevice ? k.key + " <device>" : k.key)
          .collect(Collectors.joining(", "));

  /** A layer's full-precision value of a kind of column without a device. */
  @FunctionalInterface
  interface LayerValue {
    Object of(EstimateFigures figures, EstimateRow row);
  }

  /** A layer's energy in joules on one device. */
  @FunctionalInterface
  interface DeviceValue {
    double of(EstimateFigures figures, EstimateRow row, Device device);
  }

  /** The export's total of a column, or {@code null} where a total means nothing. */
  @FunctionalInterface
  interface Total {
    /** No total: a name, a shape, a rate. */
    Total NONE = (f, t) -> null;

    /** Marks a total that is the sum of the layers' values; never called. */
    Total SUM =
        (f, t) -> {
          throw new AssertionError("summed from the rows");
        };

    Object of(EstimateFigures figures, EnergyTotals totals);
  }

  /** What the estimate must have for the column to be shown. */
  enum Need {
    NOTHING,
    /** Counts of the spiking simulation ({@code EnergyOptions.simulate(dt)}). */
    SIMULATION,
    /** An energy model beyond the reference's, which has no MAC or memory energy. */
    ENERGY_MODEL
  }

  /** How a value is printed in the summary table. */
  enum Format {
    /** The layer's name and type, {@code conv (Conv2D)}: the left-aligned first column. */
    NAME_AND_TYPE,
    /** Text as it is. */
    TEXT,
    /** A whole number. */
    INTEGER,
    /** As Python's {@code format(x, ".2g")}, as the reference prints rates and energy. */
    G2,
    /** A count as a whole number, rounded if fractional; {@code nan} when missing. */
    ROUNDED;

    String cell(EstimateRow row, Object value) {
      return switch (this) {
        case NAME_AND_TYPE -> row.name() + " (" + row.type() + ")";
        case TEXT, INTEGER -> value.toString();
        case G2 -> PythonFormat.g2(((Number) value).doubleValue());
        case ROUNDED ->
            value instanceof Double d
                ? Double.isFinite(d) ? Long.toString(Math.round(d)) : PythonFormat.g2(d)
                : value.toString();
      };
    }

    /** Whether cells of this format are figures (right-aligned, with an exact tooltip). */
    boolean numeric() {
      return this != NAME_AND_TYPE && this != TEXT;
    }
  }

  private final String key;
  private final String header;
  private final Format format;
  private final boolean perDevice;
  private final LayerValue layerValue;
  private final DeviceValue deviceValue;
  private final Total total;

  /** A kind of column of one figure per layer. */
  ColumnKind(String key, String header, Format format, LayerValue value, Total total) {
    this.key = key;
    this.header = header;
    this.format = format;
    this.perDevice = false;
    this.layerValue = value;
    this.deviceValue = null;
    this.total = total;
  }

  /** A kind of column of energy in joules per layer on a device. */
  ColumnKind(String key, String header, DeviceValue value) {
    this.key = key;
    this.header = header;
    this.format = Format.G2;
    this.perDevice = true;
    this.layerValue = null;
    this.deviceValue = value;
    this.total = Total.SUM;
  }

  /** {@return the name used in column lists, before any device: {@code energy}} */
  String key() {
    return key;
  }

  /** {@return the header, to which a device column adds its device} */
  String header() {
    return header;
  }

  /** {@return how the table prints it} */
  Format format() {
    return format;
  }

  /** {@return whether the column belongs to a device, {@code "energy cpu"}} */
  boolean perDevice() {
    return perDevice;
  }

  /** {@return what the estimate must have to show it} */
  Need need() {
    return Need.NOTHING;
  }

  /** {@return the export field: its key, or with a device {@code energy_j_cpu} (joules)} */
  String field(Optional<Device> device) {
    return device.map(d -> key + "_j_" + d.name()).orElse(key);
  }

  /**
   * {@return the fields the column takes in CSV and JSON exports: its {@link #field} unless it
   * splits into several}
   */
  List<String> exportFields(Optional<Device> device) {
    return List.of(field(device));
  }

  /** {@return a layer's values in the export, one per {@link #exportFields export field}} */
  List<Object> exportValues(EstimateFigures figures, EstimateRow row, Optional<Device> device) {
    return Collections.singletonList(value(figures, row, device));
  }

  /** {@return a layer's full-precision value: a {@code String}, {@code Long} or {@code Double}} */
  Object value(EstimateFigures figures, EstimateRow row, Optional<Device> device) {
    return perDevice
        ? (Object) deviceValue.of(figures, row, device.orElseThrow())
        : layerValue.of(figures, row);
  }

  /** {@return whether the export's total is the sum of the layers' values} */
  boolean summed() {
    return total == Total.SUM;
  }

  /** {@return the export's total when not a sum; {@code null} where it means nothing} */
  Object total(EstimateFigures figures, EnergyTotals totals) {
    return total.of(figures, totals);
  }
}
