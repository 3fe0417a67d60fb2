package org.neurojoule.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.neurojoule.Dtype;
import org.neurojoule.Precision;

/**
 * Quantized ONNX as {@link Operator}s. Activations carry their dequantized values and weights are
 * dequantized floats, so the layers are those of the float graph; what the file stores as integers
 * each layer records in its {@link Precision} ({@link Quantized}).
 *
 * <ul>
 *   <li>QuantizeLinear and DequantizeLinear of a constant fold (an int8 initializer dequantized to
 *       the weight of the Conv, Gemm or MatMul after it, which records int8); of an activation they
 *       are zero-cost identities that record its type.
 *   <li>QLinearConv and QLinearMatMul are a Conv and a dense layer (or a MatMul of two activations)
 *       of dequantized weights: per-tensor or per-channel weight scales, an int32 bias at the input
 *       scale times the weight scale.
 *   <li>ConvInteger and MatMulInteger compute the int32 accumulator: their input carries {@code x -
 *       x_zero_point}, their weights are {@code w - w_zero_point}, at scale 1.
 * </ul>
 */
final class QuantOperators {
  private QuantOperators() {}

  static final Operator QUANTIZE_LINEAR =
      Operator.named("QuantizeLinear")
          .inputs(2, 3)
          .reads("axis", "block_size", "output_dtype", "saturate")
          .folds(QuantOperators::quantizeConstant)
          .anyLayout()
          .maps(QuantOperators::quantizeActivation)
          .build();

  static final Operator DEQUANTIZE_LINEAR =
      Operator.named("DequantizeLinear")
          .inputs(2, 3)
          .reads("axis", "block_size")
          .folds(QuantOperators::dequantizeConstant)
          .anyLayout()
          .maps(QuantOperators::dequantizeActivation)
          .build();

  static final Operator QLINEAR_CONV =
      Operator.named("QLinearConv")
          .inputs(8, 9)
          .reads("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides")
          .maps(QuantOperators::qlinearConv)
          .build();

  static final Operator QLINEAR_MAT_MUL =
      Operator.named("QLinearMatMul")
          .inputs(8, 8)
          .anyLayout()
          .maps(QuantOperators::qlinearMatMul)
          .build();

  static final Operator CONV_INTEGER =
      Operator.named("ConvInteger")
          .inputs(2, 4)
          .reads("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides")
          .maps(QuantOperators::convInteger)
          .build();

  static final Operator MAT_MUL_INTEGER =
      Operator.named("MatMulInteger")
          .inputs(2, 4)
          .anyLayout()
          .maps(QuantOperators::matMulInteger)
          .build();

  /** ONNX's default type where a QuantizeLinear names no zero point or output_dtype. */
  private static final Dtype DEFAULT = Dtype.UINT8;

  /** QuantizeLinear's output type: its zero point's, else output_dtype, else uint8. */
  private static QuantParams quantizeParams(Call c) {
    Dtype fallback = DEFAULT;
    long out = c.at.integer("output_dtype", 0);
    if (out != 0) {
      fallback = TensorData.dtype((int) out);
      if (fallback == null || !fallback.isInteger() || fallback == Dtype.INT64) {
        throw c.at.error(
            "output_dtype "
                + TensorData.typeName((int) out)
                + " is not supported (int8, uint8, int16 and int32 are)");
      }
    }
    return QuantParams.read(c, 1, 2, fallback);
  }

  private static Const quantizeConstant(Call c) {
    Const x = c.values().get(0);
    if (x.quantized()) {
      throw c.at.error(
          "input '" + c.at.inputs().get(0) + "' is already " + x.stored() + "; it needs floats");
    }
    return quantizeParams(c)
        .quantize(c.at, "input '" + c.at.inputs().get(0) + "'", x, axis(c), block(c));
  }

  private static Act quantizeActivation(Call c) {
    Act x = c.x();
    QuantParams q = quantizeParams(c);
    if (!foldedRelu(c, x, q)) {
      c.quantized.mark(x.tensor(), q.dtype());
      return x;
    }
    // The layer before computes on the quantized values too; its output is clipped by the ReLU.
    c.quantized.mark(x.tensor(), q.dtype());
    Act y = c.same(c.at.guard(() -> x.tensor().relu(r -> r.name(c.at.derived("_relu")))));
    c.quantized.mark(y.tensor(), q.dtype());
    return y;
  }

  /** The layers after which onnxruntime's quantizer folds a Relu into the QuantizeLinear. */
  private static final Set<String> COMPUTING =
      Set.of("Dense", "DepthwiseConv2D", "Add", "AddWeight", "Conv2DTranspose", "MatMul");

