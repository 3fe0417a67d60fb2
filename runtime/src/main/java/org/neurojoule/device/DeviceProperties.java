package org.neurojoule.device;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a device file in properties form: one {@code device.key = value} line per figure, such as
 * {@code mychip.energy_per_synop_j = 1e-12}, with the keys of the JSON form ({@link DeviceFile});
 * {@code sram} is a list {@code 8192:10e-12, 32768:20e-12} of capacity in bytes and joules per
 * 64-bit word. The device name is everything before the last dot; {@code #} and {@code !} start a
 * comment line. Lines are read here rather than by {@link java.util.Properties}, which forgets
 * them, so that every error names the file, the line and the entry; line continuations and escapes
 * are refused.
 */
final class DeviceProperties {
  private static final List<String> NUMBERS =
      List.of(
          DeviceFile.SYNOP,
          DeviceFile.NEURON,
          DeviceFile.MAC,
          DeviceFile.AC,
          DeviceFile.DRAM,
          DeviceFile.DATA_BITS,
          DeviceFile.CAL_OVERHEAD,
          DeviceFile.CAL_LAYER,
          DeviceFile.CAL_OPERATION,
          DeviceFile.CAL_NEURON);

  private DeviceProperties() {}

  /** One device's keys as read, with its position and the line its first key is on. */
  private record Group(int index, int line, Map<String, DeviceFile.Value> fields) {}

  /**
   * {@return the devices read from {@code in}, in the order their first key appears}
   *
   * @param in the properties text
   * @param label how errors name the text, such as its file name
   * @throws IOException if {@code in} cannot be read
   * @throws IllegalArgumentException if a line is malformed or an entry bad
   */
  static List<DeviceFile.Entry> parse(Reader in, String label) throws IOException {
    Map<String, Group> groups = new LinkedHashMap<>();
    BufferedReader lines = new BufferedReader(in);
    int n = 0;
    for (String raw = lines.readLine(); raw != null; raw = lines.readLine()) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int eq = line.indexOf('=');
      int dot = eq < 0 ? -1 : line.substring(0, eq).strip().lastIndexOf('.');
      if (eq < 0 || dot <= 0) {
        throw new IllegalArgumentException(
            label
                + ", line "
                + n
                + ": expected"
                + " device.key = value, such as mychip.energy_per_synop_j = 1e-12, was '"
                + line
                + "'");
      }
      if (line.endsWith("\\") || line.contains("\\u")) {
        throw new IllegalArgumentException(
            label
                + ", line "
                + n
                + ": line continuations and"
                + " escapes are not supported in device files");
      }
      String fullKey = line.substring(0, eq).strip();
      String name = fullKey.substring(0, dot);
      String key = fullKey.substring(dot + 1);
      String value = line.substring(eq + 1).strip();
      int lineNo = n;
      int next = groups.size() + 1;
      Group g = groups.computeIfAbsent(name, k -> new Group(next, lineNo, new LinkedHashMap<>()));
      String where = label + ", line " + n + ", entry " + g.index() + " '" + name + "': ";
      boolean known = DeviceFile.KEYS.contains(key) || DeviceFile.perTypeBase(key).isPresent();
      if (!known || key.equals(DeviceFile.NAME)) {
        throw new IllegalArgumentException(
            where
                + "unknown key '"
                + key
                + "'; known keys: "
                + String.join(", ", DeviceFile.KEYS.subList(1, DeviceFile.KEYS.size())));
      }
      DeviceFile.Value before = g.fields().put(key, new DeviceFile.Value(typed(key, value, n), n));
      if (before != null) {
        throw new IllegalArgumentException(
            where + "'" + key + "' is given twice, on line " + before.line() + " and here");
      }
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException(
          label + ": no device keys, such as" + " mychip.energy_per_synop_j = 1e-12");
    }
    List<DeviceFile.Entry> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Map.Entry<String, Group> e : groups.entrySet()) {
      Group g = e.getValue();
      int index = g.index();
      Integer other = seen.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), g.line());
      if (other != null) {
        throw new IllegalArgumentException(
            label
                + ", line "
                + g.line()
                + ", entry "
                + index
                + " '"
                + e.getKey()
                + "': the device is already given on line "
                + other
                + " (names ignore case)");
      }
      Map<String, DeviceFile.Value> fields = new LinkedHashMap<>();
      fields.put(DeviceFile.NAME, new DeviceFile.Value(e.getKey(), g.line()));
      fields.putAll(g.fields());
      out.add(DeviceFile.entry(fields, index, g.line(), label));
    }
    return out;
  }

  /** A number or boolean where the key takes one, else the text, for the entry's check. */
  private static Object typed(String key, String value, int line) {
    if (NUMBERS.contains(key) || DeviceFile.perTypeBase(key).isPresent()) {
      return number(value);
    }
    if (key.equals(DeviceFile.SPIKING)) {
      return switch (value) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> value;
      };
    }
    if (key.equals(DeviceFile.SRAM)) {
      List<DeviceFile.Tier> tiers = new ArrayList<>();
      for (String tier : value.split(",", -1)) {
        String[] parts = tier.strip().split(":", -1);
        Map<String, DeviceFile.Value> fields = new LinkedHashMap<>();
        if (parts.length != 2) {
          fields.put("", new DeviceFile.Value(tier.strip() + " (a tier is bytes:joules)", line));
        } else {
          fields.put(DeviceFile.CAPACITY, new DeviceFile.Value(number(parts[0].strip()), line));
          fields.put(DeviceFile.WORD, new DeviceFile.Value(number(parts[1].strip()), line));
        }
        tiers.add(new DeviceFile.Tier(fields, line));
      }
      return tiers;
    }
    return value;
  }

  private static Object number(String value) {
    try {
      // Only plain decimal numbers: Java's parser would also take "1e-12d" or hex floats.
      return value.matches("[-+]?(NaN|Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?)")
          ? Double.parseDouble(value)
          : value;
    } catch (NumberFormatException e) {
      return value;
    }
  }
}
