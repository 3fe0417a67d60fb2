package org.neurojoule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A number format: how a layer's weights or activations are stored. Counts the parameter footprint
 * and, where a device gives per-format figures, picks the energy of an operation or a memory word.
 */
public enum Dtype {
  /** 4 bytes: how Keras keeps weights. */
  FLOAT32(4, false),
  /** 2 bytes, IEEE half precision. */
  FLOAT16(2, false),
  /** 1 byte, as after 8-bit quantization. */
  INT8(1, true),
  /** 1 byte, unsigned 8-bit quantization (older TFLite and ONNX models). */
  UINT8(1, true),
  /** 2 bytes, 16-bit quantization (TFLite's 16x8 activations). */
  INT16(2, true),
  /** 4 bytes: quantized biases and accumulators. */
  INT32(4, true),
  /** 2 bytes, bfloat16. */
  BFLOAT16(2, false),
  /** 8 bytes. */
  FLOAT64(8, false),
  /** 8 bytes: shapes and indices. */
  INT64(8, true);

  private final int bytes;
  private final boolean integer;

  Dtype(int bytes, boolean integer) {
    this.bytes = bytes;
    this.integer = integer;
  }

  /** {@return the bytes of one value} */
  public int bytes() {
    return bytes;
  }

  /** {@return the bits of one value} */
  public int bits() {
    return bytes * Byte.SIZE;
  }

  /** {@return whether values are integers (quantized), rather than floating point} */
  public boolean isInteger() {
    return integer;
  }

  /**
   * {@return the dtype named {@code name}, such as {@code float32} or {@code int8}, ignoring case}
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
        "unknown dtype '" + name + "'; valid dtypes: " + validNames());
  }

  /** {@return every dtype's name, comma separated, for messages} */
  public static String validNames() {
    return Arrays.stream(values()).map(Dtype::toString).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
