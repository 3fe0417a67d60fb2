package org.neurojoule.onnx;

import java.util.Arrays;
import org.neurojoule.Dtype;

/**
 * The scale and zero point of one quantized input or output of a node (QuantizeLinear,
 * DequantizeLinear, QLinearConv, ...), read from the node's constant inputs and checked: every
 * scale positive and finite, every zero point an integer within its type's range, per-axis and
 * blocked scales of the length their tensor needs. A quantized value {@code q} stands for {@code (q
 * - zeroPoint) * scale}.
 *
 * @param dtype the integer type of the quantized values
 * @param scale the scales: one (per tensor), one per index along {@code axis}, or one per block
 * @param zeroPoint the zero points, as many as the scales (or one for all)
 * @param scaleDims the dims of the scale tensor
 */
record QuantParams(Dtype dtype, double[] scale, double[] zeroPoint, long[] scaleDims) {
  /** Scale 1, zero point 0: the integers themselves (ConvInteger's accumulator). */
  static QuantParams identity(Dtype dtype) {
    return new QuantParams(dtype, new double[] {1}, new double[] {0}, new long[0]);
  }

  /**
   * {@return the scale at input {@code scaleAt} and the zero point at {@code zeroAt} (absent: 0) of
   * a node, checked} The type is the zero point's, else {@code fallback}.
   *
   * @throws org.neurojoule.OnnxImportException naming the node, the input and the offending value
   */
  static QuantParams read(Call c, int scaleAt, int zeroAt, Dtype fallback) {
    NodeAt at = c.at;
    Const s = given(c, scaleAt, "scale");
    Const z = c.present(zeroAt) ? given(c, zeroAt, "zero point") : null;
    double[] scale = s.values();
    for (int i = 0; i < scale.length; i++) {
      if (!(scale[i] > 0) || Double.isInfinite(scale[i])) {
        throw at.error(
            "scale '"
                + at.inputs().get(scaleAt)
                + "' holds "
                + scale[i]
                + (scale.length > 1 ? " at index " + i : "")
                + "; a scale must be positive and finite");
      }
    }
    if (scale.length == 0) {
      throw at.error("scale '" + at.inputs().get(scaleAt) + "' holds no value");
    }
    Dtype dtype = fallback;
    double[] zero = new double[] {0};
    if (z != null) {
      dtype = z.stored();
      if (dtype == null || !z.quantized()) {
        throw at.error(
            "zero point '"
                + at.inputs().get(zeroAt)
                + "' is of type "
                + (dtype == null ? "bool" : dtype)
                + "; int8, uint8, int16 and int32 are supported");
      }
      zero = z.values();
      if (zero.length != 1 && zero.length != scale.length) {
        throw at.error(
            "zero point '"
                + at.inputs().get(zeroAt)
                + "' "
                + Const.text(z.dims())
                + " holds "
                + zero.length
                + " values, but its scale '"
                + at.inputs().get(scaleAt)
                + "' "
                + Const.text(s.dims())
                + " holds "
                + scale.length);
      }
      for (int i = 0; i < zero.length; i++) {
        if (zero[i] < min(dtype) || zero[i] > max(dtype) || zero[i] != Math.rint(zero[i])) {
          throw at.error(
              "zero point '"
                  + at.inputs().get(zeroAt)
                  + "' holds "
                  + zero[i]
                  + (zero.length > 1 ? " at index " + i : "")
                  + ", out of the range of "
                  + dtype
                  + " ("
                  + (long) min(dtype)
                  + " to "
                  + (long) max(dtype)
                  + ")");
        }
      }
    }
    return new QuantParams(dtype, scale, zero, s.dims());
  }

  /** Input {@code i}: a constant with its values, else an error naming it as {@code what}. */
  static Const given(Call c, int i, String what) {
    Const k = c.constant(i);
    if (k.declaredOnly()) {
      throw c.at.error(
          what
              + " '"
              + c.at.inputs().get(i)
              + "' is declared by its shape only; it needs its"
              + " values (an initializer)");
    }
    return k;
  }

  /** {@return the zero point of {@code scale} index {@code i}} */
  private double zero(int i) {
    return zeroPoint[zeroPoint.length == 1 ? 0 : i];
  }

