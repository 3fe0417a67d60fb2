package org.neurojoule;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.neurojoule.device.Device;
import org.neurojoule.device.DeviceRegistry;

/**
 * One column of a summary, export or report, parsed from its name: {@code "name"}, {@code "energy
 * cpu"}.
 *
 * @param kind what the column shows
 * @param device the device of an energy column
 */
record Column(ColumnKind kind, Optional<Device> device) {

  Column {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(device, "device == null");
    if (kind.perDevice() != device.isPresent()) {
      throw new IllegalArgumentException(
          "column " + kind.key() + " " + (kind.perDevice() ? "needs" : "takes no") + " device");
    }
  }

  /**
   * Parses a column name, looking its device up in {@code devices}.
   *
   * @throws IllegalArgumentException naming the column and listing the valid ones or the devices
   */
  static Column parse(String column, DeviceRegistry devices) {
    Objects.requireNonNull(column, "column == null");
    String trimmed = column.trim();
    int space = trimmed.indexOf(' ');
    String key = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    for (ColumnKind kind : ColumnKind.values()) {
      if (!kind.key().equals(key)) {
        continue;
      }
      if (!kind.perDevice()) {
        if (space >= 0) {
          break;
        }
        return new Column(kind, Optional.empty());
      }
      if (space < 0) {
        throw new IllegalArgumentException(
            "column '"
                + column
                + "' needs a device, as in '"
                + kind.key()
                + " cpu'; devices: "
                + String.join(", ", devices.names()));
      }
      String name = trimmed.substring(space + 1).trim();
      try {
        return new Column(kind, Optional.of(devices.get(name)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("column '" + column + "': " + e.getMessage(), e);
      }
    }
    Optional<Column> byField = parseField(trimmed.toLowerCase(Locale.ROOT), devices);
    if (byField.isPresent()) {
      return byField.get();
    }
    throw new IllegalArgumentException(
        "unknown column '" + column + "'; valid columns: " + ColumnKind.VALID);
  }

  /**
   * Parses a column by its CSV and JSON field name, {@code rate_hz} or {@code energy_j_cpu}, so
   * that a name read off an export works as a column.
   */
  private static Optional<Column> parseField(String field, DeviceRegistry devices) {
    for (ColumnKind kind : ColumnKind.values()) {
      if (!kind.perDevice()) {
        if (kind.field(Optional.empty()).equals(field)
            || kind.exportFields(Optional.empty()).contains(field)) {
          return Optional.of(new Column(kind, Optional.empty()));
        }
        continue;
      }
      String prefix = kind.key() + "_j_";
      if (field.startsWith(prefix) && field.length() > prefix.length()) {
        String device = field.substring(prefix.length());
        for (String name : devices.names()) {
          if (name.equalsIgnoreCase(device)) {
            return Optional.of(new Column(kind, Optional.of(devices.get(name))));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** {@return the header: {@code Layer (type)}, {@code J/inf (cpu)}} */
  String header() {
    return device.map(d -> kind.header() + " (" + d.name() + ")").orElse(kind.header());
  }

  /** {@return the export field, with its unit: {@code energy_j_cpu}} */
  String field() {
    return kind.field(device);
  }

  /** {@return the fields of the column in CSV and JSON exports} */
  java.util.List<String> exportFields() {
    return kind.exportFields(device);
  }

  /** {@return a layer's values in the export, one per field} */
  java.util.List<Object> exportValues(EstimateFigures figures, EstimateRow row) {
    return kind.exportValues(figures, row, device);
  }

  /** {@return whether cells are figures: right-aligned, with an exact value in reports} */
  boolean numeric() {
    return kind.format().numeric();
  }

  /** {@return a layer's full-precision value} */
  Object value(EstimateFigures figures, EstimateRow row) {
    return kind.value(figures, row, device);
  }

  /** {@return a layer's cell in the summary table} */
  String cell(EstimateFigures figures, EstimateRow row) {
    return kind.format().cell(row, value(figures, row));
  }

  /** {@return the device of a device column; throws for one without} */
  Device requireDevice() {
    return device.orElseThrow();
  }
}
