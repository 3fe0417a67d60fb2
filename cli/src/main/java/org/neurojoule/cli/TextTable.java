package org.neurojoule.cli;

import java.util.List;

/** A plain text table: columns as wide as their longest cell, two spaces apart. */
final class TextTable {
  private TextTable() {}

  /**
   * {@return the rows, the first being the header, each cell padded to its column}
   *
   * @param rows the cells, row by row, all rows as long
   * @param right for each column, whether it is right-aligned (numbers)
   */
  static String render(List<List<String>> rows, List<Boolean> right) {
    int[] widths = new int[right.size()];
    for (List<String> row : rows) {
      for (int c = 0; c < widths.length; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < widths.length; c++) {
        String cell = row.get(c);
        String pad = " ".repeat(widths[c] - cell.length());
        line.append(c == 0 ? "" : "  ").append(right.get(c) ? pad + cell : cell + pad);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
