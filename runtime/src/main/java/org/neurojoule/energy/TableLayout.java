package org.neurojoule.energy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Lays out the body of a summary table the way KerasSpiking's {@code ModelEnergy.summary} does: the
 * header line, a line of dashes, then one line per row.
 *
 * <p>Column widths follow DESIGN.md §7. With {@code n} columns, {@code usable = lineLength - (n -
 * 1)} characters remain once the {@code |} separators are placed. Each width starts at {@code
 * min(usable / n, longest cell of the column)}; while the widths sum to less than {@code
 * min(usable, sum of the longest cells)}, one character goes to the column with the largest {@code
 * (longest - width) / width}, the first on ties. Lengths are counted in code points, as Python's
 * {@code len} does.
 */
public final class TableLayout {
  /** Ends a number that had to be cut to fit its column. */
  public static final String CUT_MARK = "\u2026";

  private TableLayout() {}

  /**
   * Returns the header line, the dash line and one line per row, without line terminators.
   *
   * <p>Each cell is cut to the width of its column by keeping its first characters, then padded
   * with spaces: on the right in the header and in left-aligned columns, on the left otherwise.
   * Cells are joined by {@code "|"}.
   *
   * @param headers the column titles; their number {@code n} is the number of columns
   * @param rows the body rows, each with {@code n} cells
   * @param leftAligned for each column, whether its body cells are left-aligned
   * @param lineLength the line length to fit into; at least {@code n}
   * @return the lines of the table
   * @throws IllegalArgumentException if an argument or element is null, if there are no columns, if
   *     a row or {@code leftAligned} does not have {@code n} entries, or if {@code lineLength} is
   *     less than {@code n}
   */
  public static List<String> render(
      List<String> headers, List<List<String>> rows, List<Boolean> leftAligned, int lineLength) {
    validate(headers, rows, leftAligned, lineLength);
    return render(
        headers, rows, leftAligned, Collections.nCopies(headers.size(), false), lineLength);
  }

  /**
   * As {@link #render(List, List, List, int)}, but a body cell of a column whose {@code markCut}
   * entry is true ends in {@value #CUT_MARK} when it had to be cut, so that a cut number is never
   * read as a smaller one. The reference cuts silently; it never cuts a number in its documented
   * tables, so marking numbers changes none of them.
   *
   * @param markCut for each column, whether its cut body cells are marked
   */
  public static List<String> render(
      List<String> headers,
      List<List<String>> rows,
      List<Boolean> leftAligned,
      List<Boolean> markCut,
      int lineLength) {
    validate(headers, rows, leftAligned, lineLength);
    if (markCut == null || markCut.size() != headers.size() || containsNull(markCut)) {
      throw new IllegalArgumentException(
          "markCut must have one non-null entry per column: " + markCut);
    }
    int[] widths = columnWidths(headers, rows, lineLength);

    List<String> lines = new ArrayList<>(rows.size() + 2);
    // The header is left-aligned in every column, whatever the body alignment.
    lines.add(line(headers, widths, null, null));
    StringBuilder dashes = new StringBuilder();
    for (int col = 0; col < widths.length; col++) {
      if (col > 0) {
        dashes.append('|');
      }
      dashes.append("-".repeat(widths[col]));
    }
    lines.add(dashes.toString());
    for (List<String> row : rows) {
      lines.add(line(row, widths, leftAligned, markCut));
    }
    return lines;
  }

  /** The line length at which no cell of the table is cut: every longest cell and separators. */
  public static int naturalWidth(List<String> headers, List<List<String>> rows) {
    validate(headers, rows, Collections.nCopies(headers.size(), true), Integer.MAX_VALUE);
    long sum = headers.size() - 1;
    for (int col = 0; col < headers.size(); col++) {
      int longest = length(headers.get(col));
      for (List<String> row : rows) {
        longest = Math.max(longest, length(row.get(col)));
      }
      sum += longest;
    }
    return (int) Math.min(sum, Integer.MAX_VALUE);
  }

