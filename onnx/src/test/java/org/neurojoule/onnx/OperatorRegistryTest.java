package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry of ONNX operators: the lists it derives and the rules on its descriptors. */
class OperatorRegistryTest {
  private static final OperatorRegistry STANDARD = OperatorRegistry.STANDARD;

  @Test
  void standard_listsEveryOperatorThatImports() {
    assertThat(STANDARD.names())
        .containsExactly(
            "Abs",
            "Add",
            "AveragePool",
            "BatchNormalization",
            "Cast",
            "Clip",
            "Concat",
            "Constant",
            "ConstantOfShape",
            "Conv",
            "ConvInteger",
            "ConvTranspose",
            "DequantizeLinear",
            "Div",
            "Dropout",
            "Elu",
            "Equal",
            "Exp",
            "Expand",
            "Flatten",
            "GRU",
            "Gather",
            "Gelu",
            "Gemm",
            "GlobalAveragePool",
            "GlobalMaxPool",
            "HardSigmoid",
            "HardSwish",
            "Identity",
            "LSTM",
            "LayerNormalization",
            "LeakyRelu",
            "LogSoftmax",
            "MatMul",
            "MatMulInteger",
            "MaxPool",
            "Mul",
            "Neg",
            "PRelu",
            "Pad",
            "QLinearConv",
            "QLinearMatMul",
            "QuantizeLinear",
            "RNN",
            "ReduceMean",
            "Relu",
            "Reshape",
            "Resize",
            "Selu",
            "Shape",
            "Sigmoid",
            "Slice",
            "Softmax",
            "Softplus",
            "Softsign",
            "Split",
            "Squeeze",
            "Sub",
            "Tanh",
            "Transpose",
            "Unsqueeze",
            "Upsample",
            "Where");
  }

  @Test
  void foldable_areTheOperatorsWithAConstantEvaluation() {
    assertThat(STANDARD.foldable())
        .containsExactly(
            "Constant",
            "Identity",
            "Dropout",
            "Shape",
            "Gather",
            "Unsqueeze",
            "Squeeze",
            "Concat",
            "Reshape",
            "Cast",
            "Slice",
            "Add",
            "Sub",
            "Mul",
            "Div",
            "Flatten",
            "Transpose",
            "ConstantOfShape",
            "Equal",
            "Where",
            "QuantizeLinear",
            "DequantizeLinear");
  }

  @Test
  void mapped_excludesTheFoldOnlyOperators() {
    assertThat(STANDARD.mapped())
        .containsNoneOf("Constant", "Shape", "Cast", "ConstantOfShape", "Equal", "Where");
    assertThat(STANDARD.mapped()).hasSize(STANDARD.names().size() - 6);
  }

  @Test
  void find_returnsTheDescriptorByOpType() {
    Operator conv = STANDARD.find("Conv").orElseThrow();
    assertThat(conv.name()).isEqualTo("Conv");
    assertThat(conv.attributes()).containsAtLeast("group", "pads", "strides");
    assertThat(conv.weightAt(0)).isFalse();
    assertThat(conv.weightAt(1)).isTrue();
    assertThat(STANDARD.find("Erf")).isEmpty();
    assertThat(STANDARD.knows("Erf")).isFalse();
  }

  @Test
  void batchNormalization_movingStatisticsAreNotTrained() {
    Operator bn = NormalizationOperators.BATCH_NORMALIZATION;
    assertThat(bn.trainedAt(2)).isTrue();
    assertThat(bn.trainedAt(3)).isFalse();
  }

  @Test
  void elementwiseActivations_takeATokenTensorAsItIs() {
    assertThat(ActivationOperators.RELU.anyLayout()).isTrue();
    assertThat(ActivationOperators.PRELU.anyLayout()).isFalse();
    assertThat(PoolOperators.MAX_POOL.anyLayout()).isFalse();
  }

  @Test
  void registry_refusesAnOperatorRegisteredTwice() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new OperatorRegistry(List.of(ActivationOperators.RELU, ActivationOperators.RELU)));
    assertThat(e).hasMessageThat().isEqualTo("operator Relu is registered twice");
  }

  @Test
  void operator_thatNeitherFoldsNorMaps_isRefused() {
    var e = assertThrows(IllegalStateException.class, () -> Operator.named("Erf").build());
    assertThat(e).hasMessageThat().isEqualTo("operator Erf neither folds nor maps");
  }
}
