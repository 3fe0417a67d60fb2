package org.neurojoule.measured;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Measurements of energy per inference: the published ones bundled with NeuroJoule ({@link
 * #published()}, 172 rows from Blouw et al. 2019, MLPerf Tiny and others; each row cites its
 * source) and a lab's own, read from a CSV file of the same columns ({@link #read(Path)}).
 *
 * <p>The columns are {@code id, network, device, batch, joules_per_inference, kind, conditions,
 * source, confidence}, and optionally {@code model}: a bundled model name or a model file for a row
 * whose network is not one of the published ones. {@code id}, {@code device}, {@code batch}, {@code
 * joules_per_inference}, {@code kind} and one of {@code network} or {@code model} are required.
 * Fields follow RFC 4180: quoted with {@code "}, a quote inside doubled.
 */
public final class Measurements {
  /** The bundled file, beside this class. */
  public static final String RESOURCE = "measurements.csv";

  private static final List<String> REQUIRED =
      List.of("id", "device", "batch", "joules_per_inference", "kind");

  private Measurements() {}

  /** {@return the published measurements bundled with NeuroJoule, in file order} */
  public static List<Measurement> published() {
    try (InputStream in = Measurements.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the measurements resource " + RESOURCE + " is missing");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(RESOURCE + ": cannot be read", e);
    }
  }

  /**
   * {@return the measurements of a CSV file}
   *
   * @param file the file
   * @throws IllegalArgumentException if it is missing or malformed, naming the file, line and row
   */
  public static List<Measurement> read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot be read", e);
    }
  }

  /**
   * {@return the measurements of CSV text}
   *
   * @param in the text, a header line first
   * @param label how errors name the text
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException if it is malformed, naming the line and row
   */
  public static List<Measurement> parse(Reader in, String label) throws IOException {
    BufferedReader lines = new BufferedReader(in);
    List<CsvRecord> records = records(lines, label);
    if (records.isEmpty()) {
      throw new IllegalArgumentException(label + ": empty, expected a header line");
    }
    List<String> header = new ArrayList<>();
    records.get(0).fields().forEach(h -> header.add(h.strip().toLowerCase(Locale.ROOT)));
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      if (col.put(header.get(i), i) != null) {
        throw new IllegalArgumentException(
            label + ", line 1: column '" + header.get(i) + "' is given twice");
      }
    }
    for (String r : REQUIRED) {
      if (!col.containsKey(r)) {
        throw new IllegalArgumentException(
            label + ", line 1: no '" + r + "' column; the header has " + String.join(", ", header));
      }
    }
    if (!col.containsKey("network") && !col.containsKey("model")) {
      throw new IllegalArgumentException(
          label + ", line 1: no 'network' or 'model' column naming what each row measured");
    }
    List<Measurement> out = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    for (CsvRecord rec : records.subList(1, records.size())) {
      List<String> f = rec.fields();
      if (f.size() == 1 && f.get(0).isBlank()) {
        continue;
      }
      String where = label + ", line " + rec.line();
      if (f.size() != header.size()) {
        throw new IllegalArgumentException(
            where + ": " + f.size() + " fields, but the header has " + header.size());
      }
      String id = f.get(col.get("id")).strip();
      if (id.isEmpty()) {
        throw new IllegalArgumentException(where + ": the row has no id");
      }
      where += ", row '" + id + "'";
      Integer before = ids.putIfAbsent(id, rec.line());
      if (before != null) {
        throw new IllegalArgumentException(where + ": the id is already used on line " + before);
      }
      Optional<String> model =
          Optional.ofNullable(col.get("model"))
              .map(i -> f.get(i).strip())
              .filter(s -> !s.isEmpty());
      String network = col.containsKey("network") ? f.get(col.get("network")).strip() : "";
      if (network.isEmpty() && model.isEmpty()) {
        throw new IllegalArgumentException(where + ": neither a network nor a model");
      }
      if (network.isEmpty()) {
        network = model.get();
      }
      String device = f.get(col.get("device")).strip();
      if (device.isEmpty()) {
        throw new IllegalArgumentException(where + ": no device");
      }
      try {
        out.add(
            new Measurement(
                id,
                network,
                device,
                batch(f.get(col.get("batch"))),
                joules(f.get(col.get("joules_per_inference"))),
                Measurement.Kind.parse(f.get(col.get("kind"))),
                text(f, col, "conditions"),
                text(f, col, "source"),
                text(f, col, "confidence"),
                model,
                rec.line()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            where + ": " + e.getMessage().replaceFirst("^row '[^']*': ", ""), e);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(label + ": no rows after the header");
    }
    return List.copyOf(out);
  }

  private static String text(List<String> f, Map<String, Integer> col, String name) {
    Integer i = col.get(name);
    return i == null ? "" : f.get(i).strip();
  }

  private static int batch(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "batch must be a whole number >= 1, was '" + text + "'", e);
    }
  }

  private static double joules(String text) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "joules_per_inference must be a positive number, was '" + text + "'", e);
    }
  }

  /** One CSV record and the line it starts on. */
  private record CsvRecord(List<String> fields, int line) {}

  /** Splits RFC 4180 text into records; a quoted field may span lines. */
  private static List<CsvRecord> records(BufferedReader in, String label) throws IOException {
    List<CsvRecord> out = new ArrayList<>();
    int line = 0;
    for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
      line++;
      int start = line;
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      String text = raw;
      int i = 0;
      while (true) {
        if (i == text.length()) {
          if (!quoted) {
            break;
          }
          String next = in.readLine();
          if (next == null) {
            throw new IllegalArgumentException(
                label + ", line " + start + ": a quoted field is never closed");
          }
          line++;
          field.append('\n');
          text = next;
          i = 0;
          continue;
        }
        char c = text.charAt(i++);
        if (quoted) {
          if (c == '"' && i < text.length() && text.charAt(i) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else {
          field.append(c);
        }
      }
      fields.add(field.toString());
      out.add(new CsvRecord(fields, start));
    }
    return out;
  }
}
