package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.layer.Accounting;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;
import org.neurojoule.onnx.proto.OnnxProto.ValueInfoProto;

/** torchvision exports: parameters and COMPLETE-mode connections vs torchvision's mult-adds. */
class TorchvisionImportTest {
  static Path file(String name) {
    try {
      return Path.of(TorchvisionImportTest.class.getResource("/onnx/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The weight values the file stores, read straight from its protobuf: float initializers, and the
   * graph inputs other than {@code input} that a file exported without weights declares.
   */
  static long storedValues(String name) throws java.io.IOException {
    ModelProto p = ModelProto.parseFrom(java.nio.file.Files.readAllBytes(file(name)));
    java.util.Set<String> init = new java.util.HashSet<>();
    long n = 0;
    for (TensorProto t : p.getGraph().getInitializerList()) {
      init.add(t.getName());
      if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
        n += t.getDimsList().stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact);
      }
    }
    for (ValueInfoProto in : p.getGraph().getInputList()) {
      if (!init.contains(in.getName()) && !in.getName().equals("input")) {
        n +=
            in.getType().getTensorType().getShape().getDimList().stream()
                .mapToLong(d -> d.getDimValue())
                .reduce(1, Math::multiplyExact);
      }
    }
    return n;
  }

  private static long connections(Model m) {
    return m.energy(e -> e.accounting(Accounting.COMPLETE)).totals().connections();
  }

  private static void assertWithin3Percent(long connections, double published) {
    assertThat(Math.abs(connections - published) / published).isLessThan(0.03);
  }

  @Test
  void resnet18() throws Exception {
    Model m = OnnxModels.load(file("resnet18.onnx"));
    // The file's stored values: 11,689,512 module parameters less 9,600 BN weights plus the
    // 4,800 biases they fold to, less 3,840 values of identical bias tensors that the exporter
    // shares between layers through Identity nodes (each layer's row counts them).
    assertThat(m.params().total()).isEqualTo(11_680_872L);
    assertThat(m.params().total()).isEqualTo(storedValues("resnet18.onnx"));
    assertThat(m.sharedParams().total()).isEqualTo(3_840L);
    assertThat(m.paramNotes())
        .containsExactly(
            "Param # counts 3840 weight values once that the"
                + " file shares between layers (Identity nodes); each layer's row counts them.",
            "The file has no BatchNormalization node and its convolutions have biases before"
                + " activations: if the PyTorch module had BatchNorm layers, the export folded them into"
                + " the convolutions, so this count is smaller than the module's.")
        .inOrder();
    // 1.81 G published; the rest is the folded biases (one add per output) and the residual adds
    // that torchvision's count leaves out.
    assertThat(connections(m)).isEqualTo(1_814_098_432L);
    assertWithin3Percent(connections(m), 1.81e9);
  }

  @Test
  void squeezenet() throws Exception {
    Model m = OnnxModels.load(file("squeezenet1_1.onnx"));
    // 1,235,496 module parameters (no BatchNorm), less 2,208 values of its zero biases that the
    // exporter stores once for the layers of the same width.
    assertThat(m.params().total()).isEqualTo(1_233_288L);
    assertThat(m.params().total()).isEqualTo(storedValues("squeezenet1_1.onnx"));
    // 0.35 G published; the difference is rounding and the final global average pool.
    assertThat(connections(m)).isEqualTo(349_320_936L);
    assertWithin3Percent(connections(m), 0.35e9);
  }

  @Test
  void mobilenetV2() throws Exception {
    Model m = OnnxModels.load(file("mobilenet_v2.onnx"));
    // 3,504,872 module parameters less the 34,112 BN values plus the 17,056 biases they fold to,
    // less 12,808 values of identical biases stored once.
    assertThat(m.params().total()).isEqualTo(3_475_008L);
    assertThat(m.params().total()).isEqualTo(storedValues("mobilenet_v2.onnx"));
    // 0.30 G published; depthwise convolutions are counted as kh*kw per output (COMPLETE mode).
    assertThat(connections(m)).isEqualTo(300_836_992L);
    assertWithin3Percent(connections(m), 0.30e9);
  }

  @Test
  void efficientnetB0() throws Exception {
    Model m = OnnxModels.load(file("efficientnet_b0.onnx"));
    // Each layer counts 5,267,540; 25,344 of them are shared tensors.
    assertThat(m.params().total()).isEqualTo(5_242_196L);
    assertThat(m.params().total()).isEqualTo(storedValues("efficientnet_b0.onnx"));
    // 0.39 G published; 1.7 % more here: the squeeze-excitation global pools count every input
    // value and the SiLU/excitation Mul merges count one operation per output.
    assertThat(connections(m)).isEqualTo(396_648_444L);
    assertWithin3Percent(connections(m), 0.39e9);
  }

  @Test
  void shufflenetV2_channelShuffleAndSplits() throws Exception {
    Model m = OnnxModels.load(file("shufflenet_v2_x1_0.onnx"));
    // 2,278,604 module parameters, BatchNorm folded, 6,636 shared values counted once.
    assertThat(m.params().total()).isEqualTo(2_263_878L);
    assertThat(m.params().total()).isEqualTo(storedValues("shufflenet_v2_x1_0.onnx"));
    // Each channel shuffle: Reshapes and Permutes (zero cost); each x.chunk(2, dim=1) two
    // Slices, as ChannelSlice layers.
    assertThat(m.layer("/stage2/stage2.0/Reshape").spec().type()).isEqualTo("Reshape");
    assertThat(m.layer("/stage2/stage2.0/Transpose").spec().type()).isEqualTo("Permute");
    assertThat(m.layer("/stage2/stage2.1/Slice").spec().type()).isEqualTo("ChannelSlice");
    // 0.14 G in torchvision's table, 0.145 in its weights' metadata (_ops); 0.03 % less here:
    // convolutions 139.7 M, depthwise 4.2 M, the classifier 1.0 M and the global pool's 50,176
    // inputs, which COMPLETE mode counts and torchvision's counter does not.
    assertThat(connections(m)).isEqualTo(144_958_168L);
    assertWithin3Percent(connections(m), 0.145e9);
  }

  @Test
  void vitB16_attentionLayerNormAndGelu() throws Exception {
    Model m = OnnxModels.load(file("vit_b_16.onnx"));
    // The module has 86,567,656 parameters; each layer's row counts them all, but the file
    // declares 72,192 of them once: the exporter shares identical tensors (the zero biases, the
    // LayerNorm weights of ones, one in_proj bias) between layers through Identity nodes.
    assertThat(m.params().total() + m.sharedParams().total()).isEqualTo(86_567_656L);
    assertThat(m.sharedParams().total()).isEqualTo(72_192L);
    assertThat(m.params().total()).isEqualTo(storedValues("vit_b_16.onnx"));
    assertThat(m.params().total()).isEqualTo(86_495_464L);
    // 17.56 G published. Independently: the patch conv 196 * 768 * 768, per encoder layer
    // in_proj 197 * 768 * 2304, the two attention products 2 * 12 * 197 * 197 * 64, out_proj
    // 197 * 768 * 768 and the MLP 2 * 197 * 768 * 3072, twelve layers, and the head 768 * 1000;
    // exactly that here, 0.02 % above the published figure (its rounding). The biases, position
    // embedding, residual adds, LayerNorms and GELUs add no connections.
    long perLayer =
        197L * 768 * 2304 + 2L * 12 * 197 * 197 * 64 + 197L * 768 * 768 + 2L * 197 * 768 * 3072;
    assertThat(connections(m)).isEqualTo(196L * 768 * 768 + 12 * perLayer + 768L * 1000);
    assertThat(connections(m)).isEqualTo(17_563_828_224L);
    assertWithin3Percent(connections(m), 17.56e9);
    String l0 = "/encoder/layers/encoder_layer_0/";
    assertThat(m.layer(l0 + "ln_1").spec().type()).isEqualTo("LayerNormalization");
    assertThat(m.layer(l0 + "mlp/mlp.1").spec().type()).isEqualTo("Activation");
    assertThat(m.layer(l0 + "self_attention/MatMul").spec().type()).isEqualTo("Dense");
    assertThat(m.layer(l0 + "self_attention/MatMul_1").spec().type()).isEqualTo("MatMul");
    assertThat(m.layer("/Concat").spec().type()).isEqualTo("ConcatWeight");
    assertThat(m.layer("/encoder/Add").spec().type()).isEqualTo("AddWeight");
    var e = m.energy(o -> o.accounting(Accounting.COMPLETE));
    // Q Kᵀ per head: (197, 64) by (64, 197), twelve heads.
    assertThat(e.layerStats(l0 + "self_attention/MatMul_1").connections())
        .isEqualTo(12L * 197 * 197 * 64);
    // The heads stay an axis of each example: (12, 197, 197) scores.
    String summary = m.summaryString();
    assertThat(summary).contains("(None, 12, 197, 197)");
    assertThat(summary).contains("(None, 1000)");
    assertThat(summary).contains("Total params: 86495464 (329.95 MB)");
  }

  @Test
  void vitB16_predictKeepsTheExamplesOfABatchApart() throws Exception {
    Model m = OnnxModels.load(file("vit_b_16.onnx")).initializeWeights(7);
    java.util.Random r = new java.util.Random(3);
    int n = 224 * 224 * 3;
    float[] two = new float[2 * n];
    for (int i = 0; i < two.length; i++) {
      two[i] = (float) r.nextGaussian();
    }
    float[] both = m.predict(ExampleData.of(two, 2, 224, 224, 3)).get(0).values();
    assertThat(both).hasLength(2000);
    for (int b = 0; b < 2; b++) {
      float[] one =
          m.predict(
                  ExampleData.of(
                      java.util.Arrays.copyOfRange(two, b * n, (b + 1) * n), 1, 224, 224, 3))
              .get(0)
              .values();
      assertThat(one).hasLength(1000);
      for (int i = 0; i < 1000; i++) {
        assertThat(Float.isFinite(one[i])).isTrue();
        assertThat((double) both[b * 1000 + i]).isWithin(1e-4 * (1 + Math.abs(one[i]))).of(one[i]);
      }
    }
    // The two examples differ, so a mix-up of the batch with the heads would show.
    assertThat(both[0]).isNotEqualTo(both[1000]);
  }
}
