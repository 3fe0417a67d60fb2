package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neurojoule.Accounting;
import org.neurojoule.Model;
import org.neurojoule.OnnxImportException;
import org.neurojoule.OnnxModels;

/** torchvision exports: parameters and COMPLETE-mode connections vs torchvision's mult-adds. */
class TorchvisionImportTest {
  static Path file(String name) {
    try {
      return Path.of(TorchvisionImportTest.class.getResource("/onnx/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static long connections(Model m) {
    return m.energy(e -> e.accounting(Accounting.COMPLETE)).totals().connections();
  }

  private static void assertWithin3Percent(long connections, double published) {
    assertThat(Math.abs(connections - published) / published).isLessThan(0.03);
  }

  @Test
  void resnet18() {
    Model m = OnnxModels.load(file("resnet18.onnx"));
    // Per layer: BatchNorm folded into each convolution's bias, so 11,689,512 module parameters
    // less 9,600 BN weights plus 4,800 biases. The file itself stores 3,840 fewer distinct values
    // (11,680,872): the exporter shares identical bias tensors between layers through Identity
    // nodes, and each layer here counts its own.
    assertThat(m.params().total()).isEqualTo(11_684_712L);
    // 1.81 G published; the rest is the folded biases (one add per output) and the residual adds
    // that torchvision's count leaves out.
    assertThat(connections(m)).isEqualTo(1_814_098_432L);
    assertWithin3Percent(connections(m), 1.81e9);
  }

  @Test
  void squeezenet() {
    Model m = OnnxModels.load(file("squeezenet1_1.onnx"));
    assertThat(m.params().total()).isEqualTo(1_235_496L);
    // 0.35 G published; the difference is rounding and the final global average pool.
    assertThat(connections(m)).isEqualTo(349_320_936L);
    assertWithin3Percent(connections(m), 0.35e9);
  }

  @Test
  void mobilenetV2() {
    Model m = OnnxModels.load(file("mobilenet_v2.onnx"));
    // 3,504,872 module parameters less the 34,112 BN values plus the 17,056 biases they fold to.
    assertThat(m.params().total()).isEqualTo(3_487_816L);
    // 0.30 G published; depthwise convolutions are counted as kh*kw per output (COMPLETE mode).
    assertThat(connections(m)).isEqualTo(300_836_992L);
    assertWithin3Percent(connections(m), 0.30e9);
  }

  @Test
  void efficientnetB0() {
    Model m = OnnxModels.load(file("efficientnet_b0.onnx"));
    assertThat(m.params().total()).isEqualTo(5_267_540L);
    // 0.39 G published; 1.7 % more here: the squeeze-excitation global pools count every input
    // value and the SiLU/excitation Mul merges count one operation per output.
    assertThat(connections(m)).isEqualTo(396_648_444L);
    assertWithin3Percent(connections(m), 0.39e9);
  }

  @Test
  void shufflenetStopsAtItsChannelShuffle() {
    // Its convolutions are dense or depthwise; the channel shuffle (Reshape into groups,
    // Transpose) reorders channels-first data, which has no channels-last layer yet.
    OnnxImportException e = assertThrows(OnnxImportException.class,
        () -> OnnxModels.load(file("shufflenet_v2_x1_0.onnx")));
    assertThat(e).hasMessageThat().endsWith("shufflenet_v2_x1_0.onnx: node"
        + " '/stage2/stage2.0/Reshape' (Reshape): reshapes (116, 28, 28) to (2, 58, 28, 28),"
        + " which reorders channels-first data; not supported yet");
  }

  @Test
  void vitListsItsUnknownOperators() {
    OnnxImportException e = assertThrows(OnnxImportException.class,
        () -> OnnxModels.load(file("vit_b_16.onnx")));
    // Attention's MatMul and Softmax map (Expand too, on constants); LayerNorm written out (Pow,
    // Sqrt), GELU (Erf) and the class token's shape chain (ConstantOfShape, Equal, Where) do not.
    assertThat(e).hasMessageThat().contains("vit_b_16.onnx: 6 operator types have no NeuroJoule"
        + " mapping: ConstantOfShape (1 node: '/ConstantOfShape'), Equal (1 node: '/Equal'),"
        + " Where (1 node: '/Where'), Pow (25 nodes: "
        + "'/encoder/layers/encoder_layer_0/ln_1/Pow', ");
    assertThat(e).hasMessageThat().contains(", Erf (12 nodes: "
        + "'/encoder/layers/encoder_layer_0/mlp/mlp.1/Erf', ");
  }
}
