package org.neurojoule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small strict parsers for the exports' round-trip checks: RFC 4180 CSV and JSON. */
final class TextFormats {
  private TextFormats() {}

  /** The records of {@code csv}, each a list of fields; quotes undone. */
  static List<List<String>> parseCsv(String csv) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        if (field.length() > 0) {
          throw new IllegalArgumentException("quote inside an unquoted field at " + i);
        }
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (quoted || field.length() > 0 || !record.isEmpty()) {
      throw new IllegalArgumentException("CSV does not end with a complete record");
    }
    return records;
  }

  /** {@code json} as maps (in order), lists, strings, doubles, longs, booleans and nulls. */
  static Object parseJson(String json) {
    JsonParser p = new JsonParser(json);
    Object value = p.value();
    p.skipSpace();
    if (p.at < json.length()) {
      throw new IllegalArgumentException("trailing text at " + p.at);
    }
    return value;
  }

  private static final class JsonParser {
    final String s;
    int at;

    JsonParser(String s) {
      this.s = s;
    }

    void skipSpace() {
      while (at < s.length() && " \t\r\n".indexOf(s.charAt(at)) >= 0) {
        at++;
      }
    }

    void expect(char c) {
      skipSpace();
      if (at >= s.length() || s.charAt(at) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + at);
      }
      at++;
    }

    boolean peek(char c) {
      skipSpace();
      return at < s.length() && s.charAt(at) == c;
    }

    Object value() {
      skipSpace();
      char c = s.charAt(at);
      if (c == '{') {
        Map<String, Object> map = new LinkedHashMap<>();
        expect('{');
        while (!peek('}')) {
          if (!map.isEmpty()) {
            expect(',');
          }
          skipSpace();
          String key = string();
          expect(':');
          if (map.put(key, value()) != null) {
            throw new IllegalArgumentException("duplicate key " + key);
          }
        }
        expect('}');
        return map;
      }
      if (c == '[') {
        List<Object> list = new ArrayList<>();
        expect('[');
        while (!peek(']')) {
          if (!list.isEmpty()) {
            expect(',');
          }
          list.add(value());
        }
        expect(']');
        return list;
      }
      if (c == '"') {
        return string();
      }
      for (String word : new String[] {"null", "true", "false"}) {
        if (s.startsWith(word, at)) {
          at += word.length();
          return word.equals("null") ? null : Boolean.valueOf(word);
        }
      }
      int start = at;
      while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
        at++;
      }
      String number = s.substring(start, at);
      if (!number.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
        throw new IllegalArgumentException("not a JSON number at " + start + ": " + number);
      }
      return number.matches("-?[0-9]+")
          ? (Object) Long.parseLong(number)
          : (Object) Double.parseDouble(number);
    }

    String string() {
      if (s.charAt(at) != '"') {
        throw new IllegalArgumentException("expected a string at " + at);
      }
      at++;
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = s.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          throw new IllegalArgumentException("raw control character in a string at " + at);
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = s.charAt(at++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
            at += 4;
          }
          default -> throw new IllegalArgumentException("bad escape \\" + e + " at " + at);
        }
      }
    }
  }
}
