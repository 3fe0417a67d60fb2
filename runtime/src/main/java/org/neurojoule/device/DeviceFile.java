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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neurojoule.Dtype;

/**
 * Reads a device file: a JSON object {@code {"devices": [...]}} whose entries have the keys {@code
 * device}, {@code energy_per_synop_j}, {@code energy_per_neuron_j}, {@code spiking} and,
 * optionally, {@code node}, {@code kind} ({@code measured}, {@code pre-silicon} or {@code
 * derived}), {@code counts} and {@code source}, the keys {@code neurojoule devices --format json}
 * prints. The energy models beyond the reference's also read the optional {@code energy_per_mac_j},
 * {@code energy_per_ac_j}, {@code sram} (an array of {@code {"capacity_bytes": 8192,
 * "energy_per_word_j": 10e-12}} tiers, smallest first), {@code dram_energy_per_word_j} and {@code
 * data_bits}; see {@link OperationCosts} for their defaults, and per data type {@code
 * energy_per_mac_j_int8}, {@code energy_per_ac_j_int8} and {@code data_bits_int8} (any {@link
 * Dtype} after the underscore; the type's MAC is required once any of its keys is given, its AC
 * defaults to the device's, its width to the type's). A file whose name ends in {@code .properties}
 * holds the same keys as {@code mychip.energy_per_synop_j = 1e-12} lines, {@code sram} as {@code
 * 8192:10e-12, 32768:20e-12}. Every problem is an error naming the file, the line and the entry.
 */
public final class DeviceFile {
  /** Larger device files are refused before they are read. */
  public static final long MAX_BYTES = 16L << 20;

  static final String NAME = "device";
  static final String SYNOP = "energy_per_synop_j";
  static final String NEURON = "energy_per_neuron_j";
  static final String SPIKING = "spiking";
  private static final List<String> TEXTS = List.of("node", "kind", "counts", "source");
  static final String MAC = "energy_per_mac_j";
  static final String AC = "energy_per_ac_j";
  static final String DRAM = "dram_energy_per_word_j";
  static final String DATA_BITS = "data_bits";
  static final String SRAM = "sram";
  static final String CAPACITY = "capacity_bytes";
  static final String WORD = "energy_per_word_j";
  static final String CAL_OVERHEAD = "calibrated_overhead_j";
  static final String CAL_LAYER = "calibrated_per_layer_j";
  static final String CAL_OPERATION = "calibrated_per_operation_j";
  static final String CAL_NEURON = "calibrated_per_neuron_update_j";
  static final String CAL_COVERS = "calibrated_covers";
  static final List<String> KEYS =
      List.of(
          NAME,
          SYNOP,
          NEURON,
          SPIKING,
          "node",
          "kind",
          "counts",
          "source",
          MAC,
          AC,
          SRAM,
          DRAM,
          DATA_BITS,
          CAL_OVERHEAD,
          CAL_LAYER,
          CAL_OPERATION,
          CAL_NEURON,
          CAL_COVERS);

  /**
   * The keys a device may give per number format, the format's name after an underscore: {@code
   * energy_per_mac_j_int8}, {@code energy_per_ac_j_int8}, {@code data_bits_int8}.
   */
  static final List<String> PER_TYPE = List.of(MAC, AC, DATA_BITS);

  private static final Pattern LINE = Pattern.compile(" at line (\\d+) column ");

