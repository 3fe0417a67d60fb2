package org.neurojoule.cli;

import java.util.Locale;
import org.neurojoule.Accounting;
import org.neurojoule.SummaryOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The option values picocli cannot convert by itself, each with an error listing what is valid. */
final class Converters {
  private Converters() {}

  /** {@code text}, {@code csv} or {@code json}. */
  enum Format {
    TEXT,
    CSV,
    JSON
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

  /** {@code text}, {@code csv} or {@code json}, ignoring case. */
  static final class FormatConverter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format f : Format.values()) {
        if (f.name().equalsIgnoreCase(value)) {
          return f;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not an output format; use text, csv or json");
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