  private static void validate(
      List<String> headers, List<List<String>> rows, List<Boolean> leftAligned, int lineLength) {
    if (headers == null) {
      throw new IllegalArgumentException("headers must not be null");
    }
    if (rows == null) {
      throw new IllegalArgumentException("rows must not be null");
    }
    if (leftAligned == null) {
      throw new IllegalArgumentException("leftAligned must not be null");
    }
    int n = headers.size();
    if (n == 0) {
      throw new IllegalArgumentException("at least one column is required");
    }
    if (containsNull(headers)) {
      throw new IllegalArgumentException("headers must not contain null: " + headers);
    }
    if (leftAligned.size() != n) {
      throw new IllegalArgumentException(
          "leftAligned has " + leftAligned.size() + " entries but there are " + n + " columns");
    }
    if (containsNull(leftAligned)) {
      throw new IllegalArgumentException("leftAligned must not contain null: " + leftAligned);
    }
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (row == null) {
        throw new IllegalArgumentException("row " + i + " is null");
      }
      if (row.size() != n) {
        throw new IllegalArgumentException(
            "row " + i + " has " + row.size() + " cells but there are " + n + " columns");
      }
      if (containsNull(row)) {
        throw new IllegalArgumentException("row " + i + " contains a null cell: " + row);
      }
    }
    if (lineLength < n) {
      throw new IllegalArgumentException(
          "lineLength " + lineLength + " is too short for " + n + " columns (minimum " + n + ")");
    }
  }

  /** Immutable lists such as {@code List.of} throw on {@code contains(null)}, so look by hand. */
  private static boolean containsNull(List<?> list) {
    for (Object element : list) {
      if (element == null) {
        return true;
      }
    }
    return false;
  }

  private static int[] columnWidths(List<String> headers, List<List<String>> rows, int lineLength) {
    int n = headers.size();
    int[] longest = new int[n];
    for (int col = 0; col < n; col++) {
      longest[col] = length(headers.get(col));
      for (List<String> row : rows) {
        longest[col] = Math.max(longest[col], length(row.get(col)));
      }
    }

    int usable = lineLength - (n - 1);
    int[] widths = new int[n];
    long sumWidths = 0;
    long sumLongest = 0;
    for (int col = 0; col < n; col++) {
      widths[col] = Math.min(usable / n, longest[col]);
      sumWidths += widths[col];
      sumLongest += longest[col];
    }

    long target = Math.min(usable, sumLongest);
    while (sumWidths < target) {
      widths[mostCutColumn(longest, widths)]++;
      sumWidths++;
    }
    return widths;
  }

  /**
   * The reference picks {@code np.argmax((longest - width) / width)}. Double division gives the
   * same infinities and NaN as NumPy for a zero width, and like {@code argmax} a NaN wins over
   * everything and the first maximum wins ties.
   */
  private static int mostCutColumn(int[] longest, int[] widths) {
    int best = 0;
    double bestRatio = ratio(longest[0], widths[0]);
    for (int col = 1; col < widths.length && !Double.isNaN(bestRatio); col++) {
      double r = ratio(longest[col], widths[col]);
      if (Double.isNaN(r) || r > bestRatio) {
        best = col;
        bestRatio = r;
      }
    }
    return best;
  }

  private static double ratio(int longest, int width) {
    return (double) (longest - width) / width;
  }

  /**
   * Joins the cut and padded cells; a null {@code leftAligned} means all left-aligned, a null
   * {@code markCut} no marks.
   */
  private static String line(
      List<String> cells, int[] widths, List<Boolean> leftAligned, List<Boolean> markCut) {
    StringBuilder out = new StringBuilder();
    for (int col = 0; col < widths.length; col++) {
      if (col > 0) {
        out.append('|');
      }
      String cell = cells.get(col);
      int width = widths[col];
      if (length(cell) > width) {
        boolean mark = markCut != null && markCut.get(col) && width > 0;
        int keep = mark ? width - 1 : width;
        cell = cell.substring(0, cell.offsetByCodePoints(0, keep)) + (mark ? CUT_MARK : "");
      }
      String padding = " ".repeat(width - length(cell));
      boolean left = leftAligned == null || leftAligned.get(col);
      out.append(left ? cell + padding : padding + cell);
    }
    return out.toString();
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