  /**
   * One device of a file with what its figures mean.
   *
   * @param device the figures
   * @param info what they count, the node, kind and citation
   * @param costs what the MAC/AC and memory-aware energy models charge
   * @param calibration the terms {@code EnergyModel.CALIBRATED} charges, where the entry gives them
   */
  public record Entry(
      Device device,
      DeviceInfo info,
      OperationCosts costs,
      java.util.Optional<CalibratedTerms> calibration) {
    /**
     * Checks that no component is null.
     *
     * @param device the figures
     * @param info what they count
     * @param costs the operation and memory costs
     * @param calibration the calibrated terms, if any
     */
    public Entry {
      java.util.Objects.requireNonNull(calibration, "calibration == null");
    }

    /**
     * An entry without calibrated terms.
     *
     * @param device the figures
     * @param info what they count, the node, kind and citation
     * @param costs what the MAC/AC and memory-aware energy models charge
     */
    public Entry(Device device, DeviceInfo info, OperationCosts costs) {
      this(device, info, costs, java.util.Optional.empty());
    }

    /**
     * An entry whose operation costs are the defaults for its device.
     *
     * @param device the figures
     * @param info what they count, the node, kind and citation
     */
    public Entry(Device device, DeviceInfo info) {
      this(device, info, OperationCosts.defaultsFor(device));
    }
  }

  /** A value as read, with the line it starts on. */
  record Value(Object value, int line) {}

  /** The fields of one SRAM tier as read, with the line the tier starts on. */
  record Tier(Map<String, Value> fields, int line) {}

  private DeviceFile() {}

