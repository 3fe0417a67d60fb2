package org.neurojoule.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.neurojoule.ImportException;
import org.neurojoule.KerasImportException;

/**
 * A JSON object of a Keras config with typed, checked access: a missing or mistyped field is a
 * {@link KerasImportException} naming the file, the place ({@code where}) and the field.
 */
final class Cfg {
  private final JsonObject json;
  private final String file;
  private final String where;

  /** The keys a layer's mapping declares it reads, and {@code name}; null for any key. */
  private final Set<String> declared;

  Cfg(JsonObject json, String file, String where) {
    this(json, file, where, null);
  }

  private Cfg(JsonObject json, String file, String where, Set<String> declared) {
    this.json = json;
    this.file = file;
    this.where = where;
    this.declared = declared;
  }

  /**
   * {@return this config for a mapping that declares it reads {@code keys} (and {@code name}):
   * reading another key fails an assertion, so tests catch a descriptor that lists too few}
   */
  Cfg reading(Collection<String> keys) {
    Set<String> allowed = new HashSet<>(keys);
    allowed.add("name");
    return new Cfg(json, file, where, Set.copyOf(allowed));
  }

  private boolean declares(String field) {
    return declared == null || declared.contains(field);
  }

  /** {@return the place this config describes, such as {@code layer 'dense_1' (Dense)}} */
  String where() {
    return where;
  }

  String file() {
    return file;
  }

  /** {@return a config for a different place in the same file} */
  Cfg at(String otherWhere) {
    return new Cfg(json, file, otherWhere, declared);
  }

  /** {@return this config with another layer name (inner layers of nested models)} */
  Cfg withName(String name) {
    JsonObject copy = json.deepCopy();
    copy.addProperty("name", name);
    return new Cfg(copy, file, where, declared);
  }

  /** {@return a copy with {@code field} set to {@code value}} */
  Cfg with(String field, JsonElement value) {
    JsonObject copy = json.deepCopy();
    copy.add(field, value);
    return new Cfg(copy, file, where, declared);
  }

  boolean has(String field) {
    assert declares(field) : where + ": reads undeclared config key '" + field + "'";
    return json.has(field) && !json.get(field).isJsonNull();
  }

  /** {@return whether the field is there and holds JSON {@code null} (Python's {@code None})} */
  boolean isNull(String field) {
    assert declares(field) : where + ": reads undeclared config key '" + field + "'";
    return json.has(field) && json.get(field).isJsonNull();
  }

  JsonElement raw(String field) {
    return has(field) ? json.get(field) : null;
  }

  KerasImportException error(String what) {
    return new KerasImportException(ImportException.message(file, where, what));
  }

  private KerasImportException wrongType(String field, String expected) {
    return error(
        "field '" + field + "' must be " + expected + ", was " + shortText(json.get(field)));
  }

  private JsonElement required(String field) {
    if (!has(field)) {
      throw error("field '" + field + "' is missing");
    }
    return json.get(field);
  }

  String string(String field) {
    JsonElement e = required(field);
    if (!(e instanceof JsonPrimitive p) || !p.isString()) {
      throw wrongType(field, "a string");
    }
    return p.getAsString();
  }

  Optional<String> optString(String field) {
    return has(field) ? Optional.of(string(field)) : Optional.empty();
  }

  boolean bool(String field, boolean fallback) {
    if (!has(field)) {
      return fallback;
    }
    JsonElement e = json.get(field);
    if (e instanceof JsonPrimitive p && p.isBoolean()) {
      return p.getAsBoolean();
    }
    // Keras 2 configs may store a boolean as 1 or 0 (Python's bool is an int); Keras reads them.
    // Only the integers themselves: 1.0 or 2 stay errors.
    if (e instanceof JsonPrimitive p && p.isNumber()) {
      String text = p.getAsString();
      if (text.equals("1") || text.equals("0")) {
        return text.equals("1");
      }
    }
    throw wrongType(field, "true or false");
  }

  double number(String field) {
    JsonElement e = required(field);
    if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
      throw wrongType(field, "a number");
    }
    double v = p.getAsDouble();
    if (!Double.isFinite(v)) {
      throw wrongType(field, "a finite number");
    }
    return v;
  }

  double number(String field, double fallback) {
    return has(field) ? number(field) : fallback;
  }

  int positiveInt(String field) {
    return toPositiveInt(field, required(field));
  }

  int positiveInt(String field, int fallback) {
    return has(field) ? positiveInt(field) : fallback;
  }

  int integer(String field, int fallback) {
    if (!has(field)) {
      return fallback;
    }
    Long v = asLong(json.get(field));
    if (v == null || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw wrongType(field, "an integer");
    }
    return (int) (long) v;
  }

  /** A field Keras writes as one integer or as a list of them (kernel_size, strides, ...). */
  List<Integer> positiveInts(String field, int rank) {
    JsonElement e = required(field);
    List<Integer> out = new ArrayList<>();
    if (e instanceof JsonArray a) {
      if (a.size() != rank) {
        throw error(
            "field '"
                + field
                + "' must have "
                + rank
                + (rank == 1 ? " entry" : " entries")
                + ", was "
                + shortText(e));
      }
      for (JsonElement x : a) {
        out.add(toPositiveInt(field, x));
      }
    } else {
      int v = toPositiveInt(field, e);
      for (int i = 0; i < rank; i++) {
        out.add(v);
      }
    }
    return out;
  }

  List<Integer> positiveInts(String field, int rank, int fallback) {
    if (has(field)) {
      return positiveInts(field, rank);
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      out.add(fallback);
    }
    return out;
  }

  /** A shape list such as {@code [null, 28, 28, 1]}: null becomes -1. */
  List<Integer> dims(String field) {
    JsonElement e = required(field);
    if (!(e instanceof JsonArray a)) {
      throw wrongType(field, "a list of dimensions");
    }
    List<Integer> out = new ArrayList<>();
    for (JsonElement x : a) {
      if (x.isJsonNull()) {
        out.add(-1);
      } else {
        Long v = asLong(x);
        if (v == null || v < -1 || v == 0 || v > Integer.MAX_VALUE) {
          throw error(
              "field '" + field + "' must list positive sizes or null, was " + shortText(e));
        }
        out.add((int) (long) v);
      }
    }
    return out;
  }

  Cfg object(String field, String otherWhere) {
    JsonElement e = required(field);
    if (!(e instanceof JsonObject o)) {
      throw wrongType(field, "an object");
    }
    return new Cfg(o, file, otherWhere);
  }

  JsonArray array(String field) {
    JsonElement e = required(field);
    if (!(e instanceof JsonArray a)) {
      throw wrongType(field, "a list");
    }
    return a;
  }

  private int toPositiveInt(String field, JsonElement e) {
    Long v = asLong(e);
    if (v == null || v <= 0 || v > Integer.MAX_VALUE) {
      throw error("field '" + field + "' must be a positive integer, was " + shortText(e));
    }
    return (int) (long) v;
  }

  /** An integral JSON number (Keras may write 3 or 3.0), else null. */
  static Long asLong(JsonElement e) {
    if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
      return null;
    }
    double d = p.getAsDouble();
    if (d != Math.rint(d) || Math.abs(d) > 9.0e15) {
      return null;
    }
    return (long) d;
  }

  /** A JSON value for messages, cut short. */
  static String shortText(JsonElement e) {
    String s = e == null ? "missing" : e.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
