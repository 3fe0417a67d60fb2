package org.neurojoule.energy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An estimate as plain data, for {@link Csv} and {@link Json}: one row per layer, the totals and
 * what describes the whole estimate.
 *
 * @param fields the field names, units included ({@code energy_j_cpu}); unique
 * @param rows one row per layer, one value per field: a {@code String}, {@code Long} or {@code
 *     Double}
 * @param totals one value per field, {@code null} where a total means nothing (a rate)
 * @param about figures of the whole estimate (accounting, timesteps, dt), in order
 * @param warnings what the estimate warns about
 */
public record ExportTable(
    List<String> fields,
    List<List<Object>> rows,
    List<Object> totals,
    Map<String, Object> about,
    List<String> warnings) {

  /** Checks that every row has one value per field. */
  public ExportTable {
    fields = List.copyOf(fields);
    rows = List.copyOf(rows);
    Objects.requireNonNull(totals, "totals == null");
    Objects.requireNonNull(about, "about == null");
    warnings = List.copyOf(warnings);
    for (List<Object> row : rows) {
      if (row.size() != fields.size()) {
        throw new IllegalArgumentException(
            "a row has " + row.size() + " values for " + fields.size() + " fields");
      }
    }
    if (totals.size() != fields.size()) {
      throw new IllegalArgumentException(
          "totals have " + totals.size() + " values for " + fields.size() + " fields");
    }
  }

  /**
   * {@return a number at full precision, as {@link Double#toString} or {@link Long#toString} writes
   * it, or the text itself; {@code null} for no value}
   *
   * @param value a {@code String}, {@code Long}, {@code Double} or {@code null}
   */
  static String plain(Object value) {
    return value == null ? null : value.toString();
  }
}
