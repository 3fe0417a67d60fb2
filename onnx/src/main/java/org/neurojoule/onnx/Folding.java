package org.neurojoule.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Constant folding at import: shape arithmetic ({@code Shape -> Gather -> Unsqueeze -> Concat ->
 * Reshape}) and operators on weights ({@code Identity}) evaluated on constants, so that the layers
 * see fixed shapes. Each foldable {@link Operator} names its evaluation here.
 *
 * <p>A result that may grow past its inputs is sized in {@code long} before it is allocated ({@link
 * TensorData#folded}). Float arithmetic rounds to float32, as the layers compute; the values are
 * held as doubles, which also keep shape integers exact.
 */
final class Folding {
  private final NodeAt at;
  private final TensorData data;

  Folding(NodeAt at, TensorData data) {
    this.at = at;
    this.data = data;
  }

  /** {@return {@code what} of this node, for errors of {@link TensorData}} */
  private String where(String what) {
    return "node '" + at.name + "' (" + at.op() + "): " + what;
  }

  /** {@code Shape}: the dimensions of a constant, or of an activation with a batch of 1. */
  static Const shape(Object v) {
    long[] dims = v instanceof Const c ? c.dims() : ((Act) v).withBatch();
    return Const.vector(dims);
  }

  /** {@code Reshape} of a constant to a target with ONNX's 0 and -1. */
  Const reshape(Const c, Const target) {
    return c.reshaped(data.dims(Shapes.resolve(at, c.dims(), target.longs()), where("its result")));
  }

  /** Squeeze or Unsqueeze of {@code c} (axes null: every size-1 axis, for Squeeze). */
  Const reshaped(String op, Const c, long[] axes) {
    return op.equals("Squeeze") ? squeeze(c, axes) : unsqueeze(c, axes);
  }

  static long[] withBatch(int[] onnx) {
    long[] d = new long[onnx.length + 1];
    d[0] = 1;
    for (int i = 0; i < onnx.length; i++) {
      d[i + 1] = onnx[i];
    }
    return d;
  }

  /** {@code Constant}: its one value attribute. */
  Const constant() {
    if (at.node.getAttributeCount() != 1) {
      throw at.error(
          "a Constant needs exactly one value attribute, has " + at.node.getAttributeCount());
    }
    var a = at.node.getAttribute(0);
    return switch (a.getName()) {
      case "value" -> data.read(a.getT(), where("its value"));
      case "value_float" -> new Const(new long[0], new double[] {a.getF()});
      case "value_int" -> new Const(new long[0], new double[] {a.getI()}, true);
      case "value_floats" ->
          new Const(
              new long[] {a.getFloatsCount()},
              a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray());
      case "value_ints" ->
          Const.vector(a.getIntsList().stream().mapToLong(Long::longValue).toArray());
      default -> throw at.error("Constant attribute '" + a.getName() + "' is not supported");
    };
  }

  /** Axes from the attribute (opset < 13) or the second input. */
  long[] axes(List<Const> c) {
    if (c.size() > 1 && c.get(1) != null) {
      return c.get(1).count() == 0 ? null : c.get(1).longs();
    }
    return at.integers("axes");
  }

  private int axis(long a, int rank) {
    long r = a < 0 ? a + rank : a;
    if (r < 0 || r >= rank) {
      throw at.error("axis " + a + " is out of range for rank " + rank);
    }
    return (int) r;
  }

  Const gather(Const d, Const idx, int axisAttr) {
    int ax = axis(axisAttr, d.dims().length);
    long[] dims = d.dims();
    long outer = 1;
    for (int i = 0; i < ax; i++) {
      outer *= dims[i];
    }
    long inner = 1;
    for (int i = ax + 1; i < dims.length; i++) {
      inner *= dims[i];
    }
    long n = dims[ax];
    long[] ix = idx.longs();
    long[] outDims = new long[dims.length - 1 + idx.dims().length];
    System.arraycopy(dims, 0, outDims, 0, ax);
    System.arraycopy(idx.dims(), 0, outDims, ax, idx.dims().length);
    System.arraycopy(dims, ax + 1, outDims, ax + idx.dims().length, dims.length - ax - 1);
    double[] out =
        TensorData.folded(at, TensorData.countOf(outDims), Math.max(d.count(), idx.count()));
    int k = 0;
    for (long o = 0; o < outer; o++) {
      for (long i : ix) {
        long j = i < 0 ? i + n : i;
        if (j < 0 || j >= n) {
          throw at.error("index " + i + " is out of range for a dimension of " + n);
        }
        for (long p = 0; p < inner; p++) {
          out[k++] = d.values()[(int) ((o * n + j) * inner + p)];
        }
      }
    }
    return new Const(outDims, out, d.integer());
  }

  Const unsqueeze(Const c, long[] axes) {
    if (axes == null) {
      throw at.error("Unsqueeze needs axes (an attribute before opset 13, its second input since)");
    }
    int rank = c.dims().length + axes.length;
    boolean[] added = new boolean[rank];
    for (long a : axes) {
      added[axis(a, rank)] = true;
    }
    long[] dims = new long[rank];
    int k = 0;
    for (int i = 0; i < rank; i++) {
      dims[i] = added[i] ? 1 : c.dims()[k++];
    }
    return c.reshaped(dims);
  }

  Const squeeze(Const c, long[] axes) {
    long[] d = c.dims();
    boolean[] drop = new boolean[d.length];
    if (axes == null) {
      for (int i = 0; i < d.length; i++) {
        drop[i] = d[i] == 1;
      }
    } else {
      for (long a : axes) {
        int ax = axis(a, d.length);
        if (d[ax] != 1) {
          throw at.error(
              "squeezes axis " + a + " of " + Const.text(d) + ", which is not of size 1");
        }
        drop[ax] = true;
      }
    }
    return c.reshaped(
        java.util.stream.IntStream.range(0, d.length)
            .filter(i -> !drop[i])
            .mapToLong(i -> d[i])
            .toArray());
  }

  Const flatten(Const c) {
    int ax = axis(at.small("axis", 1), c.dims().length + 1);
    long outer = 1;
    for (int i = 0; i < ax; i++) {
      outer *= c.dims()[i];
    }
    return c.reshaped(new long[] {outer, c.count() / Math.max(outer, 1)});
  }

  Const concat(List<Const> c, int axisAttr) {
    if (c.contains(null)) {
      throw at.error("concatenates an absent input");
    }
    long[] first = c.get(0).dims();
    int ax = axis(axisAttr, first.length);
    long outer = 1;
    for (int i = 0; i < ax; i++) {
      outer *= first[i];
    }
    long[] dims = first.clone();
    dims[ax] = 0;
    for (Const k : c) {
      if (k.dims().length != first.length) {
        throw at.error(
            "concatenates constants of ranks " + first.length + " and " + k.dims().length);
      }
      for (int i = 0; i < first.length; i++) {
        if (i != ax && k.dims()[i] != first[i]) {
          throw at.error(
              "concatenates constants of dims "
                  + Const.text(first)
                  + " and "
                  + Const.text(k.dims())
                  + " along axis "
                  + ax);
        }
      }
      dims[ax] += k.dims()[ax];
    }
    long largest = c.stream().mapToLong(Const::count).max().orElse(0);
    double[] out = TensorData.folded(at, TensorData.countOf(dims), largest);
    int pos = 0;
    for (long o = 0; o < outer; o++) {
      for (Const k : c) {
        int block = (int) (k.count() / Math.max(outer, 1));
        System.arraycopy(k.values(), (int) (o * block), out, pos, block);
        pos += block;
      }
    }
    return new Const(dims, out, c.get(0).integer());
  }

  /** A weight transposed, as {@code nn.Linear} without bias exports (Transpose, MatMul). */
  Const transpose(Const c) {
    long[] d = c.dims();
    int r = d.length;
    long[] perm = at.integers("perm");
    if (perm == null) {
      perm = new long[r];
      for (int i = 0; i < r; i++) {
        perm[i] = r - 1 - i;
      }
    }
    if (perm.length != r) {
      throw at.error("perm " + Arrays.toString(perm) + " does not match rank " + r);
    }
    long[] outDims = new long[r];
    boolean[] seen = new boolean[r];
    for (int i = 0; i < r; i++) {
      int p = axis(perm[i], r);
      if (seen[p]) {
        throw at.error("perm " + Arrays.toString(perm) + " names axis " + p + " twice");
      }
      seen[p] = true;
      perm[i] = p;
      outDims[i] = d[p];
    }
    long[] inStride = new long[r];
    long st = 1;
    for (int i = r - 1; i >= 0; i--) {
      inStride[i] = st;
      st *= d[i];
    }
    double[] out = new double[c.values().length];
    int[] idx = new int[r];
    for (int k = 0; k < out.length; k++) {
      long src = 0;
      for (int i = 0; i < r; i++) {
        src += idx[i] * inStride[(int) perm[i]];
      }
      out[k] = c.values()[(int) src];
      for (int i = r - 1; i >= 0 && ++idx[i] == outDims[i]; i--) {
        idx[i] = 0;
      }
    }
    return new Const(outDims, out, c.integer());
  }

  Const slice(List<Const> c) {
    Const x = c.get(0);
    if (x.dims().length != 1 || c.size() < 3 || c.get(1) == null || c.get(2) == null) {
      throw at.error(
          "folds a Slice of a 1-D constant only (opset 10 and later), not of dims "
              + Const.text(x.dims()));
    }
    for (int i = 1; i < c.size(); i++) {
      if (c.get(i) != null && c.get(i).count() != 1) {
        throw at.error(
            "folds a Slice of one axis only, but input "
                + i
                + " has dims "
                + Const.text(c.get(i).dims()));
      }
    }
    long n = x.dims()[0];
    long start = c.get(1).longs()[0];
    long end = c.get(2).longs()[0];
    long step = c.size() > 4 && c.get(4) != null ? c.get(4).longs()[0] : 1;
    if (step != 1) {
      throw at.error("folds a Slice with step 1 only, has " + step);
    }
    start = Math.max(0, Math.min(n, start < 0 ? start + n : start));
    end = Math.max(start, Math.min(n, end < 0 ? end + n : end));
    return new Const(
        new long[] {end - start},
        Arrays.copyOfRange(x.values(), (int) start, (int) end),
        x.integer());
  }

  /** Integer division, truncating as ONNX's (and C's) does; by zero an error. */
  private double div(double x, double y) {
    if (y == 0) {
      throw at.error("divides the integer " + (long) x + " by zero");
    }
    return (double) ((long) x / (long) y);
  }

  /** Cast to an integer type truncates; to a float type keeps the values. */
  Const cast(Const c) {
    long to = at.integer("to", 1);
    boolean integer = to == 2 || to == 3 || to == 4 || to == 5 || to == 6 || to == 7 || to == 9;
    if (!integer) {
      return new Const(c.dims(), c.values(), false);
    }
    double[] v = new double[c.values().length];
    for (int i = 0; i < v.length; i++) {
      v[i] = to == 9 ? (c.values()[i] != 0 ? 1 : 0) : (double) (long) c.values()[i];
    }
    return new Const(c.dims(), v, true);
  }

  /** A tensor of the given shape filled with the value attribute's one value (0 without it). */
  Const constantOfShape(Const shape) {
    long[] dims = data.dims(shape.longs(), where("its result"));
    double fill = 0;
    boolean integer = false;
    for (var a : at.node.getAttributeList()) {
      if (a.getName().equals("value")) {
        Const v = data.read(a.getT(), where("its value"));
        if (v.count() != 1) {
          throw at.error("value must hold one element, has dims " + Const.text(v.dims()));
        }
        fill = v.values()[0];
        integer = v.integer();
      }
    }
    double[] out = TensorData.folded(at, TensorData.countOf(dims), 1);
    Arrays.fill(out, fill);
    return new Const(dims, out, integer);
  }

  Const equal(Const a, Const b) {
    Const r = arithmeticShape("Equal", a, b);
    double[] out = new double[r.values().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = at(a, i) == at(b, i) ? 1 : 0;
    }
    return new Const(r.dims(), out, true);
  }

  Const where(Const cond, Const x, Const y) {
    Const r = arithmeticShape("Where", arithmeticShape("Where", cond, x), y);
    double[] out = new double[r.values().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = at(cond, i) != 0 ? at(x, i) : at(y, i);
    }
    return new Const(r.dims(), out, x.integer() && y.integer());
  }

  /** Element {@code i} of {@code c}, a scalar broadcast. */
  private static double at(Const c, int i) {
    return c.values()[c.count() == 1 ? 0 : i];
  }

  /** The larger of two operands of one shape, or of a scalar and another. */
  private Const arithmeticShape(String op, Const a, Const b) {
    if (a.count() != 1 && b.count() != 1 && !Arrays.equals(a.dims(), b.dims())) {
      throw at.error(
          "folds "
              + op
              + " of constants of one shape, or with a scalar, not of "
              + Const.text(a.dims())
              + " and "
              + Const.text(b.dims()));
    }
    return a.count() == 1 && b.count() != 1 ? b : a;
  }

  /** Division of two constants: of integers, truncating as ONNX does. */
  Const divide(Const a, Const b) {
    boolean integer = a.integer() && b.integer();
    return arithmetic(a, b, (x, y) -> integer ? div(x, y) : x / y);
  }

  /** {@code f} of two constants of one shape, or of one and a scalar. */
  Const arithmetic(Const a, Const b, DoubleBinaryOperator f) {
    boolean aScalar = a.count() == 1;
    boolean bScalar = b.count() == 1;
    if (!aScalar && !bScalar && !Arrays.equals(a.dims(), b.dims())) {
      throw at.error(
          "folds "
              + at.op()
              + " of constants of one shape, or with a scalar, not of "
              + Const.text(a.dims())
              + " and "
              + Const.text(b.dims()));
    }
    Const shape = aScalar && !bScalar ? b : a;
    boolean integer = a.integer() && b.integer();
    double[] out = new double[shape.values().length];
    for (int i = 0; i < out.length; i++) {
      double v = f.applyAsDouble(a.values()[aScalar ? 0 : i], b.values()[bScalar ? 0 : i]);
      // Float constants fold in float32, as the model computes them; integers stay exact.
      out[i] = integer ? v : (float) v;
    }
    return new Const(shape.dims(), out, integer);
  }
}
