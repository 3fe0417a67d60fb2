package org.neurojoule.energy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Puts the energy summary together: the table, the totals and the wrapped warnings. */
public final class SummaryText {
  private SummaryText() {}

  /**
   * The summary text, ending with a newline.
   *
   * @param totals the totals lines, printed under a row of {@code =} when not empty
   * @param warnings the warnings, each wrapped to {@code lineLength} with a two-space indent
   */
  public static String render(
      List<String> headers,
      List<List<String>> cells,
      List<Boolean> leftAligned,
      List<String> totals,
      List<String> warnings,
      int lineLength) {
    return render(
        headers,
        cells,
        leftAligned,
        Collections.nCopies(headers.size(), false),
        totals,
        warnings,
        lineLength,
        lineLength);
  }

  /**
   * The summary text, ending with a newline; cut cells of the {@code markCut} columns are marked
   * (see {@link TableLayout#render(List, List, List, List, int)}).
   *
   * @param totals the totals lines, printed under a row of {@code =} when not empty
   * @param warnings the warnings, each wrapped to {@code wrapWidth} with a two-space indent
   * @param lineLength the table's width
   */
  public static String render(
      List<String> headers,
      List<List<String>> cells,
      List<Boolean> leftAligned,
      List<Boolean> markCut,
      List<String> totals,
      List<String> warnings,
      int lineLength,
      int wrapWidth) {
    List<String> lines =
        new ArrayList<>(TableLayout.render(headers, cells, leftAligned, markCut, lineLength));
    if (!totals.isEmpty()) {
      lines.add("=".repeat(lines.get(0).length()));
      lines.addAll(totals);
    }
    for (String warning : warnings) {
      lines.add(TextWrap.fill(warning, wrapWidth, "  "));
    }
    return String.join("\n", lines) + "\n";
  }
}