  /**
   * {@return the devices of {@code file}, in file order}
   *
   * @param file a device file: properties if its name ends in {@code .properties}, JSON otherwise
   * @throws IllegalArgumentException if it is missing, malformed or has a bad entry, naming the
   *     file, the line and the entry
   */
  public static List<Entry> read(Path file) {
    String label = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          label
              + ": "
              + (Files.isDirectory(file) ? "is a directory, not a device file" : "no such file"));
    }
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new IllegalArgumentException(
            label
                + ": "
                + size
                + " bytes is more than the "
                + MAX_BYTES
                + " a device file may have");
      }
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        return isProperties(file) ? DeviceProperties.parse(in, label) : parse(in, label);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(label + ": cannot be read", e);
    }
  }

  /** {@return whether {@code file} is read as properties: its name ends in {@code .properties}} */
  static boolean isProperties(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".properties");
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
    r.setStrictness(Strictness.LENIENT); // so NaN and Infinity reach the figures' own check
    try {
      return new DeviceFile.Parser(r, label).devices();
    } catch (com.google.gson.stream.MalformedJsonException | java.io.EOFException e) {
      throw new IllegalArgumentException(
          label
              + ": not valid JSON ("
              + String.valueOf(e.getMessage()).replaceFirst("\\s*See https?://\\S+$", "").strip()
              + ")",
          e);
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
          throw new IllegalArgumentException(
              label
                  + ", line "
                  + line
                  + ": "
                  + (out != null
                      ? "'devices' is given twice"
                      : "unknown key '"
                          + key
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
        throw new IllegalArgumentException(
            label + ", line " + line() + ": more after the device file's object");
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
          throw new IllegalArgumentException(
              label
                  + ", line "
                  + line
                  + ", entry "
                  + index
                  + " '"
                  + e.device().name()
                  + "': the device is already given on line "
                  + before);
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
        if (!KEYS.contains(key) && perTypeBase(key).isEmpty()) {
          throw error(
              keyLine,
              index,
              null,
              "unknown key '" + key + "'; known keys: " + String.join(", ", KEYS));
        }
        Object value = key.equals(SRAM) && r.peek() == JsonToken.BEGIN_ARRAY ? tiers() : value();
        if (fields.put(key, new Value(value, keyLine)) != null) {
          throw error(keyLine, index, null, "'" + key + "' is given twice");
        }
      }
      r.endObject();
      return DeviceFile.entry(fields, index, line, label);
    }

    /** Reads an array of SRAM tier objects, each field with its line. */
    private List<Tier> tiers() throws IOException {
      List<Tier> out = new ArrayList<>();
      r.beginArray();
      while (r.hasNext()) {
        int line = line();
        Map<String, Value> fields = new LinkedHashMap<>();
        if (r.peek() != JsonToken.BEGIN_OBJECT) {
          fields.put("", new Value(value(), line)); // not a tier: reported by the check
        } else {
          r.beginObject();
          while (r.hasNext()) {
            int keyLine = line();
            String key = r.nextName();
            fields.put(key, new Value(value(), keyLine));
          }
          r.endObject();
        }
        out.add(new Tier(fields, line));
      }
      r.endArray();
      return out;
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
      return new IllegalArgumentException(
          label
              + ", line "
              + line
              + ", entry "
              + index
              + (name == null ? "" : " '" + name + "'")
              + ": "
              + what);
    }
  }

  /**
   * {@return the entry of {@code fields}, checked}: the one check of both file formats.
   *
   * @param fields the entry's keys with their values and lines
   * @param index the entry's position in the file, from 1
   * @param line the line the entry starts on
   * @param label how errors name the file
   */
  static Entry entry(Map<String, Value> fields, int index, int line, String label) {
    Check c = new Check(label, index);
    Value nameValue = fields.get(NAME);
    if (nameValue == null || !(nameValue.value() instanceof String s) || s.isBlank()) {
      throw c.error(
          nameValue == null ? line : nameValue.line(),
          index,
          null,
          "'" + NAME + "' must be a non-blank name, was " + describe(nameValue));
    }
    String name = (String) nameValue.value();
    double synop = c.energy(fields, SYNOP, index, name, line);
    double neuron = c.energy(fields, NEURON, index, name, line);
    Value spiking = fields.get(SPIKING);
    if (spiking == null || !(spiking.value() instanceof Boolean)) {
      throw c.error(
          spiking == null ? line : spiking.line(),
          index,
          name,
          "'" + SPIKING + "' must be true or false, was " + describe(spiking));
    }
    Map<String, String> texts = new HashMap<>();
    for (String key : TEXTS) {
      Value v = fields.get(key);
      if (v != null && !(v.value() instanceof String)) {
        throw c.error(v.line(), index, name, "'" + key + "' must be a string, was " + describe(v));
      }
      texts.put(key, v == null ? "" : (String) v.value());
    }
    DeviceInfo.Kind kind = c.kind(texts.get("kind"), fields.get("kind"), index, name);
    Device device = new Device(name, synop, neuron, (Boolean) spiking.value());
    OperationCosts d = OperationCosts.defaultsFor(device);
    double mac =
        fields.containsKey(MAC) ? c.energy(fields, MAC, index, name, line) : d.energyPerMac();
    double ac = fields.containsKey(AC) ? c.energy(fields, AC, index, name, line) : d.energyPerAc();
    double dram =
        fields.containsKey(DRAM)
            ? c.energy(fields, DRAM, index, name, line)
            : d.dramEnergyPerWord();
    int bits =
        fields.containsKey(DATA_BITS)
            ? c.dataBits(fields.get(DATA_BITS), DATA_BITS, name)
            : d.dataBits();
    List<OperationCosts.MemoryTier> sram =
        fields.containsKey(SRAM) ? c.sram(fields.get(SRAM), name) : d.sram();
    return new Entry(
        device,
        new DeviceInfo(texts.get("counts"), texts.get("node"), kind, texts.get("source")),
        new OperationCosts(mac, ac, sram, dram, bits, c.perType(fields, name, ac)),
        c.calibration(fields, index, name, line));
  }

  /**
   * {@return the key a per-type key gives for one format, {@code energy_per_mac_j} of {@code
   * energy_per_mac_j_int8}, or empty for any other key}
   */
  static java.util.Optional<String> perTypeBase(String key) {
    for (String base : PER_TYPE) {
      if (key.startsWith(base + "_") && key.length() > base.length() + 1) {
        return java.util.Optional.of(base);
      }
    }
    return java.util.Optional.empty();
  }

  /** The checks of one entry's values, each error naming the file, the line and the entry. */
  private record Check(String label, int index) {
    /**
     * The figures given per number format: a format's MAC energy is required once any of its keys
     * is given; its AC energy defaults to the device's, its data bits to the format's width.
     */
    Map<Dtype, OperationCosts.TypeFigures> perType(
        Map<String, Value> fields, String name, double defaultAc) {
      Map<Dtype, Map<String, String>> byType = new EnumMap<>(Dtype.class);
      for (Map.Entry<String, Value> f : fields.entrySet()) {
        java.util.Optional<String> base = perTypeBase(f.getKey());
        if (base.isEmpty()) {
          continue;
        }
        String suffix = f.getKey().substring(base.get().length() + 1);
        Dtype dtype = null;
        for (Dtype t : Dtype.values()) {
          if (t.toString().equals(suffix)) {
            dtype = t;
          }
        }
        if (dtype == null) {
          throw error(
              f.getValue().line(),
              index,
              name,
              "unknown dtype '"
                  + suffix
                  + "' in key '"
                  + f.getKey()
                  + "'; per-type keys are "
                  + String.join(", ", PER_TYPE)
                  + " followed by _ and one of "
                  + Dtype.validNames());
        }
        byType.computeIfAbsent(dtype, t -> new HashMap<>()).put(base.get(), f.getKey());
      }
      Map<Dtype, OperationCosts.TypeFigures> out = new EnumMap<>(Dtype.class);
      for (Map.Entry<Dtype, Map<String, String>> e : byType.entrySet()) {
        Dtype t = e.getKey();
        Map<String, String> keys = e.getValue();
        if (!keys.containsKey(MAC)) {
          String any = keys.values().iterator().next();
          throw error(
              fields.get(any).line(),
              index,
              name,
              "'"
                  + any
                  + "' needs '"
                  + MAC
                  + "_"
                  + t
                  + "' too, the energy of one "
                  + t
                  + " multiply-accumulate");
        }
        double mac = energy(fields, keys.get(MAC), index, name, 0);
        double ac = keys.containsKey(AC) ? energy(fields, keys.get(AC), index, name, 0) : defaultAc;
        int bits =
            keys.containsKey(DATA_BITS)
                ? dataBits(fields.get(keys.get(DATA_BITS)), keys.get(DATA_BITS), name)
                : t.bits();
        out.put(t, new OperationCosts.TypeFigures(mac, ac, bits));
      }
      return out;
    }

    double energy(Map<String, Value> fields, String key, int index, String name, int line) {
      Value v = fields.get(key);
      if (v != null && v.value() instanceof String s && s.matches("NaN|[-+]?Infinity")) {
        v = new Value(Double.parseDouble(s), v.line()); // lenient Gson reads them as strings
      }
      if (v == null || !(v.value() instanceof Double d)) {
        throw error(
            v == null ? line : v.line(),
            index,
            name,
            "'" + key + "' must be a number of joules, was " + describe(v));
      }
      if (!(d >= 0 && d <= Device.MAX_ENERGY_PER_OPERATION)) {
        throw error(
            v.line(),
            index,
            name,
            "'"
                + key
                + "' must be a number of joules from 0 to "
                + Device.MAX_ENERGY_PER_OPERATION
                + ", was "
                + d);
      }
      return d;
    }

    /** The calibrated terms: all of them or none, {@code calibrated_covers} dynamic or total. */
    java.util.Optional<CalibratedTerms> calibration(
        Map<String, Value> fields, int index, String name, int line) {
      List<String> keys = List.of(CAL_OVERHEAD, CAL_LAYER, CAL_OPERATION, CAL_NEURON, CAL_COVERS);
      if (keys.stream().noneMatch(fields::containsKey)) {
        return java.util.Optional.empty();
      }
      for (String k : keys) {
        if (!fields.containsKey(k)) {
          throw error(
              line,
              index,
              name,
              "calibrated terms need every one of "
                  + String.join(", ", keys)
                  + "; '"
                  + k
                  + "' is missing");
        }
      }
      Value covers = fields.get(CAL_COVERS);
      CalibratedTerms.Covers cov = null;
      for (CalibratedTerms.Covers c : CalibratedTerms.Covers.values()) {
        if (c.label().equals(covers.value())) {
          cov = c;
        }
      }
      if (cov == null) {
        throw error(
            covers.line(),
            index,
            name,
            "'" + CAL_COVERS + "' must be dynamic or total, was " + describe(covers));
      }
      return java.util.Optional.of(
          new CalibratedTerms(
              energy(fields, CAL_OVERHEAD, index, name, line),
              energy(fields, CAL_LAYER, index, name, line),
              energy(fields, CAL_OPERATION, index, name, line),
              energy(fields, CAL_NEURON, index, name, line),
              cov));
    }

    DeviceInfo.Kind kind(String text, Value v, int index, String name) {
      if (text.isEmpty()) {
        return DeviceInfo.Kind.UNSTATED;
      }
      for (DeviceInfo.Kind k : DeviceInfo.Kind.values()) {
        if (k != DeviceInfo.Kind.UNSTATED && k.label().equals(text)) {
          return k;
        }
      }
      throw error(
          v.line(),
          index,
          name,
          "'kind' must be measured, pre-silicon or derived, was '" + text + "'");
    }

    int dataBits(Value v, String key, String name) {
      if (!(v.value() instanceof Double d) || d != Math.rint(d) || d < 1 || d > 64) {
        throw error(
            v.line(),
            index,
            name,
            "'" + key + "' must be a whole number of bits from 1 to 64, was " + describe(v));
      }
      return d.intValue();
    }

    List<OperationCosts.MemoryTier> sram(Value v, String name) {
      if (!(v.value() instanceof List<?> tiers)) {
        throw error(
            v.line(),
            index,
            name,
            "'"
                + SRAM
                + "' must be an array of {\""
                + CAPACITY
                + "\": bytes, \""
                + WORD
                + "\": joules} tiers, was "
                + describe(v));
      }
      List<OperationCosts.MemoryTier> out = new ArrayList<>();
      long before = 0;
      for (Object o : tiers) {
        Tier t = (Tier) o;
        for (String key : t.fields().keySet()) {
          if (!key.equals(CAPACITY) && !key.equals(WORD)) {
            throw error(
                t.line(),
                index,
                name,
                "an "
                    + SRAM
                    + " tier must be {\""
                    + CAPACITY
                    + "\": bytes, \""
                    + WORD
                    + "\": joules}, "
                    + (key.isEmpty()
                        ? "was " + describe(t.fields().get(key))
                        : "had unknown key '" + key + "'"));
          }
        }
        Value cap = t.fields().get(CAPACITY);
        if (cap == null
            || !(cap.value() instanceof Double d)
            || d != Math.rint(d)
            || d < 1
            || d > (double) (1L << 53)) {
          throw error(
              cap == null ? t.line() : cap.line(),
              index,
              name,
              "'"
                  + CAPACITY
                  + "' must be a whole number of bytes from 1 to 2^53, was "
                  + describe(cap));
        }
        long bytes = ((Double) cap.value()).longValue();
        if (bytes <= before) {
          throw error(
              cap.line(),
              index,
              name,
              "the "
                  + SRAM
                  + " tiers must grow in capacity, but "
                  + bytes
                  + " bytes follows "
                  + before);
        }
        before = bytes;
        out.add(
            new OperationCosts.MemoryTier(bytes, energy(t.fields(), WORD, index, name, t.line())));
      }
      return out;
    }

    IllegalArgumentException error(int line, int index, String name, String what) {
      return new IllegalArgumentException(
          label
              + ", line "
              + line
              + ", entry "
              + index
              + (name == null ? "" : " '" + name + "'")
              + ": "
              + what);
    }
  }

  /** What a value that is not a number, string or boolean was. */
  private enum Other {
    NULL("null"),
    ARRAY("an array"),
    OBJECT("an object");

    private final String text;

    Other(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  static String describe(Value v) {
    if (v == null) {
      return "missing";
    }
    return v.value() instanceof String s ? "'" + s + "'" : String.valueOf(v.value());
  }
}
