package org.neurojoule.onnx;

import java.util.Arrays;

/**
 * A constant of the graph: a weight, a {@code Constant} node's value or a folded shape. {@code
 * values} is null for a weight that a file exported without weights declares by its shape only. An
 * integer constant divides as integers do (shape arithmetic: {@code (2304 + 2) / 3}).
 *
 * @param dims the ONNX dimensions
 * @param values the values in row-major order, or null
 * @param integer whether its ONNX type is an integer one
 */
record Const(long[] dims, double[] values, boolean integer) {
  Const(long[] dims, double[] values) {
    this(dims, values, false);
  }

  /** {@return these values in another shape, of the same type} */
  Const reshaped(long[] newDims) {
    return new Const(newDims, values, integer);
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