  /**
   * {@return which scale each value of a tensor of {@code dims} takes, checked against the node's
   * {@code axis} and {@code block_size}} One scale: per tensor; a 1-D scale of {@code dims[axis]}
   * values: per axis; with a block size, a scale of {@code dims}' rank with {@code ceil(dims[axis]
   * / block)} values on the axis: per block.
   */
  private Layout layout(NodeAt at, String input, long[] dims, long axisAttr, long block) {
    if (block < 0) {
      throw at.error("block_size " + block + " must not be negative");
    }
    if (scale.length == 1 && block == 0) {
      return new Layout(1, 1, 1);
    }
    long axis = axisAttr < 0 ? axisAttr + dims.length : axisAttr;
    if (axis < 0 || axis >= dims.length) {
      throw at.error(
          "axis "
              + axisAttr
              + " is out of range for "
              + input
              + " "
              + Const.text(dims)
              + " (per-axis scale "
              + Const.text(scaleDims)
              + ")");
    }
    int a = (int) axis;
    long inner = 1;
    for (int i = a + 1; i < dims.length; i++) {
      inner *= dims[i];
    }
    if (block == 0) {
      if (scaleDims.length != 1 || scale.length != dims[a]) {
        throw at.error(
            "per-axis scale "
                + Const.text(scaleDims)
                + " must hold one value per index of axis "
                + axisAttr
                + " of "
                + input
                + " "
                + Const.text(dims)
                + ", "
                + dims[a]
                + " values");
      }
      return new Layout(inner, dims[a], 1);
    }
    long[] need = dims.clone();
    need[a] = (dims[a] + block - 1) / block;
    if (!Arrays.equals(need, scaleDims)) {
      throw at.error(
          "blocked scale "
              + Const.text(scaleDims)
              + " does not fit "
              + input
              + " "
              + Const.text(dims)
              + " with block_size "
              + block
              + " on axis "
              + axisAttr
              + "; it needs "
              + Const.text(need));
    }
    return new Layout(inner, dims[a], block);
  }

  /**
   * Where value {@code i} finds its scale: the index along the axis is {@code (i / inner) %
   * length}, its block that index divided by {@code block}.
   */
  private record Layout(long inner, long length, long block) {
    int scaleIndex(long i) {
      if (length == 1 && inner == 1 && block == 1) {
        return 0;
      }
      long outer = i / (inner * length);
      long d = (i / inner) % length;
      long r = i % inner;
      long blocks = (length + block - 1) / block;
      return Math.toIntExact(block == 1 ? d : (outer * blocks + d / block) * inner + r);
    }
  }

  /**
   * {@return {@code q}'s values dequantized, {@code (q - zeroPoint) * scale}, stored as {@code q}'s
   * type} {@code axis} and {@code block} are the node's attributes.
   *
   * @throws org.neurojoule.OnnxImportException where the scale does not fit {@code q}'s dims
   */
  Const dequantize(NodeAt at, String input, Const q, long axis, long block) {
    Layout l = layout(at, input, q.dims(), axis, block);
    double[] v = q.values();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      int s = l.scaleIndex(i);
      out[i] = (v[i] - zero(s)) * scale[s];
    }
    return new Const(q.dims(), out, false, dtype);
  }

  /**
   * {@return {@code x}'s values quantized: rounded half to even, plus the zero point, saturated to
   * the type's range; stored as the type}
   */
  Const quantize(NodeAt at, String input, Const x, long axis, long block) {
    Layout l = layout(at, input, x.dims(), axis, block);
    double[] v = x.values();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      int s = l.scaleIndex(i);
      double q = Math.rint(v[i] / scale[s]) + zero(s);
      out[i] = Math.max(min(dtype), Math.min(max(dtype), q));
    }
    return new Const(x.dims(), out, true, dtype);
  }

  /** {@return these scales multiplied by {@code other}'s (a bias: input scale times weights')} */
  QuantParams times(NodeAt at, QuantParams other, Dtype type) {
    double[] a = scale;
    double[] b = other.scale;
    if (a.length != 1 && b.length != 1 && a.length != b.length) {
      throw at.error(
          "scales of "
              + a.length
              + " and "
              + b.length
              + " values cannot be multiplied per channel");
    }
    double[] out = new double[Math.max(a.length, b.length)];
    for (int i = 0; i < out.length; i++) {
      out[i] = a[a.length == 1 ? 0 : i] * b[b.length == 1 ? 0 : i];
    }
    long[] dims = out.length == 1 ? new long[0] : new long[] {out.length};
    return new QuantParams(type, out, new double[] {0}, dims);
  }

  /** {@return the least value of an integer type} */
  static double min(Dtype d) {
    return switch (d) {
      case INT8 -> Byte.MIN_VALUE;
      case UINT8 -> 0;
      case INT16 -> Short.MIN_VALUE;
      case INT32 -> Integer.MIN_VALUE;
      default -> Long.MIN_VALUE;
    };
  }

  /** {@return the greatest value of an integer type} */
  static double max(Dtype d) {
    return switch (d) {
      case INT8 -> Byte.MAX_VALUE;
      case UINT8 -> 255;
      case INT16 -> Short.MAX_VALUE;
      case INT32 -> Integer.MAX_VALUE;
      default -> Long.MAX_VALUE;
    };
  }
}
