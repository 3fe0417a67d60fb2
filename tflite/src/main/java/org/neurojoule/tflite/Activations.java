package org.neurojoule.tflite;

import java.util.Arrays;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.ActivationLayer;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LeakyReLU;
import org.neurojoule.layer.PReLU;
import org.neurojoule.layer.ReLU;
import org.neurojoule.layer.Rescaling;
import org.neurojoule.layer.Softmax;
import org.neurojoule.tflite.Value.Act;
import org.neurojoule.tflite.Value.Const;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.LeakyReluOptions;
import org.tensorflow.lite.schema.SoftmaxOptions;

/** Activation operators, and QUANTIZE / DEQUANTIZE, which change only a value's stored format. */
final class Activations {
  private Activations() {}

  /** SOFTMAX over the last axis; a beta other than 1 scales the input first. */
  static Value softmax(OpCall c) {
    Act x = c.act(0);
    SoftmaxOptions o = c.options(new SoftmaxOptions(), BuiltinOptions.SoftmaxOptions);
    float beta = o == null ? 1 : o.beta();
    if (!Float.isFinite(beta)) {
      throw c.error("beta " + beta + " is not finite");
    }
    Tensor in = x.tensor();
    if (beta != 1) {
      in = c.apply(Rescaling.of(beta).name(c.derived("_beta")), in);
    }
    return new Act(c.apply(Softmax.of().name(c.name), in), c.outDtype());
  }

  static Value logistic(OpCall c) {
    return unary(c, ActivationLayer.of(Activation.SIGMOID).name(c.name));
  }

  static Value tanh(OpCall c) {
    return unary(c, ActivationLayer.of(Activation.TANH).name(c.name));
  }

  static Value hardSwish(OpCall c) {
    return unary(c, ActivationLayer.of(Activation.HARD_SWISH).name(c.name));
  }

  static Value relu(OpCall c) {
    return unary(c, ReLU.of().name(c.name));
  }

  static Value relu6(OpCall c) {
    return unary(c, ReLU.of().maxValue(6).name(c.name));
  }

  static Value leakyRelu(OpCall c) {
    LeakyReluOptions o = c.options(new LeakyReluOptions(), BuiltinOptions.LeakyReluOptions);
    return unary(c, LeakyReLU.of().alpha(o == null ? 0 : o.alpha()).name(c.name));
  }

  /**
   * PRELU with a constant alpha broadcast from the last axes: a PReLU layer sharing alpha along the
   * axes where alpha has size 1.
   */
  static Value prelu(OpCall c) {
    Act x = c.act(0);
    Const alpha = c.constant(1);
    int[] dims = x.dims();
    int[] a = alpha.shape();
    int from = 0;
    while (a.length - from > dims.length && a[from] == 1) {
      from++;
    }
    a = Arrays.copyOfRange(a, from, a.length);
    if (a.length > dims.length) {
      throw c.error(
          "alpha of shape "
              + Arrays.toString(alpha.shape())
              + " does not fit the input "
              + Arrays.toString(dims));
    }
    int offset = dims.length - a.length;
    int[] shared = new int[dims.length];
    int n = 0;
    for (int i = 0; i < dims.length; i++) {
      int size = i < offset ? 1 : a[i - offset];
      if (size != dims[i] && size != 1) {
        throw c.error(
            "alpha of shape "
                + Arrays.toString(alpha.shape())
                + " does not broadcast to the"
                + " input "
                + Arrays.toString(dims));
      }
      if (size == 1 && dims[i] != 1) {
        shared[n++] = i + 1;
      }
    }
    PReLU spec = PReLU.of().sharedAxes(Arrays.copyOf(shared, n)).name(c.name);
    Tensor t = c.apply(spec, x.tensor(), alpha.stored());
    c.setWeights(t, alpha.floats());
    return new Act(t, c.outDtype());
  }

  private static Value unary(OpCall c, LayerSpec spec) {
    return new Act(c.apply(spec, c.act(0).tensor()), c.outDtype());
  }

  /**
   * QUANTIZE and DEQUANTIZE: the real values stay, only their stored format changes. An activation
   * passes on; a constant (a float16 or int8 weight that DEQUANTIZE turns into float32 at run time)
   * keeps the format the file stores it in, which its layer then records.
   */
  static Value requantize(OpCall c) {
    if (!c.has(0)) {
      throw c.error("needs an input");
    }
    if (c.ins.get(0) instanceof Const k) {
      return k;
    }
    return new Act(c.act(0).tensor(), c.outDtype());
  }
}
