package org.neurojoule.energy;

import java.util.List;
import java.util.Objects;

/**
 * A table of text cells written for a paper: GitHub-flavoured Markdown or a LaTeX {@code tabular}
 * (booktabs rules), whole cells never cut, numbers right-aligned, every special character escaped.
 *
 * @param headers the column headers
 * @param rows the cells, row by row, each as long as {@code headers}
 * @param numeric for each column, whether it holds numbers (right-aligned)
 * @param footer lines under the table, such as totals and notes, each its own paragraph
 */
public record PaperTable(
    List<String> headers, List<List<String>> rows, List<Boolean> numeric, List<String> footer) {

  /**
   * Checks that every row is as long as the headers.
   *
   * @param headers the column headers
   * @param rows the cells
   * @param numeric whether each column is numeric
   * @param footer lines under the table
   */
  public PaperTable {
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
    numeric = List.copyOf(numeric);
    footer = List.copyOf(footer);
    if (numeric.size() != headers.size()) {
      throw new IllegalArgumentException(
          numeric.size() + " alignments for " + headers.size() + " columns");
    }
    for (List<String> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException(
            "a row of " + row.size() + " cells in a table of " + headers.size() + " columns");
      }
    }
  }

  /** {@return the table as GitHub-flavoured Markdown, then the footer lines as paragraphs} */
  public String markdown() {
    StringBuilder out = new StringBuilder();
    markdownRow(out, headers);
    out.append('|');
    for (boolean right : numeric) {
      out.append(right ? " ---: |" : " --- |");
    }
    out.append('\n');
    rows.forEach(r -> markdownRow(out, r));
    for (String line : footer) {
      // A note ("* ...") becomes a list item, anything else a paragraph.
      out.append('\n')
          .append(
              line.startsWith("* ")
                  ? "- " + markdownEscape(line.substring(2))
                  : markdownEscape(line))
          .append('\n');
    }
    return out.toString();
  }

  /** {@return the table as a LaTeX {@code tabular} with booktabs rules, then the footer lines} */
  public String latex() {
    StringBuilder out = new StringBuilder("\\begin{tabular}{");
    numeric.forEach(right -> out.append(right ? 'r' : 'l'));
    out.append("}\n\\toprule\n");
    latexRow(out, headers);
    out.append("\\midrule\n");
    rows.forEach(r -> latexRow(out, r));
    out.append("\\bottomrule\n\\end{tabular}\n");
    for (String line : footer) {
      out.append('\n')
          .append(latexEscape(line.startsWith("* ") ? line.substring(2) : line))
          .append('\n');
    }
    return out.toString();
  }

  private static void markdownRow(StringBuilder out, List<String> cells) {
    out.append('|');
    for (String cell : cells) {
      out.append(' ').append(markdownEscape(cell)).append(" |");
    }
    out.append('\n');
  }

  private static void latexRow(StringBuilder out, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      out.append(i == 0 ? "" : " & ").append(latexEscape(cells.get(i)));
    }
    out.append(" \\\\\n");
  }

  /**
   * {@return {@code text} safe in a Markdown table cell: pipes, backslashes, emphasis and code
   * marks escaped, line breaks as spaces}
   *
   * @param text any text
   */
  public static String markdownEscape(String text) {
    Objects.requireNonNull(text, "text == null");
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\', '|', '*', '_', '`', '<', '>', '[', ']' -> out.append('\\').append(c);
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@return {@code text} safe in LaTeX: its ten special characters escaped, line breaks as spaces}
   *
   * @param text any text
   */
  public static String latexEscape(String text) {
    Objects.requireNonNull(text, "text == null");
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\\' -> out.append("\\textbackslash{}");
        case '&', '%', '$', '#', '_', '{', '}' -> out.append('\\').append(c);
        case '~' -> out.append("\\textasciitilde{}");
        case '^' -> out.append("\\textasciicircum{}");
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
