package org.neurojoule;

import java.util.Locale;

/** The number format parameters are stored in, for the parameter footprint. */
public enum Dtype {
  /** 4 bytes per parameter: how Keras keeps weights. */
  FLOAT32(4),
  /** 2 bytes per parameter. */
  FLOAT16(2),
  /** 1 byte per parameter, as after 8-bit quantization. */
  INT8(1);

  private final int bytes;

  Dtype(int bytes) {
    this.bytes = bytes;
  }

  /** {@return the bytes of one parameter} */
  public int bytes() {
    return bytes;
  }

  /**
   * {@return the dtype named {@code name}: {@code float32}, {@code float16} or {@code int8},
   * ignoring case}
   *
   * @param name the dtype's name
   * @throws IllegalArgumentException for any other name, listing the valid ones
   */
  public static Dtype parse(String name) {
    for (Dtype d : values()) {
      if (d.name().equalsIgnoreCase(name.trim())) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "unknown dtype '" + name + "'; valid dtypes: float32, float16, int8");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
