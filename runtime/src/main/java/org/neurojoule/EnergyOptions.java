package org.neurojoule;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Model#energy(java.util.function.UnaryOperator)} estimates: with which example data
 * (for firing rates) and which {@link Accounting}.
 *
 * @param exampleData data to run through the model for firing rates; without it rates are NaN and
 *     spiking devices cannot be estimated
 * @param accounting which arithmetic the statistics count
 */
public record EnergyOptions(Optional<ExampleData> exampleData, Accounting accounting) {
  /** No example data, {@link Accounting#COMPLETE}. */
  public static final EnergyOptions DEFAULTS =
      new EnergyOptions(Optional.empty(), Accounting.COMPLETE);

  public EnergyOptions {
    Objects.requireNonNull(exampleData, "exampleData == null");
    Objects.requireNonNull(accounting, "accounting == null");
  }

  /** A copy with this example data. */
  public EnergyOptions exampleData(ExampleData exampleData) {
    return new EnergyOptions(Optional.of(exampleData), accounting);
  }

  /** A copy with this accounting. */
  public EnergyOptions accounting(Accounting accounting) {
    return new EnergyOptions(exampleData, accounting);
  }
}
