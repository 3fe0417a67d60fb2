package org.neurojoule;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Model#energy(java.util.function.UnaryOperator)} estimates: with which example data
 * (for firing rates), which {@link Accounting}, and how the firing-rate pass runs.
 *
 * @param exampleData data to run through the model for firing rates; without it rates are NaN and
 *     spiking devices cannot be estimated
 * @param accounting which arithmetic the statistics count
 * @param batchSize examples per mini-batch of the firing-rate pass (memory grows with it)
 * @param progress hears the firing-rate pass's progress; when empty, a progress bar is drawn on a
 *     terminal for long passes
 * @param logWarnings whether the estimate logs its {@link ModelEnergy#warnings()} (layers it cannot
 *     count, inputs that look channels-first) through {@link System.Logger}, once per model and
 *     warning; the summary text is the same either way
 */
public record EnergyOptions(Optional<ExampleData> exampleData, Accounting accounting,
    int batchSize, Optional<RateListener> progress, boolean logWarnings) {
  /** The default mini-batch size of the firing-rate pass. */
  public static final int DEFAULT_BATCH_SIZE = 32;

  /** No example data, {@link Accounting#COMPLETE}. */
  public static final EnergyOptions DEFAULTS =
      new EnergyOptions(Optional.empty(), Accounting.COMPLETE);

  public EnergyOptions {
    Objects.requireNonNull(exampleData, "exampleData == null");
    Objects.requireNonNull(accounting, "accounting == null");
    Objects.requireNonNull(progress, "progress == null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
  }

  /** Options with this data and accounting, the default batch size, warnings logged. */
  public EnergyOptions(Optional<ExampleData> exampleData, Accounting accounting) {
    this(exampleData, accounting, DEFAULT_BATCH_SIZE, Optional.empty(), true);
  }

  /** A copy with this example data. */
  public EnergyOptions exampleData(ExampleData exampleData) {
    return new EnergyOptions(Optional.of(Objects.requireNonNull(exampleData, "exampleData == null")),
        accounting, batchSize, progress, logWarnings);
  }

  /** A copy with this accounting. */
  public EnergyOptions accounting(Accounting accounting) {
    return new EnergyOptions(exampleData, accounting, batchSize, progress, logWarnings);
  }

  /** A copy whose firing-rate pass runs mini-batches of {@code batchSize} examples. */
  public EnergyOptions batchSize(int batchSize) {
    return new EnergyOptions(exampleData, accounting, batchSize, progress, logWarnings);
  }

  /** A copy whose firing-rate pass reports to {@code listener} (and draws no progress bar). */
  public EnergyOptions progress(RateListener listener) {
    return new EnergyOptions(exampleData, accounting, batchSize,
        Optional.of(Objects.requireNonNull(listener, "listener == null")), logWarnings);
  }

  /**
   * A copy that logs its warnings ({@code true}, the default) or keeps them silent; they stay in
   * {@link ModelEnergy#warnings()} either way.
   */
  public EnergyOptions logWarnings(boolean logWarnings) {
    return new EnergyOptions(exampleData, accounting, batchSize, progress, logWarnings);
  }
}
