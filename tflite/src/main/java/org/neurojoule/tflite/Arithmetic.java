package org.neurojoule.tflite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Add;
import org.neurojoule.layer.AddWeight;
import org.neurojoule.layer.Concatenate;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.Merge;
import org.neurojoule.layer.MulWeight;
import org.neurojoule.tflite.Value.Act;
import org.neurojoule.tflite.Value.Const;
import org.tensorflow.lite.schema.AddOptions;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.ConcatenationOptions;
import org.tensorflow.lite.schema.MulOptions;
import org.tensorflow.lite.schema.SubOptions;

/**
 * ADD, SUB, MUL and CONCATENATION: of two activations, a merge layer; of an activation and a
 * constant, a layer that stores the constant (AddWeight, MulWeight), broadcast from the last axes.
 */
final class Arithmetic {
  private Arithmetic() {}

  static Value add(OpCall c) {
    AddOptions o = c.options(new AddOptions(), BuiltinOptions.AddOptions);
    return binary(c, Add.of().name(c.name), 1, o == null ? 0 : o.fusedActivationFunction());
  }

  static Value sub(OpCall c) {
    SubOptions o = c.options(new SubOptions(), BuiltinOptions.SubOptions);
    return binary(
        c, Merge.subtract().name(c.name), -1, o == null ? 0 : o.fusedActivationFunction());
  }

  static Value mul(OpCall c) {
    MulOptions o = c.options(new MulOptions(), BuiltinOptions.MulOptions);
    return binary(c, Merge.multiply().name(c.name), 0, o == null ? 0 : o.fusedActivationFunction());
  }

  /**
   * Two activations merge; with a constant, {@code sign} 1 adds it, -1 subtracts it (an add of its
   * negation), 0 multiplies by it.
   */
  private static Value binary(OpCall c, LayerSpec merge, int sign, byte fn) {
    if (!c.has(0) || !c.has(1)) {
      throw c.error("needs two inputs");
    }
    Tensor t;
    if (c.ins.get(0) instanceof Act a && c.ins.get(1) instanceof Act b) {
      t = c.apply(merge, List.of(a.tensor(), b.tensor()));
    } else if (c.ins.get(0) instanceof Act a) {
      t = withConstant(c, a, c.constant(1), sign);
    } else if (sign != -1 && c.ins.get(1) instanceof Act b) {
      t = withConstant(c, b, c.constant(0), sign);
    } else if (sign == -1 && c.ins.get(1) instanceof Act) {
      throw c.error("a constant minus an activation is not supported");
    } else {
      throw c.error("both inputs are constants; nothing here depends on the model's input");
    }
    return new Act(c.fused(t, fn), c.outDtype());
  }

  private static Tensor withConstant(OpCall c, Act x, Const k, int sign) {
    int[] s = broadcastShape(c, x, k);
    double[] v = k.values();
    float[] w = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      w[i] = (float) (sign == -1 ? -v[i] : v[i]);
    }
    LayerSpec spec = sign == 0 ? MulWeight.of(s).name(c.name) : AddWeight.of(s).name(c.name);
    Tensor t = c.apply(spec, x.tensor(), k.stored());
    c.setWeights(t, w);
    return t;
  }

  /** The constant's shape less leading sizes of 1 beyond the activation's rank; [1] if scalar. */
  private static int[] broadcastShape(OpCall c, Act x, Const k) {
    int[] s = k.shape();
    int rank = x.dims().length;
    int from = 0;
    while (s.length - from > rank && s[from] == 1) {
      from++;
    }
    int[] out = Arrays.copyOfRange(s, from, s.length);
    if (out.length > rank) {
      throw c.error(
          "constant '"
              + k.info().name()
              + "' of shape "
              + Arrays.toString(s)
              + " has more dimensions than the activation "
              + Arrays.toString(x.dims()));
    }
    return out.length == 0 ? new int[] {1} : out;
  }

  /** CONCATENATION along an axis (counted with the batch, as TFLite and Keras count it). */
  static Value concatenation(OpCall c) {
    List<Tensor> parts = new ArrayList<>();
    int rank = -1;
    for (int i = 0; i < c.ins.size(); i++) {
      Act a = c.act(i);
      parts.add(a.tensor());
      rank = a.dims().length + 1;
    }
    if (parts.isEmpty()) {
      throw c.error("has no inputs");
    }
    ConcatenationOptions o =
        c.options(new ConcatenationOptions(), BuiltinOptions.ConcatenationOptions);
    int axis = o == null ? 0 : o.axis();
    int fromEnd = axis < 0 ? axis : axis - rank;
    if (fromEnd < -(rank - 1) || fromEnd >= 0) {
      throw c.error(
          "axis " + axis + " is not an axis after the batch of a " + rank + "-dimensional input");
    }
    Tensor t =
        parts.size() == 1
            ? parts.get(0)
            : c.apply(Concatenate.of().axis(fromEnd).name(c.name), parts);
    return new Act(c.fused(t, o == null ? 0 : o.fusedActivationFunction()), c.outDtype());
  }
}
