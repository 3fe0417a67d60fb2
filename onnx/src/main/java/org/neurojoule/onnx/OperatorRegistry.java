package org.neurojoule.onnx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The ONNX operators the importer knows, each an {@link Operator} registered here by one line; the
 * lists of supported, foldable and mapped operators are read from them. A new operator is its
 * descriptor (in a family file, or a file of its own) and its line below.
 */
final class OperatorRegistry {
  /** Every operator of the standard domain that imports. */
  static final OperatorRegistry STANDARD =
      new OperatorRegistry(
          List.of(
              // Layers with weights
              ConvOperators.CONV,
              ConvOperators.CONV_TRANSPOSE,
              DenseOperators.GEMM,
              DenseOperators.MAT_MUL,
              NormalizationOperators.BATCH_NORMALIZATION,
              NormalizationOperators.LAYER_NORMALIZATION,
              SequenceOperators.LSTM,
              SequenceOperators.GRU,
              SequenceOperators.RNN,
              // Activations
              ActivationOperators.RELU,
              ActivationOperators.CLIP,
              ActivationOperators.LEAKY_RELU,
              ActivationOperators.PRELU,
              ActivationOperators.ELU,
              ActivationOperators.SELU,
              ActivationOperators.SIGMOID,
              ActivationOperators.HARD_SIGMOID,
              ActivationOperators.TANH,
              ActivationOperators.HARD_SWISH,
              ActivationOperators.GELU,
              ActivationOperators.SOFTMAX,
              ActivationOperators.LOG_SOFTMAX,
              ActivationOperators.NEG,
              ActivationOperators.EXP,
              ActivationOperators.ABS,
              ActivationOperators.SOFTPLUS,
              ActivationOperators.SOFTSIGN,
              // Pooling, padding, resizing
              PoolOperators.MAX_POOL,
              PoolOperators.AVERAGE_POOL,
              PoolOperators.GLOBAL_AVERAGE_POOL,
              PoolOperators.GLOBAL_MAX_POOL,
              PoolOperators.REDUCE_MEAN,
              PoolOperators.PAD,
              PoolOperators.RESIZE,
              PoolOperators.UPSAMPLE,
              // Arithmetic and merges
              MergeOperators.ADD,
              MergeOperators.SUB,
              MergeOperators.MUL,
              MergeOperators.DIV,
              MergeOperators.CONCAT,
              // Shapes
              ShapeOperators.RESHAPE,
              ShapeOperators.FLATTEN,
              ShapeOperators.SQUEEZE,
              ShapeOperators.UNSQUEEZE,
              ShapeOperators.TRANSPOSE,
              ShapeOperators.SHAPE,
              SliceOperators.SPLIT,
              SliceOperators.SLICE,
              SliceOperators.GATHER,
              // Constants and pass-throughs
              ConstantOperators.CONSTANT,
              ConstantOperators.IDENTITY,
              ConstantOperators.DROPOUT,
              ConstantOperators.CAST,
              ConstantOperators.CONSTANT_OF_SHAPE,
              ConstantOperators.EQUAL,
              ConstantOperators.WHERE,
              SequenceOperators.EXPAND,
              // Quantized graphs
              QuantOperators.QUANTIZE_LINEAR,
              QuantOperators.DEQUANTIZE_LINEAR,
              QuantOperators.QLINEAR_CONV,
              QuantOperators.QLINEAR_MAT_MUL,
              QuantOperators.CONV_INTEGER,
              QuantOperators.MAT_MUL_INTEGER));

  private final Map<String, Operator> byName = new LinkedHashMap<>();

  /**
   * Creates a registry of {@code operators}.
   *
   * @throws IllegalArgumentException where two have the same name
   */
  OperatorRegistry(List<Operator> operators) {
    for (Operator op : operators) {
      if (byName.putIfAbsent(op.name(), op) != null) {
        throw new IllegalArgumentException("operator " + op.name() + " is registered twice");
      }
    }
  }

  /** {@return the operator of ONNX type {@code opType}, if registered} */
  Optional<Operator> find(String opType) {
    return Optional.ofNullable(byName.get(opType));
  }

  /** {@return whether {@code opType} imports} */
  boolean knows(String opType) {
    return byName.containsKey(opType);
  }

  /** {@return the operators in registration order} */
  List<Operator> operators() {
    return List.copyOf(byName.values());
  }

  /** {@return the names of every operator, sorted} */
  Set<String> names() {
    return namesOf(op -> true);
  }

  /** {@return the names of the operators that evaluate on constants} */
  Set<String> foldable() {
    return namesOf(Operator::foldable);
  }

  /** {@return the names of the operators that map onto layers} */
  Set<String> mapped() {
    return namesOf(Operator::mapped);
  }

  private Set<String> namesOf(Predicate<Operator> p) {
    List<String> out = new ArrayList<>();
    byName.values().stream().filter(p).forEach(op -> out.add(op.name()));
    return new TreeSet<>(out);
  }
}
