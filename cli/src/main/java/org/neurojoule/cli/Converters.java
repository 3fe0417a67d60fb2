package org.neurojoule.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neurojoule.Dtype;
import org.neurojoule.EnergyModel;
import org.neurojoule.SummaryOptions;
import org.neurojoule.layer.Accounting;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The option values picocli cannot convert by itself, each with an error listing what is valid. */
final class Converters {
  private Converters() {}

  /** {@code text}, {@code csv}, {@code json}, {@code markdown} or {@code latex}. */
  enum Format {
    TEXT,
    CSV,
    JSON,
    MARKDOWN,
    LATEX
  }

  /** {@code keras-spiking} or {@code complete}, ignoring case. */
  static final class AccountingConverter implements ITypeConverter<Accounting> {
    @Override
    public Accounting convert(String value) {
      for (Accounting a : Accounting.values()) {
        if (name(a).equalsIgnoreCase(value)) {
          return a;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not an accounting mode; use keras-spiking or complete");
    }

    /** {@code KERAS_SPIKING} is {@code keras-spiking}. */
    static String name(Accounting a) {
      return a.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** A {@link Dtype}'s name, such as {@code float32} or {@code int8}, ignoring case. */
  static final class DtypeConverter implements ITypeConverter<Dtype> {
    @Override
    public Dtype convert(String value) {
      try {
        return Dtype.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a dtype; use " + Dtype.validNames());
      }
    }
  }

  /** An energy model's label ({@code reference}, {@code mac-ac}, ...), ignoring case. */
  static final class EnergyModelConverter implements ITypeConverter<EnergyModel> {
    @Override
    public EnergyModel convert(String value) {
      for (EnergyModel m : EnergyModel.values()) {
        if (m.label().equalsIgnoreCase(value)) {
          return m;
        }
      }
      List<String> labels = Arrays.stream(EnergyModel.values()).map(EnergyModel::label).toList();
      throw new TypeConversionException(
          "'"
              + value
              + "' is not an energy model; use "
              + String.join(", ", labels.subList(0, labels.size() - 1))
              + " or "
              + labels.get(labels.size() - 1));
    }
  }

  /** {@code text}, {@code csv}, {@code json}, {@code markdown} or {@code latex}, ignoring case. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format f : Format.values()) {
        if (f.name().equalsIgnoreCase(value)) {
          return f;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not an output format; use text, csv, json, markdown or latex");
    }
  }

  /** One {@code --input-shape}: the dimensions, for the input named, or the only one if none. */
  record InputShape(java.util.Optional<String> name, int[] dims) {}

  /** {@code 64,64,3} or {@code NAME=64,64,3}; each dimension positive, or -1 (keep the file's). */
  static final class InputShapeConverter implements ITypeConverter<InputShape> {
    @Override
    public InputShape convert(String value) {
      int eq = value.lastIndexOf('=');
      String name = eq < 0 ? null : value.substring(0, eq).trim();
      String[] parts = value.substring(eq + 1).split(",", -1);
      int[] dims = new int[parts.length];
      try {
        for (int i = 0; i < parts.length; i++) {
          dims[i] = Integer.parseInt(parts[i].trim());
          if (dims[i] < 1 && dims[i] != -1) {
            throw new NumberFormatException();
          }
        }
      } catch (NumberFormatException e) {
        dims = null;
      }
      if (dims == null || (name != null && name.isEmpty())) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not an input shape; use"
                + " dimensions without the batch such as 64,64,3 (each positive, or -1 to keep the"
                + " file's), or NAME=64,64,3 for the input layer NAME");
      }
      return new InputShape(java.util.Optional.ofNullable(name), dims);
    }
  }

  /** A positive number of characters, or {@code auto} ({@link SummaryOptions#AUTO}). */
  static final class LineLengthConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      if (value.equalsIgnoreCase("auto")) {
        return SummaryOptions.AUTO;
      }
      try {
        int n = Integer.parseInt(value.trim());
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // falls through to the message below
      }
      throw new TypeConversionException(
          "'" + value + "' is not a line length; use a number of characters (1 or more) or auto");
    }
  }
}
