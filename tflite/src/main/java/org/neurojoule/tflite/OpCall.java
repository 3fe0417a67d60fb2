package org.neurojoule.tflite;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.neurojoule.Dtype;
import org.neurojoule.Layer;
import org.neurojoule.Precision;
import org.neurojoule.Tensor;
import org.neurojoule.TfliteImportException;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.ActivationLayer;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.ReLU;
import org.neurojoule.tflite.Value.Act;
import org.neurojoule.tflite.Value.Const;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Operator;

/**
 * One operator being imported: its place (subgraph, index, opcode), its inputs as {@link Value}s
 * and its outputs as the file declares them; and the helpers its mapping uses to read them, build
 * layers named after it, record their precision and raise errors that name it.
 */
final class OpCall {
  final String label;
  final int subgraph;
  final int index;
  final String opName;
  final Operator op;
  final List<Value> ins;
  final List<TensorInfo> outs;
  final String name;

  OpCall(
      String label,
      int subgraph,
      int index,
      String opName,
      Operator op,
      List<Value> ins,
      List<TensorInfo> outs,
      String name) {
    this.label = label;
    this.subgraph = subgraph;
    this.index = index;
    this.opName = opName;
    this.op = op;
    this.ins = ins;
    this.outs = outs;
    this.name = name;
  }

  /** {@return the place as messages name it: {@code subgraph 0, operator 3 (CONV_2D)}} */
  String place() {
    return "subgraph " + subgraph + ", operator " + index + " (" + opName + ")";
  }

  /** {@return an error naming the file, the subgraph and the operator} */
  TfliteImportException error(String problem) {
    return new TfliteImportException(label + ": " + place() + ": " + problem);
  }

  /** {@return the layer name of an extra layer of this operator: its name and a suffix} */
  String derived(String suffix) {
    return name + suffix;
  }

  /** {@return whether input {@code i} is given (TFLite marks an absent optional input -1)} */
  boolean has(int i) {
    return i < ins.size() && ins.get(i) != null;
  }

  /** {@return input {@code i}, which must be an activation} */
  Act act(int i) {
    if (!has(i)) {
      throw error("needs input " + i + ", an activation, but has " + ins.size() + " inputs");
    }
    if (ins.get(i) instanceof Act a) {
      return a;
    }
    throw error(
        "input "
            + i
            + " is a constant (tensor '"
            + ((Const) ins.get(i)).info().name()
            + "'), but it must be an activation computed from the model's input");
  }

  /** {@return input {@code i}, which must be a constant} */
  Const constant(int i) {
    if (!has(i)) {
      throw error("needs input " + i + ", a constant, but has " + ins.size() + " inputs");
    }
    if (ins.get(i) instanceof Const c) {
      return c;
    }
    throw error(
        "input "
            + i
            + " is computed from the model's input, but it must be a constant stored in"
            + " the file (weights, shapes and axes)");
  }

  /** {@return input {@code i} as a constant of shape {@code rank} dimensions, or null if absent} */
  Const optionalConstant(int i) {
    return has(i) ? constant(i) : null;
  }

  /** {@return output {@code i} as the file declares it} */
  TensorInfo out(int i) {
    if (i >= outs.size()) {
      throw error("needs output " + i + ", but has " + outs.size() + " outputs");
    }
    return outs.get(i);
  }

  /** {@return output 0's dimensions without the batch} */
  int[] outDims() {
    int[] s = out(0).shape();
    if (s.length < 2) {
      throw error(
          "output tensor '" + out(0).name() + "' has shape " + Arrays.toString(s) + ", no batch");
    }
    return Arrays.copyOfRange(s, 1, s.length);
  }

  /** {@return the stored format of output 0: the activations' format of this operator's layers} */
  Dtype outDtype() {
    return out(0)
        .dtype()
        .orElseThrow(
            () ->
                error(
                    "output tensor '"
                        + out(0).name()
                        + "' holds "
                        + out(0).typeName()
                        + " values, which do not import"));
  }

  /**
   * {@return the builtin options table of type {@code type}, or null where the operator has none
   * (the schema's defaults apply)}
   */
  <T extends com.google.flatbuffers.Table> T options(T table, byte type) {
    byte given = op.builtinOptionsType();
    if (given == BuiltinOptions.NONE) {
      return null;
    }
    if (given != type) {
      throw error(
          "has options of type "
              + optionsName(given)
              + ", but the operator takes "
              + optionsName(type));
    }
    @SuppressWarnings("unchecked")
    T t = (T) op.builtinOptions(table);
    return t;
  }

  private static String optionsName(byte type) {
    int t = type & 0xff;
    return t < BuiltinOptions.names.length ? BuiltinOptions.name(t) : "type " + t;
  }

  /** {@return what {@code step} gives, a layer's refusal as an error naming this operator} */
  <T> T guard(Supplier<T> step) {
    try {
      return step.get();
    } catch (TfliteImportException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      throw new TfliteImportException(label + ": " + place() + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@return {@code spec} applied to {@code inputs}, its precision recorded: this operator's
   * activations' format, and {@code weights} for its weight arrays}
   */
  Tensor apply(LayerSpec spec, List<Tensor> inputs, Dtype... weights) {
    Tensor t = guard(() -> Layer.of(spec).apply(inputs.toArray(new Tensor[0])));
    t.layer().setPrecision(Precision.of(outDtype(), weights));
    return t;
  }

  /** {@return {@code spec} applied to {@code in}, its precision recorded} */
  Tensor apply(LayerSpec spec, Tensor in, Dtype... weights) {
    return apply(spec, List.of(in), weights);
  }

  /** Sets the layer's weights, checked against its spec; a refusal names this operator. */
  void setWeights(Tensor t, float[]... weights) {
    guard(
        () -> {
          t.layer().setWeights(weights);
          return null;
        });
  }

  /** {@return {@code t} followed by the fused activation {@code fn}, if any} */
  Tensor fused(Tensor t, byte fn) {
    return switch (fn) {
      case ActivationFunctionType.NONE -> t;
      case ActivationFunctionType.RELU -> apply(ReLU.of().name(derived("_relu")), t);
      case ActivationFunctionType.RELU6 -> apply(ReLU.of().maxValue(6).name(derived("_relu6")), t);
      case ActivationFunctionType.TANH ->
          apply(ActivationLayer.of(Activation.TANH).name(derived("_tanh")), t);
      default ->
          throw error(
              "fused activation "
                  + (fn >= 0 && fn < ActivationFunctionType.names.length
                      ? ActivationFunctionType.name(fn)
                      : String.valueOf(fn))
                  + " is not supported (NONE, RELU, RELU6 and TANH are)");
    };
  }

  /** {@return the layer name for operator {@code index} of opcode {@code opName}} */
  static String layerName(String opName, int index) {
    return opName.toLowerCase(Locale.ROOT) + "_" + index;
  }
}
