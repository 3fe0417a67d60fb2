package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.onnx.OnnxProtos.value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.Model;
import org.neurojoule.onnx.proto.OnnxProto.AttributeProto;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/** PyTorch's channels-first weights become Keras' channels-last ones. */
class LayoutTest {
  @TempDir Path dir;

  private static TensorProto weight(String name, long[] dims, float... v) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1);
    Arrays.stream(dims).forEach(t::addDims);
    for (float f : v) {
      t.addFloatData(f);
    }
    return t.build();
  }

  private Model load(long[] input, TensorProto w, NodeProto... nodes) throws IOException {
    GraphProto g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", input))
            .addOutput(value("y"))
            .addInitializer(w)
            .addAllNode(Arrays.asList(nodes))
            .build();
    Path f = dir.resolve("m.onnx");
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

  @Test
  void convKernel_outInKhKw_becomesKhKwInOut() throws IOException {
    Model m =
        load(
            new long[] {1, 3, 4, 4},
            weight("w", new long[] {2, 3, 1, 1}, 0, 1, 2, 3, 4, 5),
            NodeProto.newBuilder()
                .setOpType("Conv")
                .setName("conv")
                .addInput("x")
                .addInput("w")
                .addOutput("y")
                .build());
    assertThat(m.layer("conv").weights().get(0))
        .usingExactEquality()
        .containsExactly(0, 3, 1, 4, 2, 5)
        .inOrder();
    assertThat(m.layer("x").spec().outputShape(java.util.List.of()).toArray())
        .asList()
        .containsExactly(4, 4, 3)
        .inOrder();
  }

  @Test
  void gemmAfterFlatten_ofChannelsFirstData_getsItsRowsPermuted() throws IOException {
    // (C=2, H=1, W=2): ONNX flattens c-major (c * 2 + w), NeuroJoule channels last (w * 2 + c).
    Model m =
        load(
            new long[] {1, 2, 1, 2},
            weight("b", new long[] {1, 4}, 10, 11, 12, 13),
            NodeProto.newBuilder()
                .setOpType("Flatten")
                .setName("flat")
                .addInput("x")
                .addOutput("f")
                .build(),
            NodeProto.newBuilder()
                .setOpType("Gemm")
                .setName("fc")
                .addInput("f")
                .addInput("b")
                .addAttribute(
                    AttributeProto.newBuilder()
                        .setName("transB")
                        .setI(1)
                        .setType(AttributeProto.AttributeType.INT))
                .addOutput("y")
                .build());
    assertThat(m.layer("fc").weights().get(0))
        .usingExactEquality()
        .containsExactly(10, 12, 11, 13)
        .inOrder();
  }

  private static TensorProto shape(String name, long... dims) {
    TensorProto.Builder t =
        TensorProto.newBuilder().setName(name).setDataType(7).addDims(dims.length);
    Arrays.stream(dims).forEach(t::addInt64Data);
    return t.build();
  }

  private static NodeProto node(String op, String name, String out, String... in) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(name)
        .addAllInput(Arrays.asList(in))
        .addOutput(out)
        .build();
  }

  @Test
  void channelShuffle_reshapeTransposeReshape_equalsANaiveShuffle() throws IOException {
    // ShuffleNet's channel_shuffle(x, 2) on (C=6, H=2, W=3).
    int c = 6;
    int g = 2;
    int spatial = 6;
    NodeProto transpose =
        NodeProto.newBuilder()
            .setOpType("Transpose")
            .setName("t")
            .addInput("r")
            .addOutput("tr")
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("perm")
                    .setType(AttributeProto.AttributeType.INTS)
                    .addAllInts(Arrays.asList(0L, 2L, 1L, 3L, 4L)))
            .build();
    GraphProto graph =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", 1, c, 2, 3))
            .addOutput(value("y"))
            .addInitializer(shape("grouped", 1, g, c / g, 2, 3))
            .addInitializer(shape("back", 1, c, 2, 3))
            .addNode(node("Reshape", "r", "r", "x", "grouped"))
            .addNode(transpose)
            .addNode(node("Reshape", "shuffled", "y", "tr", "back"))
            .build();
    Path f = dir.resolve("shuffle.onnx");
    Files.write(
        f,
        ModelProto.newBuilder()
            .setIrVersion(7)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
            .setGraph(graph)
            .build()
            .toByteArray());
    Model m = OnnxModels.load(f);
    float[] x = new float[c * spatial];
    for (int i = 0; i < x.length; i++) {
      x[i] = i; // channels last: position i / c, channel i % c
    }
    float[] y = m.predict(org.neurojoule.ExampleData.of(x, 1, 2, 3, c)).get(0).values();
    float[] naive = new float[x.length];
    for (int s = 0; s < spatial; s++) {
      for (int group = 0; group < g; group++) {
        for (int j = 0; j < c / g; j++) {
          // Output channel j * g + group is input channel group * (c / g) + j.
          naive[s * c + j * g + group] = x[s * c + group * (c / g) + j];
        }
      }
    }
    assertThat(y).usingExactEquality().containsExactly(naive).inOrder();
    assertThat(m.layerNames())
        .containsExactly("x", "r", "r_channels_last", "t", "shuffled_onnx_order", "shuffled")
        .inOrder();
  }

  @Test
  void convTransposeWithGroups_isAClearRefusal() {
    NodeProto n =
        NodeProto.newBuilder()
            .setOpType("ConvTranspose")
            .setName("up")
            .addInput("x")
            .addInput("w")
            .addOutput("y")
            .addAttribute(
                AttributeProto.newBuilder()
                    .setName("group")
                    .setI(2)
                    .setType(AttributeProto.AttributeType.INT))
            .build();
    org.neurojoule.OnnxImportException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.neurojoule.OnnxImportException.class,
            () -> load(new long[] {1, 2, 3, 3}, weight("w", new long[] {2, 1, 1, 1}, 1, 2), n));
    assertThat(e)
        .hasMessageThat()
        .endsWith(
            "m.onnx: node 'up' (ConvTranspose): ConvTranspose"
                + " with group 2 is not supported (a transposed convolution has no groups option)");
  }
}
