package org.neurojoule.tflite;

import java.util.Arrays;
import org.neurojoule.Dtype;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.ConvTranspose;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.DepthwiseConv2D;
import org.neurojoule.layer.Flatten;
import org.neurojoule.layer.Padding;
import org.neurojoule.tflite.Value.Act;
import org.neurojoule.tflite.Value.Const;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Conv2DOptions;
import org.tensorflow.lite.schema.DepthwiseConv2DOptions;
import org.tensorflow.lite.schema.FullyConnectedOptions;
import org.tensorflow.lite.schema.FullyConnectedOptionsWeightsFormat;
import org.tensorflow.lite.schema.TransposeConvOptions;

/**
 * The operators with weights: convolutions, depthwise and transposed convolutions, fully connected.
 * TFLite's kernels are rearranged into Keras' layout (TFLite's activations are channels last, as
 * Keras'); their dequantized values become the layer's weights, their stored formats its precision.
 */
final class Convolutions {
  private Convolutions() {}

  /** CONV_2D: filter {@code [out, kh, kw, in / groups]}, optional bias {@code [out]}. */
  static Value conv2d(OpCall c) {
    Act x = c.act(0);
    Const w = c.constant(1);
    Const b = c.optionalConstant(2);
    int[] ws = shape(c, w, 4, "filter");
    int[] in = spatial(c, x);
    int filters = ws[0];
    int groups = in[2] / Math.max(1, ws[3]);
    if (ws[3] < 1 || in[2] % ws[3] != 0) {
      throw c.error(
          "filter "
              + Arrays.toString(ws)
              + " takes "
              + ws[3]
              + " channels, which do not divide the input's "
              + in[2]);
    }
    bias(c, b, filters);
    Conv2DOptions o = c.options(new Conv2DOptions(), BuiltinOptions.Conv2DOptions);
    Conv spec =
        Conv.of(2, filters, ws[1], ws[2])
            .strides(o == null ? 1 : o.strideH(), o == null ? 1 : o.strideW())
            .dilationRate(o == null ? 1 : o.dilationHFactor(), o == null ? 1 : o.dilationWFactor())
            .padding(padding(c, o == null ? 0 : o.padding()))
            .groups(groups)
            .useBias(b != null)
            .name(c.name);
    Tensor t = c.apply(spec, x.tensor(), dtypes(w, b));
    int area = ws[1] * ws[2];
    int cin = ws[3];
    double[] v = w.values();
    float[] kernel = new float[v.length];
    for (int o2 = 0; o2 < filters; o2++) {
      for (int p = 0; p < area; p++) {
        for (int i = 0; i < cin; i++) {
          kernel[(p * cin + i) * filters + o2] = (float) v[(o2 * area + p) * cin + i];
        }
      }
    }
    set(c, t, kernel, b);
    return new Act(c.fused(t, o == null ? 0 : o.fusedActivationFunction()), c.outDtype());
  }

  /** DEPTHWISE_CONV_2D: filter {@code [1, kh, kw, in * multiplier]}, Keras' order already. */
  static Value depthwise(OpCall c) {
    Act x = c.act(0);
    Const w = c.constant(1);
    Const b = c.optionalConstant(2);
    int[] ws = shape(c, w, 4, "filter");
    int[] in = spatial(c, x);
    if (ws[0] != 1 || in[2] < 1 || ws[3] % in[2] != 0) {
      throw c.error(
          "filter "
              + Arrays.toString(ws)
              + " is no depthwise filter [1, kh, kw, channels * multiplier] of the input's "
              + in[2]
              + " channels");
    }
    int multiplier = ws[3] / in[2];
    bias(c, b, ws[3]);
    DepthwiseConv2DOptions o =
        c.options(new DepthwiseConv2DOptions(), BuiltinOptions.DepthwiseConv2DOptions);
    DepthwiseConv2D spec =
        DepthwiseConv2D.of(ws[1], ws[2])
            .strides(o == null ? 1 : o.strideH(), o == null ? 1 : o.strideW())
            .dilationRate(o == null ? 1 : o.dilationHFactor(), o == null ? 1 : o.dilationWFactor())
            .padding(padding(c, o == null ? 0 : o.padding()))
            .depthMultiplier(multiplier)
            .useBias(b != null)
            .name(c.name);
    Tensor t = c.apply(spec, x.tensor(), dtypes(w, b));
    set(c, t, w.floats(), b);
    return new Act(c.fused(t, o == null ? 0 : o.fusedActivationFunction()), c.outDtype());
  }

