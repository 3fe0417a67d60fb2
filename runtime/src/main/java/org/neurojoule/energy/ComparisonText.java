package org.neurojoule.energy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Lays out a {@code Comparison}: the table of figures, the breakdown by layer kind under it and the
 * notes, each table laid out as the summary's ({@link TableLayout}).
 */
public final class ComparisonText {
  private ComparisonText() {}

  /**
   * {@return the comparison text, ending with a newline}
   *
   * @param names the models' names, the baseline first
   * @param table the rows of figures: a label, then the baseline's cell, then each candidate's cell
   *     and its reduction
   * @param breakdown the rows of the breakdown: a label, then each model's joules and share
   * @param notes the notes, each wrapped with a two-space indent
   * @param lineLength the width of each table, or {@code 0} for as wide as its longest cells
   */
  public static String render(
      List<String> names,
      List<List<String>> table,
      List<List<String>> breakdown,
      List<String> notes,
      int lineLength) {
    List<String> headers = new ArrayList<>(List.of(""));
    List<String> kindHeaders = new ArrayList<>(List.of("Energy by layer kind"));
    for (int m = 0; m < names.size(); m++) {
      headers.add(names.get(m));
      if (m > 0) {
        headers.add("Reduction");
      }
      kindHeaders.add(names.get(m));
      kindHeaders.add("Share");
    }
    List<String> lines = new ArrayList<>(layout(headers, table, lineLength));
    if (!breakdown.isEmpty()) {
      lines.add("");
      lines.addAll(layout(kindHeaders, breakdown, lineLength));
    }
    int wrap = lineLength == 0 ? Math.max(lines.get(0).length(), 98) : lineLength;
    for (String note : notes) {
      lines.add(TextWrap.fill(note, wrap, "  "));
    }
    return String.join("\n", lines) + "\n";
  }

  private static List<String> layout(List<String> headers, List<List<String>> rows, int width) {
    int n = headers.size();
    List<Boolean> left = new ArrayList<>(Collections.nCopies(n, false));
    left.set(0, true);
    List<Boolean> markCut = new ArrayList<>(Collections.nCopies(n, true));
    markCut.set(0, false);
    int lineLength = width == 0 ? TableLayout.naturalWidth(headers, rows) : Math.max(width, n);
    return TableLayout.render(headers, rows, left, markCut, lineLength);
  }

  /**
   * {@return joules as the summary's totals print them: {@code 1.49e-03}}
   *
   * @param joules any value
   */
  public static String joules(double joules) {
    return PythonFormat.e2(joules);
  }

  /**
   * {@return a percentage with one decimal, {@code 41.8 %}; {@code -} for NaN}
   *
   * @param percent any value
   */
  public static String percent(double percent) {
    if (Double.isNaN(percent)) {
      return "-";
    }
    if (Double.isInfinite(percent)) {
      return percent > 0 ? "inf %" : "-inf %";
    }
    return String.format(Locale.ROOT, "%.1f %%", percent);
  }
}
