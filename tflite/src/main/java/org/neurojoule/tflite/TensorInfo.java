package org.neurojoule.tflite;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.neurojoule.Dtype;
import org.neurojoule.TfliteImportException;
import org.tensorflow.lite.schema.QuantizationParameters;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;
import org.tensorflow.lite.schema.TensorType;

/**
 * One tensor of a subgraph as the file declares it: its name, element type, shape, quantization
 * (scales and zero points, per tensor or along one dimension) and stored bytes, every size checked.
 *
 * @param index the tensor's index in its subgraph
 * @param name its name in the file
 * @param type its TFLite {@link TensorType}
 * @param shape its dimensions, batch first where it has one
 * @param scales the quantization scales, empty if not quantized
 * @param zeroPoints the zero points, one per scale (0 where the file gives none)
 * @param quantizedDimension the axis the scales run along, when there is more than one
 * @param data the stored bytes, empty for an activation
 */
record TensorInfo(
    int index,
    String name,
    byte type,
    int[] shape,
    float[] scales,
    long[] zeroPoints,
    int quantizedDimension,
    ByteBuffer data) {

  /** The most values a constant may hold (a Java array of doubles, with room to spare). */
  static final long MAX_VALUES = 1L << 28;

  /** {@return tensor {@code index} of {@code g}, checked} */
  static TensorInfo read(TfliteFile file, SubGraph g, int index, String where) {
    int n = file.count(g.tensorsLength(), 4, where + ": the tensor list");
    if (index < 0 || index >= n) {
      throw new TfliteImportException(
          file.label() + ": " + where + " refers to tensor " + index + ", but it has " + n);
    }
    Tensor t = g.tensors(index);
    if (t == null) {
      throw new TfliteImportException(
          file.label() + ": " + where + ": tensor " + index + " is empty");
    }
    String name = Optional.ofNullable(t.name()).orElse("");
    String what = where + ": tensor " + index + " '" + name + "'";
    int rank = file.count(t.shapeLength(), 4, what + "'s shape");
    int[] shape = new int[rank];
    long elements = 1;
    for (int i = 0; i < rank; i++) {
      shape[i] = t.shape(i);
      if (shape[i] < 0) {
        // A dynamic dimension (-1): the batch where it is first, else unsupported.
        if (i == 0) {
          shape[i] = 1;
        } else {
          throw new TfliteImportException(
              file.label()
                  + ": "
                  + what
                  + " has dimension "
                  + shape[i]
                  + " at axis "
                  + i
                  + " of "
                  + Arrays.toString(shape)
                  + "; only fixed sizes import");
        }
      }
      elements *= Math.max(1, shape[i]);
      if (elements > MAX_VALUES) {
        throw new TfliteImportException(
            file.label()
                + ": "
                + what
                + " has more than "
                + MAX_VALUES
                + " values (shape "
                + Arrays.toString(Arrays.copyOf(shape, i + 1))
                + "...)");
      }
    }
    float[] scales = new float[0];
    long[] zeros = new long[0];
    int qdim = 0;
    QuantizationParameters q = t.quantization();
    if (q != null) {
      int ns = file.count(q.scaleLength(), 4, what + "'s quantization scales");
      int nz = file.count(q.zeroPointLength(), 8, what + "'s quantization zero points");
      scales = new float[ns];
      zeros = new long[ns];
      for (int i = 0; i < ns; i++) {
        scales[i] = q.scale(i);
        zeros[i] = i < nz ? q.zeroPoint(i) : 0;
        if (!Float.isFinite(scales[i])) {
          throw new TfliteImportException(
              file.label() + ": " + what + " has quantization scale " + scales[i]);
        }
      }
      if (nz > 0 && nz != ns) {
        throw new TfliteImportException(
            file.label() + ": " + what + " has " + ns + " scales but " + nz + " zero points");
      }
      qdim = q.quantizedDimension();
      if (ns > 1 && (qdim < 0 || qdim >= rank || shape[qdim] != ns)) {
        throw new TfliteImportException(
            file.label()
                + ": "
                + what
                + " has "
                + ns
                + " scales along dimension "
                + qdim
                + ", but its shape is "
                + Arrays.toString(shape));
      }
    }
    ByteBuffer data = file.buffer(t.buffer(), what);
    TensorInfo info = new TensorInfo(index, name, t.type(), shape, scales, zeros, qdim, data);
    if (data.remaining() > 0) {
      long need = elements * info.width(file.label(), what);
      if (need != data.remaining()) {
        throw new TfliteImportException(
            file.label()
                + ": "
                + what
                + " of shape "
                + Arrays.toString(shape)
                + " and type "
                + info.typeName()
                + " needs "
                + need
                + " bytes, but its buffer holds "
                + data.remaining());
      }
    }
    return info;
  }

  /** {@return whether the file stores the tensor's values (a weight or other constant)} */
  boolean constant() {
    return data.remaining() > 0;
  }

  /** {@return whether the tensor has quantization scales} */
  boolean quantized() {
    return scales.length > 0;
  }

  /** {@return the number of values} */
  int elements() {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return (int) n;
  }

  /** {@return the type's schema name, such as {@code INT8}} */
  String typeName() {
    return type >= 0 && type < TensorType.names.length ? TensorType.name(type) : "type " + type;
  }

  /** {@return the NeuroJoule format of the stored values, if it has one} */
  Optional<Dtype> dtype() {
    return Optional.ofNullable(
        switch (type) {
          case TensorType.FLOAT32 -> Dtype.FLOAT32;
          case TensorType.FLOAT16 -> Dtype.FLOAT16;
          case TensorType.FLOAT64 -> Dtype.FLOAT64;
          case TensorType.INT8 -> Dtype.INT8;
          case TensorType.UINT8 -> Dtype.UINT8;
          case TensorType.INT16 -> Dtype.INT16;
          case TensorType.INT32 -> Dtype.INT32;
          case TensorType.INT64 -> Dtype.INT64;
          default -> null;
        });
  }

  private int width(String label, String what) {
    return switch (type) {
      case TensorType.BOOL, TensorType.INT8, TensorType.UINT8 -> 1;
      case TensorType.FLOAT16, TensorType.INT16, TensorType.UINT16 -> 2;
      case TensorType.FLOAT32, TensorType.INT32, TensorType.UINT32 -> 4;
      case TensorType.FLOAT64, TensorType.INT64, TensorType.UINT64 -> 8;
      default ->
          throw new TfliteImportException(
              label + ": " + what + " stores " + typeName() + " values, which do not import");
    };
  }

  /**
   * {@return the stored values as real numbers: quantized integers as {@code scale * (q -
   * zeroPoint)}, with the scale of their channel where there is one per channel}
   */
  double[] values() {
    int n = elements();
    double[] out = new double[n];
    ByteBuffer b = data.duplicate().order(data.order());
    int stride = 1;
    for (int i = quantizedDimension + 1; i < shape.length; i++) {
      stride *= shape[i];
    }
    for (int i = 0; i < n; i++) {
      double raw =
          switch (type) {
            case TensorType.FLOAT32 -> b.getFloat();
            case TensorType.FLOAT64 -> b.getDouble();
            case TensorType.FLOAT16 -> Half.toFloat(b.getShort());
            case TensorType.INT8 -> b.get();
            case TensorType.UINT8, TensorType.BOOL -> b.get() & 0xff;
            case TensorType.INT16 -> b.getShort();
            case TensorType.UINT16 -> b.getShort() & 0xffff;
            case TensorType.INT32 -> b.getInt();
            case TensorType.UINT32 -> Integer.toUnsignedLong(b.getInt());
            default -> b.getLong();
          };
      if (scales.length > 0) {
        int c = scales.length == 1 ? 0 : (i / stride) % scales.length;
        raw = scales[c] * (raw - zeroPoints[c]);
      }
      out[i] = raw;
    }
    return out;
  }

  /** {@return the stored values as floats, dequantized} */
  float[] floats() {
    double[] v = values();
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  /** {@return the stored values as ints (shapes, axes, paddings), unquantized} */
  long[] integers() {
    long[] out = new long[elements()];
    double[] real = type == TensorType.FLOAT32 || type == TensorType.FLOAT64 ? values() : null;
    ByteBuffer b = data.duplicate().order(data.order());
    for (int i = 0; i < out.length; i++) {
      out[i] =
          switch (type) {
            case TensorType.INT32 -> b.getInt();
            case TensorType.INT64 -> b.getLong();
            case TensorType.INT16 -> b.getShort();
            case TensorType.INT8 -> b.get();
            case TensorType.UINT8 -> b.get() & 0xff;
            default -> real == null ? 0 : (long) Math.rint(real[i]);
          };
    }
    return out;
  }

  /** IEEE half precision to float (Java 17 has no Float.float16ToFloat). */
  static final class Half {
    private Half() {}

    static float toFloat(short h) {
      int bits = h & 0xffff;
      int sign = (bits & 0x8000) << 16;
      int exp = (bits >>> 10) & 0x1f;
      int mant = bits & 0x3ff;
      if (exp == 0x1f) {
        return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
      }
      if (exp == 0) {
        float v = mant / 1024f / 16384f; // subnormal: mant * 2^-24
        return sign == 0 ? v : -v;
      }
      return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
  }
}
