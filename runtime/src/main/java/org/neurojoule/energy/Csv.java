package org.neurojoule.energy;

import java.util.List;

/**
 * Writes an {@link ExportTable} as CSV: a header of field names, one record per layer, then the
 * totals, whose {@code layer} is {@code total} and whose {@code type} is empty (a layer always has
 * a type). Fields are quoted as RFC 4180 says (those holding a comma, quote, CR or LF; quotes
 * doubled); records end with {@code \n}. Numbers are at full precision; a NaN rate is {@code NaN},
 * a total that means nothing is empty.
 */
public final class Csv {
  private Csv() {}

  /**
   * {@return the table as CSV}
   *
   * @param table the estimate's data
   */
  public static String write(ExportTable table) {
    StringBuilder out = new StringBuilder();
    record(out, List.copyOf(table.fields()));
    table.rows().forEach(row -> record(out, row));
    record(out, table.totals());
    return out.toString();
  }

  private static void record(StringBuilder out, List<?> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String text = ExportTable.plain(values.get(i));
      out.append(text == null ? "" : quote(text));
    }
    out.append('\n');
  }

  /**
   * {@return {@code text} as one CSV field, quoted only where RFC 4180 needs it}
   *
   * @param text any string
   */
  public static String quote(String text) {
    boolean needs =
        text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0;
    return needs ? '"' + text.replace("\"", "\"\"") + '"' : text;
  }
}
