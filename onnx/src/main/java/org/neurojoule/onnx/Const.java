package org.neurojoule.onnx;

import java.util.Arrays;
import org.neurojoule.Dtype;

/**
 * A constant of the graph: a weight, a {@code Constant} node's value or a folded shape. {@code
 * values} is null for a weight that a file exported without weights declares by its shape only. An
 * integer constant divides as integers do (shape arithmetic: {@code (2304 + 2) / 3}).
 *
 * @param dims the ONNX dimensions
 * @param values the values in row-major order, or null
 * @param integer whether its ONNX type is an integer one
 * @param stored how the file stores it: its ONNX type, or for a dequantized weight the type of the
 *     quantized tensor it came from; null for a value the import computed (a folded shape)
 */
record Const(long[] dims, double[] values, boolean integer, Dtype stored) {
  Const(long[] dims, double[] values) {
    this(dims, values, false);
  }

  Const(long[] dims, double[] values, boolean integer) {
    this(dims, values, integer, null);
  }

  /** {@return these values in another shape, of the same type} */
  Const reshaped(long[] newDims) {
    return new Const(newDims, values, integer, stored);
  }

  /** {@return whether the file stores it as quantized integers (int8, uint8, int16, int32)} */
  boolean quantized() {
    return stored != null && stored.isInteger() && stored != Dtype.INT64;
  }

  long count() {
    long n = 1;
    for (long d : dims) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  boolean declaredOnly() {
    return values == null;
  }

  /** The values as floats (for setWeights). */
  float[] floats() {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  long[] longs() {
    long[] l = new long[values.length];
    for (int i = 0; i < l.length; i++) {
      l[i] = (long) values[i];
    }
    return l;
  }

  static Const vector(long... v) {
    return new Const(new long[] {v.length}, Arrays.stream(v).asDoubleStream().toArray(), true);
  }

  static String text(long[] dims) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      b.append(i > 0 ? ", " : "").append(dims[i]);
    }
    return b.append(dims.length == 1 ? ",)" : ")").toString();
  }

  static String text(int[] dims) {
    return text(Arrays.stream(dims).asLongStream().toArray());
  }
}
