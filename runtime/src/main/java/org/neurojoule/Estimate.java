package org.neurojoule;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An energy estimate as an immutable value, computed once by {@link Estimator}: one row per layer
 * (statistics, rate), what it warns about and the options it was made with. Energy on a device is
 * derived from it with a call's options by {@link EstimateFigures}; the summary text, CSV, JSON and
 * HTML report are renderers of it.
 */
final class Estimate {
  private final Model model;
  private final EnergyOptions options;
  private final Map<String, EstimateRow> rows;
  private final List<String> warnings;
  private final Set<String> typesBeyondReference;
  private final Optional<SpikeCounts> spikeCounts;

  /**
   * Makes an estimate of {@code rows}.
   *
   * @param model the model estimated
   * @param options how it was estimated
   * @param rows one row per layer, in layer order
   * @param warnings what the estimate warns about
   * @param typesBeyondReference the layer types the accounting mode counts beyond the reference
   * @param spikeCounts what the spiking simulation counted, when it ran
   */
  Estimate(
      Model model,
      EnergyOptions options,
      List<EstimateRow> rows,
      List<String> warnings,
      Set<String> typesBeyondReference,
      Optional<SpikeCounts> spikeCounts) {
    this.model = Objects.requireNonNull(model, "model == null");
    this.options = Objects.requireNonNull(options, "options == null");
    Map<String, EstimateRow> byName = new LinkedHashMap<>();
    rows.forEach(r -> byName.put(r.name(), r));
    this.rows = Collections.unmodifiableMap(byName);
    this.warnings = List.copyOf(warnings);
    this.typesBeyondReference =
        Collections.unmodifiableSet(new LinkedHashSet<>(typesBeyondReference));
    this.spikeCounts = Objects.requireNonNull(spikeCounts, "spikeCounts == null");
  }

  Model model() {
    return model;
  }

  EnergyOptions options() {
    return options;
  }

  /** {@return the rows, in layer order} */
  Iterable<EstimateRow> rows() {
    return rows.values();
  }

  /** {@return the rows as a list, in layer order} */
  List<EstimateRow> rowList() {
    return List.copyOf(rows.values());
  }

  /**
   * {@return the row of the layer named {@code layerName}}
   *
   * @throws IllegalArgumentException if there is no such layer
   */
  EstimateRow row(String layerName) {
    EstimateRow row = rows.get(Objects.requireNonNull(layerName, "layerName == null"));
    if (row == null) {
      throw new IllegalArgumentException(
          "no layer named '" + layerName + "'; the layers are " + rows.keySet());
    }
    return row;
  }

  List<String> warnings() {
    return warnings;
  }

  /** {@return the layer types the accounting mode counts beyond the reference, in order} */
  Set<String> typesBeyondReference() {
    return typesBeyondReference;
  }

  Optional<SpikeCounts> spikeCounts() {
    return spikeCounts;
  }

  /** {@return each layer's firing rate, in layer order} */
  Map<String, Double> rates() {
    Map<String, Double> out = new LinkedHashMap<>();
    rows.values().forEach(r -> out.put(r.name(), r.rate()));
    return Collections.unmodifiableMap(out);
  }

  /** {@return every layer's activity metrics} */
  ModelActivity activity() {
    return new ModelActivity(rows.values().stream().map(EstimateRow::activity).toList());
  }
}
