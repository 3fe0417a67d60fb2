package org.neurojoule.onnx;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.neurojoule.Dtype;
import org.neurojoule.OnnxImportException;
import org.neurojoule.onnx.proto.OnnxProto.StringStringEntryProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/**
 * Decodes a {@code TensorProto}: raw little-endian data, the typed fields or an external data file.
 * Sizes are checked in {@code long} against the bytes actually there before any allocation.
 */
final class TensorData {
  /** The most values one tensor may hold: 2^28, so that its doubles stay within 2 GiB. */
  static final long MAX_VALUES = 1L << 28;

  /**
   * The most values a fold may make a constant grow to beyond its largest input (ConstantOfShape,
   * Expand, Gather, Concat): 2^24, so that a file of a few bytes cannot ask for gigabytes.
   */
  static final long MAX_GROWN = 1L << 24;

  private final String label;
  private final Path folder;

  TensorData(String label, Path folder) {
    this.label = label;
    this.folder = folder;
  }

  /** {@return the file's name as errors give it} */
  String label() {
    return label;
  }

  /** {@return the tensor's values} {@code what} names it in errors, e.g. "initializer 'w'". */
  Const read(TensorProto t, String what) {
    long[] dims = dims(t.getDimsList().stream().mapToLong(Long::longValue).toArray(), what);
    long count = countOf(dims, what);
    int type = t.getDataType();
    int size = elementSize(type, what);
    if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
      return new Const(
          dims,
          decode(external(t, what, count * size), type, (int) count),
          isInteger(type),
          dtype(type));
    }
    if (t.hasRawData()) {
      ByteString raw = t.getRawData();
      if (raw.size() != count * size) {
        throw error(
            what
                + ": raw data holds "
                + raw.size()
                + " bytes, but its dims "
                + Const.text(dims)
                + " of "
                + typeName(type)
                + " need "
                + count * size);
      }
      return new Const(
          dims,
          decode(raw.asReadOnlyByteBuffer(), type, (int) count),
          isInteger(type),
          dtype(type));
    }
    return new Const(dims, typed(t, type, count, dims, what), isInteger(type), dtype(type));
  }

  /** {@return the NeuroJoule dtype of ONNX type number {@code type}, or null (bool)} */
  static Dtype dtype(int type) {
    return switch (type) {
      case 1 -> Dtype.FLOAT32;
      case 2 -> Dtype.UINT8;
      case 3 -> Dtype.INT8;
      case 5 -> Dtype.INT16;
      case 6 -> Dtype.INT32;
      case 7 -> Dtype.INT64;
      case 10 -> Dtype.FLOAT16;
      case 11 -> Dtype.FLOAT64;
      case 16 -> Dtype.BFLOAT16;
      default -> null;
    };
  }

  /** INT8/16/32/64, UINT8/16, BOOL (ONNX's type numbers). */
  private static boolean isInteger(int type) {
    return type == 2 || type == 3 || type == 4 || type == 5 || type == 6 || type == 7 || type == 9;
  }

  long[] dims(long[] dims, String what) {
    for (long d : dims) {
      if (d < 0) {
        throw error(what + ": dims " + Const.text(dims) + " hold a negative size");
      }
    }
    countOf(dims, what);
    return dims;
  }

  /** {@return the values {@code dims} hold, or {@link Long#MAX_VALUE} past a long} */
  static long countOf(long[] dims) {
    long n = 1;
    for (long d : dims) {
      if (d < 0) {
        return Long.MAX_VALUE;
      }
      if (d != 0 && n > Long.MAX_VALUE / d) {
        n = Long.MAX_VALUE;
      } else {
        n *= d;
      }
    }
    return Arrays.stream(dims).anyMatch(d -> d == 0) ? 0 : n;
  }

  long countOf(long[] dims, String what) {
    long n = 1;
    for (long d : dims) {
      if (d != 0 && n > MAX_VALUES / d) {
        throw error(
            what + ": dims " + Const.text(dims) + " hold more than " + MAX_VALUES + " values");
      }
      n *= d;
    }
    if (n > MAX_VALUES) {
      throw error(
          what + ": dims " + Const.text(dims) + " hold more than " + MAX_VALUES + " values");
    }
    return n;
  }

  /**
   * {@return the array of a folded constant of {@code count} values, made from inputs of at most
   * {@code largestInput} values} Checked in {@code long} before anything is allocated: against
   * {@link #MAX_VALUES}, against {@link #MAX_GROWN} where the fold grows its input, and against the
   * memory the JVM has free.
   *
   * @throws OnnxImportException naming the node, the count and the limit
   */
  static double[] folded(NodeAt at, long count, long largestInput) {
    String what = "its result";
    if (count < 0 || count > MAX_VALUES) {
      throw at.error(what + " would hold " + count + " values, more than " + MAX_VALUES);
    }
    if (count > Math.max(MAX_GROWN, largestInput)) {
      throw at.error(
          what
              + " would hold "
              + count
              + " values, grown from inputs of "
              + largestInput
              + "; folding at import grows a constant to "
              + MAX_GROWN
              + " values at most");
    }
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    long need = count * Double.BYTES;
    // Twice: the layer that takes the constant as a weight copies it to floats.
    if (2 * need > free) {
      throw at.error(
          what
              + " would hold "
              + count
              + " values, "
              + need / (1 << 20)
              + " MiB, but the JVM has "
              + free / (1 << 20)
              + " MiB free (raise -Xmx)");
    }
    return new double[(int) count];
  }

  private double[] typed(TensorProto t, int type, long count, long[] dims, String what) {
    int have =
        switch (type) {
          case 1 -> t.getFloatDataCount();
          case 11 -> t.getDoubleDataCount();
          case 7 -> t.getInt64DataCount();
          default -> t.getInt32DataCount();
        };
    if (have != count) {
      throw error(
          what
              + ": holds "
              + have
              + " values, but its dims "
              + Const.text(dims)
              + " need "
              + count);
    }
    double[] v = new double[have];
    for (int i = 0; i < have; i++) {
      v[i] =
          switch (type) {
            case 1 -> t.getFloatData(i);
            case 11 -> t.getDoubleData(i);
            case 7 -> t.getInt64Data(i);
            case 10 -> half((short) t.getInt32Data(i));
            default -> t.getInt32Data(i);
          };
    }
    return v;
  }

  /** IEEE half precision (Java 17 has no Float.float16ToFloat). */
  static float half(short bits) {
    int h = bits & 0xffff;
    int sign = (h >>> 15) << 31;
    int exp = (h >>> 10) & 0x1f;
    int mant = h & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  private static double[] decode(ByteBuffer b, int type, int count) {
    b = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] =
          switch (type) {
            case 1 -> b.getFloat();
            case 11 -> b.getDouble();
            case 7 -> b.getLong();
            case 6 -> b.getInt();
            case 5 -> b.getShort();
            case 10 -> half(b.getShort());
            case 2 -> b.get() & 0xff;
            default -> b.get();
          };
    }
    return v;
  }

  private int elementSize(int type, String what) {
    return switch (type) {
      case 1, 6 -> 4;
      case 7, 11 -> 8;
      case 5, 10 -> 2;
      case 2, 3, 9 -> 1;
      default ->
          throw error(
              what
                  + ": data type "
                  + typeName(type)
                  + " is not supported (float32,"
                  + " float16, float64, int64, int32, int16, int8, uint8 and bool are)");
    };
  }

  static String typeName(int type) {
    TensorProto.DataType t = TensorProto.DataType.forNumber(type);
    return t == null ? "#" + type : t.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The bytes of external data: {@code location} inside the model's folder, offset, length. */
  private ByteBuffer external(TensorProto t, String what, long need) {
    String location = null;
    long offset = 0;
    long length = -1;
    for (StringStringEntryProto e : t.getExternalDataList()) {
      switch (e.getKey()) {
        case "location" -> location = e.getValue();
        case "offset" -> offset = number(e.getValue(), "offset", what);
        case "length" -> length = number(e.getValue(), "length", what);
        default -> {}
      }
    }
    if (location == null) {
      throw error(what + ": external data without a 'location'");
    }
    Path base = folder.toAbsolutePath().normalize();
    Path file = base.resolve(location).normalize();
    if (!file.startsWith(base)) {
      throw error(
          what
              + ": external data location '"
              + location
              + "' lies outside the model's"
              + " folder "
              + base);
    }
    if (length >= 0 && length != need) {
      throw error(
          what
              + ": external data length "
              + length
              + " does not match the "
              + need
              + " bytes its dims need");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (offset + need > ch.size()) {
        throw error(
            what
                + ": external data file '"
                + location
                + "' has "
                + ch.size()
                + " bytes; offset "
                + offset
                + " + "
                + need
                + " bytes lies past its end");
      }
      ByteBuffer b = ByteBuffer.allocate((int) need);
      while (b.hasRemaining()) {
        if (ch.read(b, offset + b.position()) < 0) {
          throw error(what + ": external data file '" + location + "' ended early");
        }
      }
      return b.flip();
    } catch (IOException e) {
      throw new OnnxImportException(
          label + ": " + what + ": cannot read external data '" + location + "': " + e.getMessage(),
          e);
    }
  }

  private long number(String s, String key, String what) {
    try {
      long v = Long.parseLong(s.trim());
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw error(what + ": external data " + key + " '" + s + "' is not a size");
    }
  }

  private OnnxImportException error(String what) {
    return new OnnxImportException(label + ": " + what);
  }
}
