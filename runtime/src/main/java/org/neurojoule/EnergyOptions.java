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
 * @param energyModel how energy is counted unless a summary's options say otherwise ({@link
 *     EnergyModel#REFERENCE} by default)
 */
public record EnergyOptions(Optional<ExampleData> exampleData, Accounting accounting,
    int batchSize, Optional<RateListener> progress, boolean logWarnings,
    EnergyModel energyModel) {
  /** The default mini-batch size of the firing-rate pass. */
  public static final int DEFAULT_BATCH_SIZE = 32;

  /** No example data, {@link Accounting#COMPLETE}. */
  public static final EnergyOptions DEFAULTS =
      new EnergyOptions(Optional.empty(), Accounting.COMPLETE);

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param exampleData the example data the firing rates come from, if any
   * @param accounting which statistics to count
   * @param batchSize the number of examples per mini-batch
   * @param progress receives the progress of the firing-rate pass, if any
   * @param logWarnings whether the estimate logs its warnings
   * @param energyModel how energy is counted by default
   */
  public EnergyOptions {
    Objects.requireNonNull(exampleData, "exampleData == null");
    Objects.requireNonNull(energyModel, "energyModel == null");
    Objects.requireNonNull(accounting, "accounting == null");
    Objects.requireNonNull(progress, "progress == null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
  }

  /**
   * Options with the {@link EnergyModel#REFERENCE} energy model.
   *
   * @param exampleData the example data the firing rates come from, if any
   * @param accounting which statistics to count
   * @param batchSize the number of examples per mini-batch
   * @param progress receives the progress of the firing-rate pass, if any
   * @param logWarnings whether the estimate logs its warnings
   */
  public EnergyOptions(Optional<ExampleData> exampleData, Accounting accounting, int batchSize,
      Optional<RateListener> progress, boolean logWarnings) {
    this(exampleData, accounting, batchSize, progress, logWarnings, EnergyModel.REFERENCE);
  }

  /**
   * Options with this data and accounting, the default batch size, warnings logged.
   *
   * @param exampleData the example data the firing rates come from, if any
   * @param accounting which statistics to count
   */
  public EnergyOptions(Optional<ExampleData> exampleData, Accounting accounting) {
    this(exampleData, accounting, DEFAULT_BATCH_SIZE, Optional.empty(), true);
  }

  /**
   * {@return a copy with this example data}
   *
   * @param exampleData the example data the firing rates come from, if any
   */
  public EnergyOptions exampleData(ExampleData exampleData) {
    return new EnergyOptions(Optional.of(Objects.requireNonNull(exampleData, "exampleData == null")),
        accounting, batchSize, progress, logWarnings, energyModel);
  }

  /**
   * {@return a copy with this accounting}
   *
   * @param accounting which statistics to count
   */
  public EnergyOptions accounting(Accounting accounting) {
    return new EnergyOptions(exampleData, accounting, batchSize, progress, logWarnings,
        energyModel);
  }

  /**
   * {@return a copy whose firing-rate pass runs mini-batches of {@code batchSize} examples}
   *
   * @param batchSize the number of examples per mini-batch
   */
  public EnergyOptions batchSize(int batchSize) {
    return new EnergyOptions(exampleData, accounting, batchSize, progress, logWarnings,
        energyModel);
  }

  /**
   * {@return a copy whose firing-rate pass reports to {@code listener} (and draws no progress bar)}
   *
   * @param listener receives the progress of the pass
   */
  public EnergyOptions progress(RateListener listener) {
    return new EnergyOptions(exampleData, accounting, batchSize,
        Optional.of(Objects.requireNonNull(listener, "listener == null")), logWarnings,
        energyModel);
  }

  /**
   * {@return a copy that logs its warnings or keeps them silent}
   *
   * @param logWarnings {@code true} (the default) to log the warnings through {@link
   *     System.Logger}; they stay in {@link ModelEnergy#warnings()} either way
   */
  public EnergyOptions logWarnings(boolean logWarnings) {
    return new EnergyOptions(exampleData, accounting, batchSize, progress, logWarnings,
        energyModel);
  }

  /**
   * {@return a copy whose summaries, totals and exports count energy with {@code energyModel}
   * unless their own options choose another}
   *
   * @param energyModel how energy is counted
   */
  public EnergyOptions energyModel(EnergyModel energyModel) {
    return new EnergyOptions(exampleData, accounting, batchSize, progress, logWarnings,
        energyModel);
  }
}
