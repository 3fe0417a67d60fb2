package org.neurojoule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neurojoule.energy.ExportTable;

/**
 * Renders an estimate as the plain data that CSV and JSON write: {@code layer} and {@code type},
 * then one field per chosen column (a column chosen twice once), one row per layer, the totals, and
 * the figures describing the whole estimate.
 */
final class ExportTables {
  private ExportTables() {}

  /**
   * {@return the export of {@code figures}, with the columns of its options}
   *
   * @throws IllegalArgumentException for an unknown column or device, listing the valid ones
   * @throws IllegalStateException for a spiking device without example data
   */
  static ExportTable of(EstimateFigures figures) {
    SummaryOptions o = figures.options();
    Map<String, Column> fields = new LinkedHashMap<>();
    for (String name : o.columns()) {
      Column c = figures.column(name);
      figures.requireNeeds(c);
      if (c.kind() != ColumnKind.NAME) {
        fields.putIfAbsent(c.field(), c);
      }
    }
    List<Column> columns = List.copyOf(fields.values());
    List<List<Object>> table = new ArrayList<>();
    for (EstimateRow row : figures.estimate().rows()) {
      List<Object> values = new ArrayList<>(List.of(row.name(), row.type()));
      columns.forEach(c -> values.addAll(c.exportValues(figures, row)));
      table.add(values);
    }
    EnergyTotals modelTotals = figures.totals();
    List<Object> totals = new ArrayList<>(List.of("total", ""));
    List<String> names = new ArrayList<>(List.of("layer", "type"));
    for (Column c : columns) {
      totals.add(
          c.kind().summed() ? sum(table, totals.size()) : c.kind().total(figures, modelTotals));
      for (int extra = 1; extra < c.exportFields().size(); extra++) {
        totals.add(null); // the fields a column splits into total to nothing
      }
      names.addAll(c.exportFields());
    }
    return new ExportTable(names, table, totals, about(figures), figures.estimate().warnings());
  }

  private static double sum(List<List<Object>> table, int field) {
    double sum = 0;
    for (List<Object> values : table) {
      sum += (Double) values.get(field);
    }
    return sum;
  }

  private static Map<String, Object> about(EstimateFigures figures) {
    EnergyOptions how = figures.estimate().options();
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("accounting", how.accounting().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    about.put("energy_model", figures.energyModel().label());
    about.put("timesteps_per_inference", (long) figures.timesteps());
    about.put("dt_s", figures.options().dt());
    about.put("example_data", how.exampleData().map(ExampleData::source).orElse(null));
    return about;
  }
}