  /**
   * {@return whether the QuantizeLinear of {@code x} clips at zero a value that its producer can
   * make negative} A zero point at its type's least value makes the quantized range start at 0:
   * onnxruntime's quantizer then drops the Relu between a convolution, dense layer or Add and its
   * QuantizeLinear, which clips instead. The import puts the ReLU back (activations carry
   * dequantized values, which nothing would clip), so the layers are the float model's.
   */
  private static boolean foldedRelu(Call c, Act x, QuantParams q) {
    for (double z : q.zeroPoint()) {
      if (z != QuantParams.min(q.dtype())) {
        return false;
      }
    }
    String type = x.tensor().layer().spec().type();
    return type.startsWith("Conv") || COMPUTING.contains(type);
  }

  private static Const dequantizeConstant(Call c) {
    Const x = c.values().get(0);
    String input = "input '" + c.at.inputs().get(0) + "'";
    if (!x.quantized()) {
      throw c.at.error(
          input
              + " is of type "
              + (x.stored() == null ? "bool" : x.stored())
              + "; DequantizeLinear of int8, uint8, int16 and int32 is supported");
    }
    QuantParams q = QuantParams.read(c, 1, 2, x.stored());
    checkSameType(c, x.stored(), q);
    return q.dequantize(c.at, input, x, axis(c), block(c));
  }

  private static Act dequantizeActivation(Call c) {
    Act x = c.x();
    Dtype known = c.quantized.typeOf(x.tensor());
    QuantParams q = QuantParams.read(c, 1, 2, known == null ? DEFAULT : known);
    if (known == null) {
      c.quantized.mark(x.tensor(), q.dtype());
    } else if (c.present(2)) {
      checkSameType(c, known, q);
    }
    if (block(c) != 0) {
      throw c.at.error("block_size on an activation is not supported (only on a constant weight)");
    }
    return x;
  }

  /** A zero point must have its tensor's type (ONNX's rule), or the range check means nothing. */
  private static void checkSameType(Call c, Dtype x, QuantParams q) {
    if (c.present(2) && q.dtype() != x) {
      throw c.at.error(
          "zero point '"
              + c.at.inputs().get(2)
              + "' is "
              + q.dtype()
              + ", but input '"
              + c.at.inputs().get(0)
              + "' is "
              + x);
    }
  }

  private static long axis(Call c) {
    return c.at.integer("axis", 1);
  }

  private static long block(Call c) {
    return c.at.integer("block_size", 0);
  }

  /**
   * QLinearConv: x, x_scale, x_zero_point, w, w_scale, w_zero_point, y_scale, y_zero_point and an
   * optional int32 bias B.
   */
  private static Act qlinearConv(Call c) {
    Act x = c.x();
    QuantParams xq = QuantParams.read(c, 1, 2, typeOr(c, x, DEFAULT));
    Const w = quantizedConstant(c, 3, "weight");
    QuantParams wq = QuantParams.read(c, 4, 5, w.stored());
    checkZeroType(c, 5, w, wq);
    QuantParams yq = QuantParams.read(c, 6, 7, DEFAULT);
    List<Object> ins = new ArrayList<>(List.of(x, dequantizeWeight(c, 3, wq, w, 0)));
    List<Dtype> stored = new ArrayList<>(List.of(w.stored()));
    if (c.present(8)) {
      ins.add(bias(c, 8, xq, wq, (int) w.dims()[0]));
      stored.add(Dtype.INT32);
    }
    Act y = ConvOperators.conv(c.with(ins));
    return quantizedOutput(c, y, yq.dtype(), stored);
  }

  /**
   * QLinearMatMul: a, a_scale, a_zero_point, b, b_scale, b_zero_point, y_scale, y_zero_point; b a
   * stored weight (per-tensor or per-column scales) or a second activation.
   */
  private static Act qlinearMatMul(Call c) {
    Act a = c.x();
    QuantParams.read(c, 1, 2, typeOr(c, a, DEFAULT));
    QuantParams yq = QuantParams.read(c, 6, 7, DEFAULT);
    if (c.ins.get(3) instanceof Act b) {
      QuantParams.read(c, 4, 5, typeOr(c, b, DEFAULT));
      Act y = DenseOperators.matMul(c.with(List.of(a, b)));
      return quantizedOutput(c, y, yq.dtype(), List.of());
    }
    Const b = quantizedConstant(c, 3, "weight");
    QuantParams bq = QuantParams.read(c, 4, 5, b.stored());
    checkZeroType(c, 5, b, bq);
    Const weight = dequantizeWeight(c, 3, bq, b, -1);
    Act y = DenseOperators.matMul(c.with(List.of(a, weight)));
    return quantizedOutput(c, y, yq.dtype(), List.of(b.stored()));
  }

  /** ConvInteger: x, w, x_zero_point, w_zero_point; its output the int32 accumulator. */
  private static Act convInteger(Call c) {
    Act x = c.x();
    zeroPointOnly(c, 2, typeOr(c, x, DEFAULT));
    Const w = quantizedConstant(c, 1, "weight");
    QuantParams wq = integerParams(c, 3, w);
    Act y = ConvOperators.conv(c.with(List.of(x, dequantizeWeight(c, 1, wq, w, 0))));
    return quantizedOutput(c, y, Dtype.INT32, List.of(w.stored()));
  }

