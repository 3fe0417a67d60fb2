package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.onnx.OnnxProtos.value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.onnx.proto.OnnxProto.AttributeProto;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;

/** The extra layers of a node (Split's parts, pads) never take another node's name. */
class LayerNamesImportTest {
  @TempDir Path dir;

  private static NodeProto node(String op, String name, String out, String... in) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(out);
    for (String i : in) {
      n.addInput(i);
    }
    return n.build();
  }

  @Test
  void splitParts_skipTheNamesOfOtherNodes() throws IOException {
    // Split 's' would name its parts s_0 and s_1, but a Relu is called 's_0' and a Pad 's_1'.
    NodeProto split =
        NodeProto.newBuilder()
            .setOpType("Split")
            .setName("s")
            .addInput("x")
            .addOutput("a")
            .addOutput("b")
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("axis")
                    .setType(AttributeProto.AttributeType.INT)
                    .setI(1))
            .build();
    NodeProto pad =
        NodeProto.newBuilder()
            .setOpType("Pad")
            .setName("s_1")
            .addInput("b")
            .addOutput("p")
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("pads")
                    .setType(AttributeProto.AttributeType.INTS)
                    .addAllInts(java.util.List.of(0L, 0L, 1L, 0L, 0L, 0L)))
            .build();
    GraphProto g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", 1, 2, 3))
            .addOutput(value("r"))
            .addOutput(value("p"))
            .addNode(split)
            .addNode(node("Relu", "s_0", "r", "a"))
            .addNode(pad)
            .build();
    Path f = dir.resolve("m.onnx");
    Files.write(
        f,
        ModelProto.newBuilder()
            .setIrVersion(7)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(10))
            .setGraph(g)
            .build()
            .toByteArray());

    Model m = OnnxModels.load(f);

    assertThat(m.layerNames()).containsExactly("x", "s_0_1", "s_1_1", "s_0", "s_1_pad").inOrder();
    assertThat(m.layer("s_0").spec().type()).isEqualTo("ReLU");
    assertThat(m.layer("s_0_1").spec().type()).isEqualTo("ChannelSlice");
    // x (C, W) = (2, 3) channels last: (3, 2); part 0 is channel 0, part 1 channel 1 padded.
    var out = m.predict(ExampleData.of(new float[] {-1, 4, 2, -5, -3, 6}, 1, 3, 2));
    assertThat(out.get(0).values()).isEqualTo(new float[] {0, 2, 0});
    assertThat(out.get(1).values()).isEqualTo(new float[] {0, 4, -5, 6});
  }
}
