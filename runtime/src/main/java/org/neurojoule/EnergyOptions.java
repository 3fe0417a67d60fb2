package org.neurojoule;

import java.util.Objects;
import java.util.Optional;
import org.neurojoule.layer.Accounting;

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
 * @param simulationDt when present, the example data are sequences {@code (N, T, step...)} that the
 *     spiking simulation runs with this timestep in seconds ({@link #simulate(double)})
 * @param reset what a spiking neuron's membrane does after a spike in the simulation
 * @param inferenceBatch how many inferences the device runs at once, over which {@link
 *     EnergyModel#CALIBRATED} spreads its per-batch overheads (1 unless set)
 */
public record EnergyOptions(
    Optional<ExampleData> exampleData,
    Accounting accounting,
    int batchSize,
    Optional<RateListener> progress,
    boolean logWarnings,
    EnergyModel energyModel,
    java.util.OptionalDouble simulationDt,
    Reset reset,
    int inferenceBatch) {
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
   * @param simulationDt the spiking simulation's timestep, if it runs
   * @param reset what a neuron's membrane does after a spike in the simulation
   * @param inferenceBatch the inferences the device runs at once, {@code >= 1}
   */
  public EnergyOptions {
    if (inferenceBatch < 1) {
      throw new IllegalArgumentException("inferenceBatch must be >= 1, was " + inferenceBatch);
    }
    Objects.requireNonNull(simulationDt, "simulationDt == null");
    Objects.requireNonNull(reset, "reset == null");
    if (simulationDt.isPresent()
        && !(simulationDt.getAsDouble() > 0 && simulationDt.getAsDouble() <= 1000)) {
      throw new IllegalArgumentException(
          "the spiking simulation's dt must be a number of"
              + " seconds > 0 and <= 1000, was "
              + simulationDt.getAsDouble());
    }
    if (simulationDt.isPresent() && simulationDt.getAsDouble() < Float.MIN_VALUE) {
      throw new IllegalArgumentException(
          "the spiking simulation's dt of "
              + simulationDt.getAsDouble()
              + " s is below float32's smallest positive number ("
              + Float.MIN_VALUE
              + "): its firing rates (per step / dt) would not be finite");
    }
    Objects.requireNonNull(exampleData, "exampleData == null");
    Objects.requireNonNull(energyModel, "energyModel == null");
    Objects.requireNonNull(accounting, "accounting == null");
    Objects.requireNonNull(progress, "progress == null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
  }

  /**
   * Options without the spiking simulation.
   *
   * @param exampleData the example data the firing rates come from, if any
   * @param accounting which statistics to count
   * @param batchSize the number of examples per mini-batch
   * @param progress receives the progress of the firing-rate pass, if any
   * @param logWarnings whether the estimate logs its warnings
   * @param energyModel how energy is counted by default
   */
  public EnergyOptions(
      Optional<ExampleData> exampleData,
      Accounting accounting,
      int batchSize,
      Optional<RateListener> progress,
      boolean logWarnings,
      EnergyModel energyModel) {
    this(
        exampleData,
        accounting,
        batchSize,
        progress,
        logWarnings,
        energyModel,
        java.util.OptionalDouble.empty(),
        Reset.TO_V_RESET,
        1);
  }

  /**
   * Options that run the device one inference at a time.
   *
   * @param exampleData the example data the firing rates come from, if any
   * @param accounting which statistics to count
   * @param batchSize the number of examples per mini-batch
   * @param progress receives the progress of the firing-rate pass, if any
   * @param logWarnings whether the estimate logs its warnings
   * @param energyModel how energy is counted by default
   * @param simulationDt the spiking simulation's timestep, if it runs
   * @param reset what a neuron's membrane does after a spike in the simulation
   */
  public EnergyOptions(
      Optional<ExampleData> exampleData,
      Accounting accounting,
      int batchSize,
      Optional<RateListener> progress,
      boolean logWarnings,
      EnergyModel energyModel,
      java.util.OptionalDouble simulationDt,
      Reset reset) {
    this(
        exampleData,
        accounting,
        batchSize,
        progress,
        logWarnings,
        energyModel,
        simulationDt,
        reset,
        1);
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
  public EnergyOptions(
      Optional<ExampleData> exampleData,
      Accounting accounting,
      int batchSize,
      Optional<RateListener> progress,
      boolean logWarnings) {
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
    return new EnergyOptions(
        Optional.of(Objects.requireNonNull(exampleData, "exampleData == null")),
        accounting,
        batchSize,
        progress,
        logWarnings,
        energyModel,
        simulationDt,
        reset,
        inferenceBatch);
  }

  /**
   * {@return a copy with this accounting}
   *
   * @param accounting which statistics to count
   */
  public EnergyOptions accounting(Accounting accounting) {
    return new EnergyOptions(
        exampleData,
        accounting,
        batchSize,
        progress,
        logWarnings,
        energyModel,
        simulationDt,
        reset,
        inferenceBatch);
  }

  /**
   * {@return a copy whose firing-rate pass runs mini-batches of {@code batchSize} examples}
   *
   * @param batchSize the number of examples per mini-batch
   */
  public EnergyOptions batchSize(int batchSize) {
    return new EnergyOptions(
        exampleData,
        accounting,
        batchSize,
        progress,
        logWarnings,
        energyModel,
        simulationDt,
        reset,
        inferenceBatch);
  }

  /**
   * {@return a copy whose firing-rate pass reports to {@code listener} (and draws no progress bar)}
   *
   * @param listener receives the progress of the pass
   */
  public EnergyOptions progress(RateListener listener) {
    return new EnergyOptions(
        exampleData,
        accounting,
        batchSize,
        Optional.of(Objects.requireNonNull(listener, "listener == null")),
        logWarnings,
        energyModel,
        simulationDt,
        reset,
        inferenceBatch);
  }

  /**
   * {@return a copy that logs its warnings or keeps them silent}
   *
   * @param logWarnings {@code true} (the default) to log the warnings through {@link
   *     System.Logger}; they stay in {@link ModelEnergy#warnings()} either way
   */
  public EnergyOptions logWarnings(boolean logWarnings) {
    return new EnergyOptions(
        exampleData,
        accounting,
        batchSize,
        progress,
        logWarnings,
        energyModel,
        simulationDt,
        reset,
        inferenceBatch);
  }

  /**
   * {@return a copy whose summaries, totals and exports count energy with {@code energyModel}
   * unless their own options choose another}
   *
   * @param energyModel how energy is counted
   */
  public EnergyOptions energyModel(EnergyModel energyModel) {
    return new EnergyOptions(
        exampleData,
        accounting,
        batchSize,
        progress,
        logWarnings,
        energyModel,
        simulationDt,
        reset,
        inferenceBatch);
  }

  /**
   * {@return a copy that runs the spiking simulation: the example data are sequences {@code (N, T,
   * step...)} of the model's per-step input, stepped with timestep {@code dt}}
   *
   * <p>Spikes and synaptic events are counted per layer ({@link ModelEnergy#spikeCounts()}, the
   * summary's {@code spikes}, {@code synaptic_events} and {@code sim_energy <device>} columns);
   * firing rates ({@code rate}, {@code energy <device>}) become each layer's mean |input| per step
   * over every step divided by {@code dt} (in Hz, as KerasSpiking's spikes of amplitude 1/dt), so
   * the rate-based estimate, with the same {@code dt} and {@code timestepsPerInference} = T in the
   * summary options, stays beside the counted one.
   *
   * @param dt the timestep in seconds, {@code > 0} and at most 1000
   */
  public EnergyOptions simulate(double dt) {
    return new EnergyOptions(
        exampleData,
        accounting,
        batchSize,
        progress,
        logWarnings,
        energyModel,
        java.util.OptionalDouble.of(dt),
        reset,
        inferenceBatch);
  }

  /**
   * {@return a copy whose simulated neurons reset this way after a spike}
   *
   * @param reset {@link Reset#TO_V_RESET} (the default, NIR's) or {@link Reset#SUBTRACT}
   */
  public EnergyOptions reset(Reset reset) {
    return new EnergyOptions(
        exampleData,
        accounting,
        batchSize,
        progress,
        logWarnings,
        energyModel,
        simulationDt,
        reset,
        inferenceBatch);
  }

  /**
   * {@return a copy whose device runs {@code batch} inferences at once}: {@link
   * EnergyModel#CALIBRATED} spreads the device's per-batch overhead and per-layer energy over them.
   * It is not the firing-rate pass's {@link #batchSize(int)}.
   *
   * @param batch the inferences per batch on the device, {@code >= 1}
   */
  public EnergyOptions inferenceBatch(int batch) {
    return new EnergyOptions(
        exampleData,
        accounting,
        batchSize,
        progress,
        logWarnings,
        energyModel,
        simulationDt,
        reset,
        batch);
  }
}