  /**
   * FULLY_CONNECTED: weights {@code [units, in]}; an input of more dimensions is flattened first
   * when its size is {@code in}, else the layer applies to its last axis (keep_num_dims).
   */
  static Value fullyConnected(OpCall c) {
    Act x = c.act(0);
    Const w = c.constant(1);
    Const b = c.optionalConstant(2);
    int[] ws = shape(c, w, 2, "weights");
    FullyConnectedOptions o =
        c.options(new FullyConnectedOptions(), BuiltinOptions.FullyConnectedOptions);
    if (o != null && o.weightsFormat() != FullyConnectedOptionsWeightsFormat.DEFAULT) {
      throw c.error("shuffled weight formats are not supported (only DEFAULT)");
    }
    int units = ws[0];
    int inputs = ws[1];
    bias(c, b, units);
    int[] dims = x.dims();
    long size = 1;
    for (int d : dims) {
      size *= d;
    }
    Tensor in = x.tensor();
    if (dims.length > 1 && size == inputs && (o == null || !o.keepNumDims())) {
      in = c.apply(Flatten.of().name(c.derived("_flatten")), in);
    } else if (dims[dims.length - 1] != inputs) {
      throw c.error(
          "weights "
              + Arrays.toString(ws)
              + " take "
              + inputs
              + " values, but the input has shape "
              + Arrays.toString(dims));
    }
    Tensor t = c.apply(Dense.of(units).useBias(b != null).name(c.name), in, dtypes(w, b));
    double[] v = w.values();
    float[] kernel = new float[v.length];
    for (int u = 0; u < units; u++) {
      for (int i = 0; i < inputs; i++) {
        kernel[i * units + u] = (float) v[u * inputs + i];
      }
    }
    set(c, t, kernel, b);
    return new Act(c.fused(t, o == null ? 0 : o.fusedActivationFunction()), c.outDtype());
  }

  /**
   * TRANSPOSE_CONV: inputs output shape, filter {@code [out, kh, kw, in]}, activation, optional
   * bias; the output shape the file gives must be the one the padding makes.
   */
  static Value transpose(OpCall c) {
    Const outputShape = c.constant(0);
    Const w = c.constant(1);
    Act x = c.act(2);
    Const b = c.optionalConstant(3);
    int[] ws = shape(c, w, 4, "filter");
    int[] in = spatial(c, x);
    if (ws[3] != in[2]) {
      throw c.error(
          "filter "
              + Arrays.toString(ws)
              + " takes "
              + ws[3]
              + " channels, the input has "
              + in[2]);
    }
    int filters = ws[0];
    bias(c, b, filters);
    TransposeConvOptions o =
        c.options(new TransposeConvOptions(), BuiltinOptions.TransposeConvOptions);
    ConvTranspose spec =
        ConvTranspose.of(2, filters, ws[1], ws[2])
            .strides(o == null ? 1 : o.strideH(), o == null ? 1 : o.strideW())
            .padding(padding(c, o == null ? 0 : o.padding()))
            .useBias(b != null)
            .name(c.name);
    Tensor t = c.apply(spec, x.tensor(), dtypes(w, b));
    long[] given = outputShape.integers();
    int[] made = t.shape().toArray();
    if (given.length != 4 || given[1] != made[0] || given[2] != made[1] || given[3] != made[2]) {
      throw c.error(
          "output shape "
              + Arrays.toString(given)
              + " is not the "
              + Arrays.toString(made)
              + " (without the batch) that its padding and strides give");
    }
    int area = ws[1] * ws[2];
    int cin = ws[3];
    double[] v = w.values();
    float[] kernel = new float[v.length];
    for (int o2 = 0; o2 < filters; o2++) {
      for (int p = 0; p < area; p++) {
        for (int i = 0; i < cin; i++) {
          // Keras' (kh, kw, out, in).
          kernel[(p * filters + o2) * cin + i] = (float) v[(o2 * area + p) * cin + i];
        }
      }
    }
    set(c, t, kernel, b);
    return new Act(c.fused(t, o == null ? 0 : o.fusedActivationFunction()), c.outDtype());
  }

  /** {@return the stored formats of the weight arrays} */
  static Dtype[] dtypes(Const w, Const b) {
    return b == null ? new Dtype[] {w.stored()} : new Dtype[] {w.stored(), b.stored()};
  }

  private static void set(OpCall c, Tensor t, float[] kernel, Const b) {
    if (b == null) {
      c.setWeights(t, kernel);
    } else {
      c.setWeights(t, kernel, b.floats());
    }
  }

  private static void bias(OpCall c, Const b, int n) {
    if (b != null && b.values().length != n) {
      throw c.error(
          "bias '"
              + b.info().name()
              + "' has shape "
              + Arrays.toString(b.shape())
              + ", but the layer has "
              + n
              + " outputs");
    }
  }

  /** {@return the constant's shape, checked to have {@code rank} positive dimensions} */
  static int[] shape(OpCall c, Const w, int rank, String what) {
    int[] s = w.shape();
    if (s.length != rank || Arrays.stream(s).anyMatch(d -> d < 1)) {
      throw c.error(
          what
              + " '"
              + w.info().name()
              + "' has shape "
              + Arrays.toString(s)
              + "; it needs "
              + rank
              + " positive dimensions");
    }
    return s;
  }

  /** {@return the activation's (height, width, channels), checked} */
  static int[] spatial(OpCall c, Act x) {
    int[] d = x.dims();
    if (d.length != 3) {
      throw c.error(
          "needs an input of (height, width, channels) after the batch, but its input has"
              + " shape "
              + Arrays.toString(d));
    }
    return d;
  }

  /** {@return TFLite's padding (0 SAME, 1 VALID) as NeuroJoule's} */
  static Padding padding(OpCall c, byte p) {
    return switch (p) {
      case org.tensorflow.lite.schema.Padding.SAME -> Padding.SAME;
      case org.tensorflow.lite.schema.Padding.VALID -> Padding.VALID;
      default -> throw c.error("padding " + p + " is neither SAME (0) nor VALID (1)");
    };
  }
}
