package org.neurojoule.tflite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.tensorflow.lite.schema.BuiltinOperator;

/**
 * The TFLite operators that import, each a builtin opcode and its {@link Mapping}, registered here
 * by one line; {@link TfliteModels#supportedOperators()} and the importer read them from here. A
 * new operator is its mapping (in a family file) and its line below.
 */
final class OperatorTable {
  /** How one operator becomes layers: the value of its first output. */
  @FunctionalInterface
  interface Mapping {
    Value map(OpCall call);
  }

  /** Every operator that imports. */
  static final OperatorTable STANDARD =
      new OperatorTable()
          // Layers with weights
          .with(BuiltinOperator.CONV_2D, Convolutions::conv2d)
          .with(BuiltinOperator.DEPTHWISE_CONV_2D, Convolutions::depthwise)
          .with(BuiltinOperator.FULLY_CONNECTED, Convolutions::fullyConnected)
          .with(BuiltinOperator.TRANSPOSE_CONV, Convolutions::transpose)
          // Pooling and resizing
          .with(BuiltinOperator.AVERAGE_POOL_2D, Pools::average)
          .with(BuiltinOperator.MAX_POOL_2D, Pools::max)
          .with(BuiltinOperator.MEAN, Pools::mean)
          .with(BuiltinOperator.RESIZE_NEAREST_NEIGHBOR, Pools::resizeNearest)
          .with(BuiltinOperator.RESIZE_BILINEAR, Pools::resizeBilinear)
          // Arithmetic and merges
          .with(BuiltinOperator.ADD, Arithmetic::add)
          .with(BuiltinOperator.SUB, Arithmetic::sub)
          .with(BuiltinOperator.MUL, Arithmetic::mul)
          .with(BuiltinOperator.CONCATENATION, Arithmetic::concatenation)
          // Shapes
          .with(BuiltinOperator.RESHAPE, Shapes::reshape)
          .with(BuiltinOperator.SQUEEZE, Shapes::reshape)
          .with(BuiltinOperator.PAD, Shapes::pad)
          .with(BuiltinOperator.PADV2, Shapes::pad)
          .with(BuiltinOperator.STRIDED_SLICE, Shapes::stridedSlice)
          // Activations
          .with(BuiltinOperator.SOFTMAX, Activations::softmax)
          .with(BuiltinOperator.LOGISTIC, Activations::logistic)
          .with(BuiltinOperator.TANH, Activations::tanh)
          .with(BuiltinOperator.RELU, Activations::relu)
          .with(BuiltinOperator.RELU6, Activations::relu6)
          .with(BuiltinOperator.LEAKY_RELU, Activations::leakyRelu)
          .with(BuiltinOperator.HARD_SWISH, Activations::hardSwish)
          .with(BuiltinOperator.PRELU, Activations::prelu)
          // Quantization: the values stay real numbers, only their stored format changes
          .with(BuiltinOperator.QUANTIZE, Activations::requantize)
          .with(BuiltinOperator.DEQUANTIZE, Activations::requantize);

  private final Map<Integer, Mapping> byCode = new LinkedHashMap<>();

  private OperatorTable() {}

  private OperatorTable with(int code, Mapping mapping) {
    if (byCode.putIfAbsent(code, mapping) != null) {
      throw new IllegalStateException("opcode " + name(code) + " is registered twice");
    }
    return this;
  }

  /** {@return the mapping of builtin opcode {@code code}, if it imports} */
  Optional<Mapping> find(int code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** {@return the names of the operators that import, sorted} */
  List<String> names() {
    TreeSet<String> names = new TreeSet<>();
    byCode.keySet().forEach(c -> names.add(name(c)));
    return List.copyOf(names);
  }

  /** {@return the schema name of builtin opcode {@code code}, or {@code BUILTIN_<code>}} */
  static String name(int code) {
    return code >= 0 && code < BuiltinOperator.names.length && !BuiltinOperator.name(code).isEmpty()
        ? BuiltinOperator.name(code)
        : "BUILTIN_" + code;
  }
}
