package org.neurojoule;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ModelEnergy#summaryString} shows and how energy is counted in time.
 *
 * @param columns the columns, by name: {@code name}, {@code output_shape}, {@code params}, {@code
 *     connections}, {@code neurons}, {@code rate}, {@code energy <device>}, {@code synop_energy
 *     <device>}, {@code neuron_energy <device>}, under the MAC/AC and memory-aware energy models
 *     {@code mac_energy <device>} and {@code memory_energy <device>}, and the activity metrics
 *     {@code sparsity}, {@code weight_sparsity}, {@code footprint}, {@code dense_ops}, {@code
 *     effective_macs}, {@code effective_acs} (see {@link LayerActivity})
 * @param timestepsPerInference how many timesteps one inference takes on a spiking device, or
 *     {@link #SEQUENCE_TIMESTEPS} (the default): the example sequences' length T when the estimate
 *     ran the spiking simulation ({@link EnergyOptions#simulate(double)}), else 1
 * @param dt the length of a timestep on a spiking device, in seconds: {@code > 0} and at most
 *     {@link #MAX_DT} (which keeps every energy finite)
 * @param lineLength the width of the table, or {@link #AUTO} for a table as wide as its longest
 *     cells, which never cuts one
 * @param printWarnings whether to print the notes on the estimates' assumptions
 * @param footprintDtype the format the {@code footprint} column counts every parameter in; when
 *     empty (the default), each weight array counts in the format it is stored in (float32 unless
 *     an importer recorded another, see {@link LayerActivity#footprintBytes()})
 * @param energyModel how energy is counted in this call; when empty, the estimate's {@link
 *     EnergyOptions#energyModel() energy model} applies
 * @param inferenceBatch the inferences the device runs at once in this call, over which {@link
 *     EnergyModel#CALIBRATED} spreads its per-batch overheads; when empty, the estimate's {@link
 *     EnergyOptions#inferenceBatch() inference batch} applies
 */
public record SummaryOptions(
    List<String> columns,
    int timestepsPerInference,
    double dt,
    int lineLength,
    boolean printWarnings,
    Optional<Dtype> footprintDtype,
    Optional<EnergyModel> energyModel,
    java.util.OptionalInt inferenceBatch) {
  /**
   * The {@link #lineLength(int) line length} of a table that is never cut: each column as wide as
   * its longest cell; its warnings are wrapped at that width, or at the default 98 if wider.
   */
  public static final int AUTO = 0;

  /**
   * The {@link #timestepsPerInference(int) timesteps per inference} unless set: the length T of the
   * example sequences when the estimate ran the spiking simulation, so that the rate-based energy
   * covers the same time as the counted one, else 1. Summaries, totals, exports, reports and
   * comparisons all resolve it this way; their notes say when it is not 1.
   */
  public static final int SEQUENCE_TIMESTEPS = 0;

  /** The columns shown by default. */
  public static final List<String> DEFAULT_COLUMNS =
      List.of("name", "output_shape", "params", "connections", "neurons", "energy cpu");

  /** The longest timestep, in seconds. */
  public static final double MAX_DT = 1000;

  /**
   * Default columns, {@link #SEQUENCE_TIMESTEPS} (one timestep unless the estimate was simulated)
   * of 0.001 s, 98 characters, warnings on.
   */
  public static final SummaryOptions DEFAULTS =
      new SummaryOptions(DEFAULT_COLUMNS, SEQUENCE_TIMESTEPS, 0.001, 98, true);

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param columns the column names, such as {@code "name"} or {@code "energy loihi"}
   * @param timestepsPerInference the timesteps of one inference on a spiking device, or {@link
   *     #SEQUENCE_TIMESTEPS}
   * @param dt the timestep in seconds
   * @param lineLength the table width in characters
   * @param printWarnings whether the warnings are printed below the table
   * @param footprintDtype the format of every parameter in the footprint, or empty for the formats
   *     they are stored in
   * @param energyModel the energy model of this call, or empty for the estimate's
   * @param inferenceBatch the inference batch of this call, or empty for the estimate's
   */
  public SummaryOptions {
    Objects.requireNonNull(inferenceBatch, "inferenceBatch == null");
    if (inferenceBatch.isPresent() && inferenceBatch.getAsInt() < 1) {
      throw new IllegalArgumentException(
          "inferenceBatch must be >= 1, was " + inferenceBatch.getAsInt());
    }
    Objects.requireNonNull(footprintDtype, "footprintDtype == null");
    Objects.requireNonNull(columns, "columns == null");
    Objects.requireNonNull(energyModel, "energyModel == null");
    for (int i = 0; i < columns.size(); i++) {
      Objects.requireNonNull(columns.get(i), "columns[" + i + "] == null");
    }
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a summary needs at least one column");
    }
    if (timestepsPerInference < 1 && timestepsPerInference != SEQUENCE_TIMESTEPS) {
      throw new IllegalArgumentException(
          "timestepsPerInference must be >= 1 (or SEQUENCE_TIMESTEPS), was "
              + timestepsPerInference);
    }
    if (!(dt > 0 && dt <= MAX_DT)) {
      throw new IllegalArgumentException(
          "dt must be a number of seconds > 0 and at most " + MAX_DT + ", was " + dt);
    }
    if (lineLength != AUTO && lineLength < columns.size()) {
      throw new IllegalArgumentException(
          "lineLength "
              + lineLength
              + " is too short for "
              + columns.size()
              + " columns; it must be at least one character per column");
    }
  }

  /**
   * Options whose footprint counts every parameter in {@code footprintDtype}.
   *
   * @param columns the column names
   * @param timestepsPerInference the timesteps of one inference on a spiking device
   * @param dt the timestep in seconds
   * @param lineLength the table width in characters
   * @param printWarnings whether the warnings are printed below the table
   * @param footprintDtype the format of parameters in the footprint
   * @param energyModel the energy model of this call, or empty for the estimate's
   * @param inferenceBatch the inference batch of this call, or empty for the estimate's
   */
  public SummaryOptions(
      List<String> columns,
      int timestepsPerInference,
      double dt,
      int lineLength,
      boolean printWarnings,
      Dtype footprintDtype,
      Optional<EnergyModel> energyModel,
      java.util.OptionalInt inferenceBatch) {
    this(
        columns,
        timestepsPerInference,
        dt,
        lineLength,
        printWarnings,
        Optional.of(Objects.requireNonNull(footprintDtype, "footprintDtype == null")),
        energyModel,
        inferenceBatch);
  }

  /**
   * Options that use the estimate's energy model and inference batch, and count the footprint in
   * the formats the weights are stored in.
   *
   * @param columns the column names, such as {@code "name"} or {@code "energy loihi"}
   * @param timestepsPerInference the timesteps of one inference on a spiking device
   * @param dt the timestep in seconds
   * @param lineLength the table width in characters
   * @param printWarnings whether the warnings are printed below the table
   */
  public SummaryOptions(
      List<String> columns,
      int timestepsPerInference,
      double dt,
      int lineLength,
      boolean printWarnings) {
    this(
        columns,
        timestepsPerInference,
        dt,
        lineLength,
        printWarnings,
        Optional.empty(),
        Optional.empty(),
        java.util.OptionalInt.empty());
  }

  /**
   * Options with the estimate's inference batch.
   *
   * @param columns the column names
   * @param timestepsPerInference the timesteps of one inference on a spiking device
   * @param dt the timestep in seconds
   * @param lineLength the table width in characters
   * @param printWarnings whether the warnings are printed below the table
   * @param footprintDtype the format of parameters in the footprint
   * @param energyModel the energy model of this call, or empty for the estimate's
   */
  public SummaryOptions(
      List<String> columns,
      int timestepsPerInference,
      double dt,
      int lineLength,
      boolean printWarnings,
      Dtype footprintDtype,
      Optional<EnergyModel> energyModel) {
    this(
        columns,
        timestepsPerInference,
        dt,
        lineLength,
        printWarnings,
        footprintDtype,
        energyModel,
        java.util.OptionalInt.empty());
  }

  /**
   * {@return a copy with these columns}
   *
   * @param columns the column names, such as {@code "name"} or {@code "energy loihi"}
   */
  public SummaryOptions columns(String... columns) {
    Objects.requireNonNull(columns, "columns == null");
    return new SummaryOptions(
        Arrays.asList(columns),
        timestepsPerInference,
        dt,
        lineLength,
        printWarnings,
        footprintDtype,
        energyModel,
        inferenceBatch);
  }

  /**
   * {@return a copy with this many timesteps per inference, whatever the example data}
   *
   * @param timesteps the number of timesteps per inference, at least 1
   */
  public SummaryOptions timestepsPerInference(int timesteps) {
    if (timesteps < 1) {
      throw new IllegalArgumentException("timestepsPerInference must be >= 1, was " + timesteps);
    }
    return new SummaryOptions(
        columns,
        timesteps,
        dt,
        lineLength,
        printWarnings,
        footprintDtype,
        energyModel,
        inferenceBatch);
  }

  /** {@return a copy with the timesteps per inference and dt of {@code other}, unresolved} */
  SummaryOptions timingOf(SummaryOptions other) {
    return new SummaryOptions(
        columns,
        other.timestepsPerInference,
        other.dt,
        lineLength,
        printWarnings,
        footprintDtype,
        energyModel,
        java.util.OptionalInt.empty());
  }

  /**
   * {@return a copy with this timestep length, in seconds}
   *
   * @param dt the timestep in seconds
   */
  public SummaryOptions dt(double dt) {
    return new SummaryOptions(
        columns,
        timestepsPerInference,
        dt,
        lineLength,
        printWarnings,
        footprintDtype,
        energyModel,
        inferenceBatch);
  }

  /**
   * {@return a copy with this table width}
   *
   * @param lineLength the table width in characters: cells longer than their column are cut, and
   *     numbers then marked with a trailing {@code …}; {@link #AUTO} never cuts
   */
  public SummaryOptions lineLength(int lineLength) {
    return new SummaryOptions(
        columns,
        timestepsPerInference,
        dt,
        lineLength,
        printWarnings,
        footprintDtype,
        energyModel,
        inferenceBatch);
  }

  /**
   * {@return a copy with or without the warnings}
   *
   * @param printWarnings whether the warnings are printed below the table
   */
  public SummaryOptions printWarnings(boolean printWarnings) {
    return new SummaryOptions(
        columns,
        timestepsPerInference,
        dt,
        lineLength,
        printWarnings,
        footprintDtype,
        energyModel,
        inferenceBatch);
  }

  /**
   * {@return a copy whose {@code footprint} column counts every parameter in {@code dtype},
   * whatever format it is stored in}
   *
   * @param dtype the format, such as float32, float16 or int8
   */
  public SummaryOptions footprintDtype(Dtype dtype) {
    return footprintDtype(Optional.of(Objects.requireNonNull(dtype, "dtype == null")));
  }

  /**
   * {@return a copy whose {@code footprint} column counts every parameter in {@code dtype}, or,
   * when empty, each weight array in the format it is stored in}
   *
   * @param dtype the format, or empty for the stored ones
   */
  public SummaryOptions footprintDtype(Optional<Dtype> dtype) {
    return new SummaryOptions(
        columns,
        timestepsPerInference,
        dt,
        lineLength,
        printWarnings,
        Objects.requireNonNull(dtype, "dtype == null"),
        energyModel,
        inferenceBatch);
  }

  /**
   * {@return a copy that counts energy with {@code energyModel}, whatever the estimate's}
   *
   * @param energyModel how energy is counted in this call
   */
  public SummaryOptions energyModel(EnergyModel energyModel) {
    return new SummaryOptions(
        columns,
        timestepsPerInference,
        dt,
        lineLength,
        printWarnings,
        footprintDtype,
        Optional.of(Objects.requireNonNull(energyModel, "energyModel == null")),
        inferenceBatch);
  }

  /**
   * {@return a copy whose device runs {@code batch} inferences at once in this call}: {@link
   * EnergyModel#CALIBRATED} spreads the device's per-batch overhead and per-layer energy over them.
   *
   * @param batch the inferences per batch on the device, {@code >= 1}
   */
  public SummaryOptions inferenceBatch(int batch) {
    return new SummaryOptions(
        columns,
        timestepsPerInference,
        dt,
        lineLength,
        printWarnings,
        footprintDtype,
        energyModel,
        java.util.OptionalInt.of(batch));
  }
}