  /** MatMulInteger: A, B, a_zero_point, b_zero_point; its output the int32 accumulator. */
  private static Act matMulInteger(Call c) {
    Act a = c.x();
    zeroPointOnly(c, 2, typeOr(c, a, DEFAULT));
    if (c.ins.get(1) instanceof Act b) {
      zeroPointOnly(c, 3, typeOr(c, b, DEFAULT));
      Act y = DenseOperators.matMul(c.with(List.of(a, b)));
      return quantizedOutput(c, y, Dtype.INT32, List.of());
    }
    Const b = quantizedConstant(c, 1, "weight");
    QuantParams bq = integerParams(c, 3, b);
    Act y = DenseOperators.matMul(c.with(List.of(a, dequantizeWeight(c, 1, bq, b, -1))));
    return quantizedOutput(c, y, Dtype.INT32, List.of(b.stored()));
  }

  /** The type an activation is stored in: as recorded, else {@code fallback}. */
  private static Dtype typeOr(Call c, Act x, Dtype fallback) {
    Dtype t = c.quantized.typeOf(x.tensor());
    return t == null ? fallback : t;
  }

  /** Input {@code i}: a constant with its values, stored as quantized integers. */
  private static Const quantizedConstant(Call c, int i, String what) {
    Const k = QuantParams.given(c, i, what);
    if (!k.quantized()) {
      throw c.at.error(
          what
              + " '"
              + c.at.inputs().get(i)
              + "' is of type "
              + (k.stored() == null ? "bool" : k.stored())
              + "; "
              + c.at.op()
              + " takes int8, uint8, int16 or int32");
    }
    return k;
  }

  private static void checkZeroType(Call c, int zeroAt, Const w, QuantParams q) {
    if (c.present(zeroAt) && q.dtype() != w.stored()) {
      throw c.at.error(
          "zero point '"
              + c.at.inputs().get(zeroAt)
              + "' is "
              + q.dtype()
              + ", but weight '"
              + c.at.inputs().get(zeroAt - 2)
              + "' is "
              + w.stored());
    }
  }

  /**
   * A weight dequantized: per tensor, or per channel along {@code axis} (a Conv's filters, 0; a
   * MatMul's columns, -1).
   */
  private static Const dequantizeWeight(Call c, int i, QuantParams q, Const w, long axis) {
    return q.dequantize(c.at, "weight '" + c.at.inputs().get(i) + "'", w, axis, 0);
  }

  /** The int32 bias at the input scale times the weight scale (per filter), zero point 0. */
  private static Const bias(Call c, int i, QuantParams x, QuantParams w, int filters) {
    Const b = quantizedConstant(c, i, "bias");
    if (b.stored() != Dtype.INT32) {
      throw c.at.error(
          "bias '" + c.at.inputs().get(i) + "' is " + b.stored() + "; it must be int32");
    }
    if (b.count() != filters) {
      throw c.at.error(
          "bias '"
              + c.at.inputs().get(i)
              + "' "
              + Const.text(b.dims())
              + " must hold one value per filter, "
              + filters);
    }
    QuantParams q = x.times(c.at, w, Dtype.INT32);
    return q.dequantize(c.at, "bias '" + c.at.inputs().get(i) + "'", b, 0, 0);
  }

  /** ConvInteger's and MatMulInteger's zero point of an activation: checked, not used. */
  private static void zeroPointOnly(Call c, int i, Dtype fallback) {
    if (c.present(i)) {
      zeroPoint(c, i, fallback);
    }
  }

  /** ConvInteger's and MatMulInteger's weight at scale 1, less its zero point at {@code zeroAt}. */
  private static QuantParams integerParams(Call c, int zeroAt, Const w) {
    if (!c.present(zeroAt)) {
      return QuantParams.identity(w.stored());
    }
    QuantParams q = zeroPoint(c, zeroAt, w.stored());
    checkZeroType(c, zeroAt, w, q);
    return q;
  }

  /**
   * The zero point at input {@code zeroAt}, checked, with scales of 1 (these operators have none).
   */
  private static QuantParams zeroPoint(Call c, int zeroAt, Dtype fallback) {
    Const z = c.constant(zeroAt);
    double[] ones = new double[Math.toIntExact(Math.max(1, z.count()))];
    Arrays.fill(ones, 1);
    List<Object> ins = new ArrayList<>(c.ins);
    ins.set(0, new Const(z.dims(), ones));
    return QuantParams.read(c.with(ins), 0, zeroAt, fallback);
  }

  /** The output of a QLinear or Integer operator: its type recorded, and its layer's precision. */
  private static Act quantizedOutput(Call c, Act y, Dtype type, List<Dtype> weights) {
    y.tensor().layer().setPrecision(new Precision(type, weights));
    c.quantized.mark(y.tensor(), type);
    return y;
  }
}
