package org.neurojoule.energy;

import java.util.ArrayList;
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
    List<String> lines = new ArrayList<>(TableLayout.render(headers, cells, leftAligned, lineLength));
    if (!totals.isEmpty()) {
      lines.add("=".repeat(lines.get(0).length()));
      lines.addAll(totals);
    }
    for (String warning : warnings) {
      lines.add(TextWrap.fill(warning, lineLength, "  "));
    }
    return String.join("\n", lines) + "\n";
  }
}
