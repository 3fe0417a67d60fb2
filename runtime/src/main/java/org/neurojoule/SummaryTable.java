package org.neurojoule;

import java.util.ArrayList;
import java.util.List;
import org.neurojoule.device.Device;
import org.neurojoule.energy.PaperTable;
import org.neurojoule.energy.PythonFormat;
import org.neurojoule.energy.SummaryText;
import org.neurojoule.energy.TableLayout;

/**
 * Renders an estimate as the summary text: KerasSpiking's table (byte for byte where it has the
 * same columns), the total energy of each energy column under it, then the notes.
 */
final class SummaryTable {
  private SummaryTable() {}

  /**
   * {@return the summary of {@code figures}, with the columns, line length and warnings of its
   * options}
   *
   * @throws IllegalArgumentException for an unknown column or device, listing the valid ones
   * @throws IllegalStateException for a spiking device without example data
   */
  static String render(EstimateFigures figures) {
    return text(figures);
  }

  /**
   * {@return the summary of {@code figures} as a table for a paper: the same headers, whole cells,
   * then the totals and (when its options print warnings) the notes}
   */
  static PaperTable paper(EstimateFigures figures) {
    List<Column> columns = figures.columns();
    List<List<String>> cells = new ArrayList<>();
    for (EstimateRow row : figures.estimate().rows()) {
      cells.add(columns.stream().map(c -> c.cell(figures, row)).toList());
    }
    List<String> footer = new ArrayList<>(totals(figures, columns));
    footer.addAll(notes(figures, columns));
    return new PaperTable(
        columns.stream().map(Column::header).toList(),
        cells,
        columns.stream().map(Column::numeric).toList(),
        footer);
  }

  private static List<String> totals(EstimateFigures figures, List<Column> columns) {
    List<String> totals = new ArrayList<>();
    for (Column c : ofKind(columns, ColumnKind.ENERGY)) {
      totals.add(
          "Total energy per inference [Joules/inf] ("
              + c.requireDevice().name()
              + "): "
              + PythonFormat.e2(figures.totalEnergy(c.requireDevice())));
    }
    for (Column c : ofKind(columns, ColumnKind.SIM_ENERGY)) {
      totals.add(
          "Total simulated energy per inference [Joules/inf] ("
              + c.requireDevice().name()
              + "): "
              + PythonFormat.e2(figures.totalSimulatedEnergy(c.requireDevice())));
    }
    return totals;
  }

  private static List<String> notes(EstimateFigures figures, List<Column> columns) {
    List<Column> energyColumns = ofKind(columns, ColumnKind.ENERGY);
    List<String> notes = new ArrayList<>();
    if (figures.options().printWarnings() && !energyColumns.isEmpty()) {
      // As in the reference, only total-energy columns count as showing a device.
      notes.addAll(
          EstimateNotes.of(
              figures, energyColumns.stream().anyMatch(c -> c.requireDevice().spiking())));
    }
    if (figures.energyModel() != EnergyModel.REFERENCE
        && columns.stream().anyMatch(c -> c.device().isPresent())) {
      notes.add(EstimateNotes.energyModel(figures.energyModel()));
      notes.addAll(
          EstimateNotes.dtypeFigures(
              figures, columns.stream().flatMap(c -> c.device().stream()).toList()));
    }
    return notes;
  }

  private static String text(EstimateFigures figures) {
    SummaryOptions o = figures.options();
    List<Column> columns = figures.columns();
    List<String> headers = columns.stream().map(Column::header).toList();
    List<Boolean> left = columns.stream().map(c -> c.kind() == ColumnKind.NAME).toList();
    List<Boolean> numeric = columns.stream().map(Column::numeric).toList();
    List<List<String>> cells = new ArrayList<>();
    for (EstimateRow row : figures.estimate().rows()) {
      cells.add(columns.stream().map(c -> c.cell(figures, row)).toList());
    }
    List<String> totals = totals(figures, columns);
    List<String> notes = notes(figures, columns);
    int lineLength =
        o.lineLength() == SummaryOptions.AUTO
            ? TableLayout.naturalWidth(headers, cells)
            : o.lineLength();
    int wrap =
        o.lineLength() == SummaryOptions.AUTO
            ? Math.max(lineLength, SummaryOptions.DEFAULTS.lineLength())
            : lineLength;
    return SummaryText.render(headers, cells, left, numeric, totals, notes, lineLength, wrap);
  }

  private static List<Column> ofKind(List<Column> columns, ColumnKind kind) {
    return columns.stream().filter(c -> c.kind() == kind).toList();
  }

  /** {@return whether any column shows a spiking device} */
  static boolean showsSpiking(List<Column> columns) {
    return columns.stream().anyMatch(c -> c.device().map(Device::spiking).orElse(false));
  }
}
