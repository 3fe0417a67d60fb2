package org.neurojoule.device;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a device file: a JSON object {@code {"devices": [...]}} whose entries have the keys
 * {@code device}, {@code energy_per_synop_j}, {@code energy_per_neuron_j}, {@code spiking} and,
 * optionally, {@code node}, {@code kind} ({@code measured}, {@code pre-silicon} or
 * {@code derived}), {@code counts} and {@code source}, the keys {@code neurojoule devices
 * --format json} prints. Every problem is an error naming the file, the line and the entry.
 */
public final class DeviceFile {
  /** Larger device files are refused before they are read. */
  public static final long MAX_BYTES = 16L << 20;

  private static final String NAME = "device";
  private static final String SYNOP = "energy_per_synop_j";
  private static final String NEURON = "energy_per_neuron_j";
  private static final String SPIKING = "spiking";
  private static final List<String> TEXTS = List.of("node", "kind", "counts", "source");
  private static final List<String> KEYS = List.of(NAME, SYNOP, NEURON, SPIKING, "node", "kind",
      "counts", "source");
  private static final Pattern LINE = Pattern.compile(" at line (\\d+) column ");

  /**
   * One device of a file with what its figures mean.
   *
   * @param device the figures
   * @param info what they count, the node, kind and citation
   */
  public record Entry(Device device, DeviceInfo info) {}

  /** A value as read, with the line it starts on. */
  private record Value(Object value, int line) {}

  private DeviceFile() {}

