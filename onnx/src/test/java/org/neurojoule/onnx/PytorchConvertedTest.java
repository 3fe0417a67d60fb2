package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;

/** Single PyTorch layers as the ONNX project's test suite exports them: what they map to. */
class PytorchConvertedTest {
  private static Model load(String test) {
    return OnnxModels.load(TorchvisionImportTest.file("pytorch-converted/" + test + "/model.onnx"));
  }

  private static List<String> shapes(Model m) {
    return m.layers().stream()
        .map(l -> l.spec().type() + " " + m.applications(l).get(0).shape())
        .toList();
  }

  @Test
  void convTranspose_withPads_isCroppedAfter() {
    Model m = load("test_ConvTranspose2d");
    assertThat(m.layerNames())
        .containsExactly("0", "ConvTranspose_0", "ConvTranspose_0_crop")
        .inOrder();
    // PyTorch's output_0.pb is (1, 4, 20, 12): channels last, 20 x 12 x 4.
    assertThat(shapes(m))
        .containsExactly("InputLayer 7x6x3", "Conv2DTranspose 22x14x4", "Cropping2D 20x12x4")
        .inOrder();
    assertThat(m.params().total())
        .isEqualTo(m.layer("ConvTranspose_0").weights().stream().mapToLong(w -> w.length).sum());
  }

  @Test
  void preluPerChannel_sharesItsSlopeOverSpace() {
    Model m = load("test_PReLU_2d_multiparam");
    assertThat(m.layer("PRelu_0").spec().type()).isEqualTo("PReLU");
    assertThat(m.layer("PRelu_0").weights().get(0)).hasLength(3);
  }

  @Test
  void avgPool1d_exportedThroughUnsqueeze_keepsItsLayout() {
    Model m = load("test_AvgPool1d");
    assertThat(m.layerNames())
        .containsExactly("0", "Unsqueeze_0", "AveragePool_1", "Squeeze_2")
        .inOrder();
  }

  @Test
  void depthwiseWithMultiplier() {
    Model m = load("test_Conv2d_depthwise_with_multiplier");
    assertThat(m.layer("Conv_0").spec().type()).isEqualTo("DepthwiseConv2D");
  }

  @Test
  void groupedConvolutions_useTheGroupsOption() {
    for (String test : List.of("test_Conv1d_groups", "test_Conv2d_groups", "test_Conv3d_groups")) {
      Model m = load(test);
      org.neurojoule.layer.Conv c = (org.neurojoule.layer.Conv) m.layer("Conv_0").spec();
      assertThat(c.groups()).isEqualTo(2);
      // Stored (filters, channels / 2, k...) plus the bias: what the layer counts.
      assertThat(m.params().total())
          .isEqualTo(m.layer("Conv_0").weights().stream().mapToLong(w -> w.length).sum());
    }
  }

  @Test
  void linearWithoutBias_foldsTheTransposeOfItsWeight() {
    Model m = load("test_Linear_no_bias");
    assertThat(m.layer("MatMul_1").spec().type()).isEqualTo("Dense");
  }
}
