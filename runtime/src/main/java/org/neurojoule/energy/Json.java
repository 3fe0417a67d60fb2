package org.neurojoule.energy;

import java.util.List;
import java.util.Map;

/**
 * Writes an {@link ExportTable} as JSON: the figures describing the estimate, {@code layers} (one
 * object per layer, fields in order), {@code totals} (the numeric fields) and {@code warnings}.
 * Numbers are at full precision ({@link Double#toString}); a NaN or infinite one is {@code null},
 * as JSON has no such numbers. Every string is escaped, so any layer or device name gives valid
 * JSON.
 */
public final class Json {
  private Json() {}

  /**
   * {@return the table as one JSON object, two-space indented, ending in a newline}
   *
   * @param table the estimate's data
   */
  public static String write(ExportTable table) {
    StringBuilder out = new StringBuilder("{\n");
    for (Map.Entry<String, Object> e : table.about().entrySet()) {
      out.append("  ")
          .append(string(e.getKey()))
          .append(": ")
          .append(value(e.getValue()))
          .append(",\n");
    }
    out.append("  \"layers\": [");
    List<List<Object>> rows = table.rows();
    for (int r = 0; r < rows.size(); r++) {
      out.append(r == 0 ? "\n" : ",\n").append("    ");
      object(out, table.fields(), rows.get(r), false);
    }
    out.append(rows.isEmpty() ? "],\n" : "\n  ],\n");
    out.append("  \"totals\": ");
    object(out, table.fields(), table.totals(), true);
    out.append(",\n  \"warnings\": [");
    for (int i = 0; i < table.warnings().size(); i++) {
      out.append(i == 0 ? "" : ", ").append(string(table.warnings().get(i)));
    }
    return out.append("]\n}\n").toString();
  }

  private static void object(
      StringBuilder out, List<String> fields, List<Object> values, boolean numbersOnly) {
    out.append('{');
    boolean first = true;
    for (int i = 0; i < fields.size(); i++) {
      Object v = values.get(i);
      if (numbersOnly && !(v instanceof Number)) {
        continue;
      }
      out.append(first ? "" : ", ").append(string(fields.get(i))).append(": ").append(value(v));
      first = false;
    }
    out.append('}');
  }

  private static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? d.toString() : "null";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return string(v.toString());
  }

  /**
   * {@return {@code text} as a JSON string: quotes, backslashes, control characters, U+2028/9 and
   * unpaired surrogates escaped; other characters as they are}
   *
   * @param text any string
   */
  public static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || unpaired(text, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Whether the char at {@code i} is a surrogate without its other half (not valid UTF-8). */
  private static boolean unpaired(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
