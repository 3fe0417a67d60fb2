package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.onnx.OnnxProtos.ints;
import static org.neurojoule.onnx.OnnxProtos.value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.OnnxImportException;
import org.neurojoule.layer.Accounting;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/**
 * PyTorch's Softsign, exported as {@code x / (1 + |x|)} (Abs, Add 1, Div between two activations):
 * one softsign activation.
 */
class SoftsignPatternTest {
  @TempDir Path dir;

  private static final float[] W = {0.5f, -1, 2, 0.25f, -0.75f, 1.5f};
  private static final float[] B = {0.1f, -0.2f, 0.3f};

  private static TensorProto tensor(String name, float[] v, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1);
    Arrays.stream(dims).forEach(t::addDims);
    for (float f : v) {
      t.addFloatData(f);
    }
    return t.build();
  }

  private static NodeProto node(String op, String name, List<String> in, String out) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(name)
        .addAllInput(in)
        .addOutput(out)
        .build();
  }

  /**
   * x (1, 2, 3, 3) -> 1x1 Conv of 3 filters -> softsign, written out with {@code one} added to |x|
   * unless {@code node} asks for ONNX's Softsign node.
   */
  private Model load(boolean node, float one) throws IOException {
    GraphProto.Builder g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", 1, 2, 3, 3))
            .addOutput(value("y"))
            .addInitializer(tensor("w", W, 3, 2, 1, 1))
            .addInitializer(tensor("b", B, 3))
            .addInitializer(tensor("one", new float[] {one}))
            .addNode(
                node("Conv", "/conv/Conv", List.of("x", "w", "b"), "c").toBuilder()
                    .addAttribute(ints("kernel_shape", 1, 1))
                    .build());
    if (node) {
      g.addNode(node("Softsign", "/act/Softsign", List.of("c"), "y"));
    } else {
      g.addNode(node("Abs", "/act/Abs", List.of("c"), "a"))
          .addNode(node("Add", "/act/Add", List.of("a", "one"), "d"))
          .addNode(node("Div", "/act/Div", List.of("c", "d"), "y"));
    }
    Path f = dir.resolve("softsign.onnx");
    Files.write(
        f,
        ModelProto.newBuilder()
            .setIrVersion(7)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
            .setGraph(g)
            .build()
            .toByteArray());
    return OnnxModels.load(f);
  }

  private static long connections(Model m) {
    return m.energy(e -> e.accounting(Accounting.COMPLETE)).totals().connections();
  }

  @Test
  void writtenOutSoftsign_isOneSoftsignActivation_countedAsTheSoftsignNode() throws IOException {
    Model m = load(false, 1);
    Model plain = load(true, 1);
    assertThat(m.layer("/act").spec().describe()).contains("softsign");
    assertThat(m.layers()).hasSize(plain.layers().size());
    assertThat(m.params().total()).isEqualTo(3 * 2 + 3);
    assertThat(connections(m)).isEqualTo(connections(plain));
    assertThat(m.energy(e -> e.accounting(Accounting.KERAS_SPIKING)).totals().neurons())
        .isEqualTo(plain.energy(e -> e.accounting(Accounting.KERAS_SPIKING)).totals().neurons());
  }

  @Test
  void writtenOutSoftsign_computesXOverOnePlusAbsX() throws IOException {
    float[] x = new float[18];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (3 * Math.sin(1.7 * i));
    }
    // Channels last: x[(h * 3 + w) * 2 + c], y[(h * 3 + w) * 3 + f].
    float[] y = load(false, 1).predict(ExampleData.of(x, 1, 3, 3, 2)).get(0).values();
    assertThat(y).hasLength(27);
    for (int s = 0; s < 9; s++) {
      for (int f = 0; f < 3; f++) {
        double c = B[f];
        for (int k = 0; k < 2; k++) {
          c += (double) W[f * 2 + k] * x[s * 2 + k];
        }
        assertThat((double) y[s * 3 + f]).isWithin(1e-6).of(c / (1 + Math.abs(c)));
      }
    }
  }

  @Test
  void divOfTwoActivations_otherThanSoftsign_isStillAClearError() {
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> load(false, 2));
    assertThat(e)
        .hasMessageThat()
        .contains("node '/act/Div' (Div): Div of two activations is not supported");
  }
}
