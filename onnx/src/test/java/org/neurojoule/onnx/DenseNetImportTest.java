package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;

/**
 * A small DenseNet-BC exported the way torchvision's densenet121 exports (growth 4, blocks (2, 2),
 * 8 initial features, 32 x 32 input; {@code onnx/densenet/densenet.py}): each block's first layer
 * concatenates a list of one tensor, each remaining BatchNormalization keeps its four arrays.
 */
class DenseNetImportTest {
  private static final String FILE = "densenet/densenet_tiny.onnx";

  private static Model load() {
    return OnnxModels.load(TorchvisionImportTest.file(FILE));
  }

  private static List<NodeProto> nodes(String op) throws IOException {
    ModelProto p =
        ModelProto.parseFrom(java.nio.file.Files.readAllBytes(TorchvisionImportTest.file(FILE)));
    return p.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals(op)).toList();
  }

  @Test
  void parameters_areTheFilesStoredValues_withEveryBatchNormArray() throws IOException {
    Model m = load();
    // densenet.py reads the file's initializers with its own protobuf reader and prints 4,778
    // float values: the module's 4,706 learnable parameters plus the running means and variances
    // of the 6 BatchNormalization nodes left (4 x 72 values in all: each dense layer's norm1, the
    // transition's and the final norm), less the 4 x 72 values of norm0 and each norm2 that the
    // export folds into the convolution before them, plus the 72 biases they fold to.
    assertThat(m.params().total()).isEqualTo(4_778L);
    assertThat(m.params().total()).isEqualTo(TorchvisionImportTest.storedValues(FILE));
    List<NodeProto> norms = nodes("BatchNormalization");
    assertThat(norms).hasSize(6);
    for (NodeProto n : norms) {
      // Keras counts gamma, beta, moving mean and moving variance: so does each layer here.
      int channels = m.layer(n.getName()).weights().get(0).length;
      assertThat(m.layer(n.getName()).weights()).hasSize(4);
      assertThat(m.params(m.layer(n.getName())).total()).isEqualTo(4L * channels);
    }
  }

  @Test
  void everySingleInputConcat_isNoLayer() throws IOException {
    Model m = load();
    List<String> single =
        nodes("Concat").stream()
            .filter(n -> n.getInputCount() == 1)
            .map(NodeProto::getName)
            .toList();
    assertThat(single)
        .containsExactly(
            "/features/features.4/layers.0/Concat", "/features/features.6/layers.0/Concat");
    assertThat(m.layerNames()).containsNoneIn(single);
    // The block-closing and later dense-layer Concats of 2 and 3 inputs are layers.
    assertThat(m.layerNames()).contains("/features/features.4/Concat");
    assertThat(m.layerNames()).contains("/features/features.4/layers.1/Concat");
  }

  @Test
  void predict_reproducesTorchsOutput() throws IOException {
    Path dir = TorchvisionImportTest.file("densenet");
    Const in = ForwardOracleTest.tensor(dir.resolve("input_0.pb"));
    Const expected = ForwardOracleTest.tensor(dir.resolve("output_0.pb"));
    float[] got = load().predict(ForwardOracleTest.channelsLast(in)).get(0).values();
    assertThat(got).hasLength(10);
    for (int i = 0; i < got.length; i++) {
      assertThat((double) got[i]).isWithin(1e-4).of(expected.values()[i]);
    }
  }
}