  /**
   * {@return the devices of {@code file}, in file order}
   *
   * @param file a JSON device file
   * @throws IllegalArgumentException if it is missing, malformed or has a bad entry, naming the
   *     file, the line and the entry
   */
  public static List<Entry> read(Path file) {
    String label = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(label + ": "
          + (Files.isDirectory(file) ? "is a directory, not a device file" : "no such file"));
    }
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new IllegalArgumentException(label + ": " + size + " bytes is more than the "
            + MAX_BYTES + " a device file may have");
      }
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        return parse(in, label);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(label + ": cannot be read", e);
    }
  }

  /**
   * {@return the devices read from {@code in}}
   *
   * @param in the JSON text
   * @param label how errors name the text, such as its file name
   * @throws IOException if {@code in} cannot be read
   * @throws IllegalArgumentException if it is malformed or has a bad entry
   */
  public static List<Entry> parse(Reader in, String label) throws IOException {
    JsonReader r = new JsonReader(in);
    r.setStrictness(Strictness.LENIENT);   // so NaN and Infinity reach the figures' own check
    try {
      return new DeviceFile.Parser(r, label).devices();
    } catch (com.google.gson.stream.MalformedJsonException | java.io.EOFException e) {
      throw new IllegalArgumentException(label + ": not valid JSON ("
          + String.valueOf(e.getMessage()).replaceFirst("\\s*See https?://\\S+$", "").strip()
          + ")", e);
    }
  }

  /** Reads one file, remembering where it is for the errors. */
  private static final class Parser {
    private final JsonReader r;
    private final String label;

    Parser(JsonReader r, String label) {
      this.r = r;
      this.label = label;
    }

    List<Entry> devices() throws IOException {
      expect(JsonToken.BEGIN_OBJECT, "a device file is a JSON object {\"devices\": [...]}");
      r.beginObject();
      List<Entry> out = null;
      while (r.hasNext()) {
        int line = line();
        String key = r.nextName();
        if (!key.equals("devices") || out != null) {
          throw new IllegalArgumentException(label + ", line " + line + ": "
              + (out != null ? "'devices' is given twice" : "unknown key '" + key
              + "'; a device file is a JSON object {\"devices\": [...]}"));
        }
        expect(JsonToken.BEGIN_ARRAY, "'devices' must be an array of device entries");
        out = entries();
      }
      r.endObject();
      if (out == null) {
        throw new IllegalArgumentException(label + ": no 'devices' array");
      }
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw new IllegalArgumentException(label + ", line " + line()
            + ": more after the device file's object");
      }
      return out;
    }

    private List<Entry> entries() throws IOException {
      List<Entry> out = new ArrayList<>();
      Map<String, Integer> lines = new HashMap<>();
      r.beginArray();
      for (int index = 1; r.hasNext(); index++) {
        expect(JsonToken.BEGIN_OBJECT, "entry " + index + " must be an object");
        int line = line();
        Entry e = entry(index, line);
        Integer before = lines.putIfAbsent(e.device().name().toLowerCase(Locale.ROOT), line);
        if (before != null) {
          throw new IllegalArgumentException(label + ", line " + line + ", entry " + index + " '"
              + e.device().name() + "': the device is already given on line " + before);
        }
        out.add(e);
      }
      r.endArray();
      return out;
    }

    private Entry entry(int index, int line) throws IOException {
      Map<String, Value> fields = new LinkedHashMap<>();
      r.beginObject();
      while (r.hasNext()) {
        int keyLine = line();
        String key = r.nextName();
        if (!KEYS.contains(key)) {
          throw error(keyLine, index, null, "unknown key '" + key + "'; known keys: "
              + String.join(", ", KEYS));
        }
        if (fields.put(key, new Value(value(), keyLine)) != null) {
          throw error(keyLine, index, null, "'" + key + "' is given twice");
        }
      }
      r.endObject();
      Value nameValue = fields.get(NAME);
      if (nameValue == null || !(nameValue.value() instanceof String s) || s.isBlank()) {
        throw error(nameValue == null ? line : nameValue.line(), index, null,
            "'" + NAME + "' must be a non-blank name, was " + describe(nameValue));
      }
      String name = (String) nameValue.value();
      double synop = energy(fields, SYNOP, index, name, line);
      double neuron = energy(fields, NEURON, index, name, line);
      Value spiking = fields.get(SPIKING);
      if (spiking == null || !(spiking.value() instanceof Boolean)) {
        throw error(spiking == null ? line : spiking.line(), index, name,
            "'" + SPIKING + "' must be true or false, was " + describe(spiking));
      }
      Map<String, String> texts = new HashMap<>();
      for (String key : TEXTS) {
        Value v = fields.get(key);
        if (v != null && !(v.value() instanceof String)) {
          throw error(v.line(), index, name, "'" + key + "' must be a string, was "
              + describe(v));
        }
        texts.put(key, v == null ? "" : (String) v.value());
      }
      DeviceInfo.Kind kind = kind(texts.get("kind"), fields.get("kind"), index, name);
      return new Entry(new Device(name, synop, neuron, (Boolean) spiking.value()),
          new DeviceInfo(texts.get("counts"), texts.get("node"), kind, texts.get("source")));
    }

    private double energy(Map<String, Value> fields, String key, int index, String name,
        int line) {
      Value v = fields.get(key);
      if (v != null && v.value() instanceof String s && s.matches("NaN|[-+]?Infinity")) {
        v = new Value(Double.parseDouble(s), v.line());   // lenient Gson reads them as strings
      }
      if (v == null || !(v.value() instanceof Double d)) {
        throw error(v == null ? line : v.line(), index, name,
            "'" + key + "' must be a number of joules, was " + describe(v));
      }
      if (!(d >= 0 && d <= Device.MAX_ENERGY_PER_OPERATION)) {
        throw error(v.line(), index, name, "'" + key + "' must be a number of joules from 0 to "
            + Device.MAX_ENERGY_PER_OPERATION + ", was " + d);
      }
      return d;
    }

    private DeviceInfo.Kind kind(String text, Value v, int index, String name) {
      if (text.isEmpty()) {
        return DeviceInfo.Kind.UNSTATED;
      }
      for (DeviceInfo.Kind k : DeviceInfo.Kind.values()) {
        if (k != DeviceInfo.Kind.UNSTATED && k.label().equals(text)) {
          return k;
        }
      }
      throw error(v.line(), index, name,
          "'kind' must be measured, pre-silicon or derived, was '" + text + "'");
    }

    /** Reads one value: a number as a Double, a string, a boolean, or a description. */
    private Object value() throws IOException {
      return switch (r.peek()) {
        case NUMBER -> r.nextDouble();
        case STRING -> r.nextString();
        case BOOLEAN -> r.nextBoolean();
        case NULL -> {
          r.nextNull();
          yield Other.NULL;
        }
        case BEGIN_ARRAY -> {
          r.skipValue();
          yield Other.ARRAY;
        }
        default -> {
          r.skipValue();
          yield Other.OBJECT;
        }
      };
    }

    private void expect(JsonToken token, String what) throws IOException {
      if (r.peek() != token) {
        throw new IllegalArgumentException(label + ", line " + line() + ": " + what);
      }
    }

    /** The line the reader is on; Gson tells it only in its description of itself. */
    private int line() {
      Matcher m = LINE.matcher(r.toString());
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private IllegalArgumentException error(int line, int index, String name, String what) {
      return new IllegalArgumentException(label + ", line " + line + ", entry " + index
          + (name == null ? "" : " '" + name + "'") + ": " + what);
    }
  }

  /** What a value that is not a number, string or boolean was. */
  private enum Other {
    NULL("null"), ARRAY("an array"), OBJECT("an object");

    private final String text;

    Other(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private static String describe(Value v) {
    if (v == null) {
      return "missing";
    }
    return v.value() instanceof String s ? "'" + s + "'" : String.valueOf(v.value());
  }
}
