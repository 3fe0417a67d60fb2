package org.neurojoule;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ModelEnergy#summaryString} shows and how energy is counted in time.
 *
 * @param columns the columns, by name: {@code name}, {@code output_shape}, {@code params}, {@code
 *     connections}, {@code neurons}, {@code rate}, {@code energy <device>}, {@code synop_energy
 *     <device>}, {@code neuron_energy <device>}
 * @param timestepsPerInference how many timesteps one inference takes on a spiking device
 * @param dt the length of a timestep on a spiking device, in seconds
 * @param lineLength the width of the table
 * @param printWarnings whether to print the notes on the estimates' assumptions
 */
public record SummaryOptions(
    List<String> columns,
    int timestepsPerInference,
    double dt,
    int lineLength,
    boolean printWarnings) {
  /** The columns shown by default. */
  public static final List<String> DEFAULT_COLUMNS =
      List.of("name", "output_shape", "params", "connections", "neurons", "energy cpu");

  /** Default columns, one timestep of 0.001 s, 98 characters, warnings on. */
  public static final SummaryOptions DEFAULTS =
      new SummaryOptions(DEFAULT_COLUMNS, 1, 0.001, 98, true);

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param columns the column names, such as {@code "name"} or {@code "energy loihi"}
   * @param timestepsPerInference the timesteps of one inference on a spiking device
   * @param dt the timestep in seconds
   * @param lineLength the table width in characters
   * @param printWarnings whether the warnings are printed below the table
   */
  public SummaryOptions {
    columns = List.copyOf(Objects.requireNonNull(columns, "columns == null"));
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a summary needs at least one column");
    }
    if (timestepsPerInference < 1) {
      throw new IllegalArgumentException(
          "timestepsPerInference must be >= 1, was " + timestepsPerInference);
    }
    if (!(dt > 0) || Double.isInfinite(dt)) {
      throw new IllegalArgumentException("dt must be a finite number > 0, was " + dt);
    }
    if (lineLength < columns.size()) {
      throw new IllegalArgumentException("lineLength " + lineLength + " is too short for "
          + columns.size() + " columns; it must be at least one character per column");
    }
  }

  /**
   * {@return a copy with these columns}
   *
   * @param columns the column names, such as {@code "name"} or {@code "energy loihi"}
   */
  public SummaryOptions columns(String... columns) {
    return new SummaryOptions(List.of(columns), timestepsPerInference, dt, lineLength,
        printWarnings);
  }

  /**
   * {@return a copy with this many timesteps per inference}
   *
   * @param timesteps the number of timesteps per inference
   */
  public SummaryOptions timestepsPerInference(int timesteps) {
    return new SummaryOptions(columns, timesteps, dt, lineLength, printWarnings);
  }

  /**
   * {@return a copy with this timestep length, in seconds}
   *
   * @param dt the timestep in seconds
   */
  public SummaryOptions dt(double dt) {
    return new SummaryOptions(columns, timestepsPerInference, dt, lineLength, printWarnings);
  }

  /**
   * {@return a copy with this table width}
   *
   * @param lineLength the table width in characters
   */
  public SummaryOptions lineLength(int lineLength) {
    return new SummaryOptions(columns, timestepsPerInference, dt, lineLength, printWarnings);
  }

  /**
   * {@return a copy with or without the warnings}
   *
   * @param printWarnings whether the warnings are printed below the table
   */
  public SummaryOptions printWarnings(boolean printWarnings) {
    return new SummaryOptions(columns, timestepsPerInference, dt, lineLength, printWarnings);
  }
}
