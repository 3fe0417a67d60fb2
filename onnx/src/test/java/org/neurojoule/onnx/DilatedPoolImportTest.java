package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.onnx.OnnxProtos.integer;
import static org.neurojoule.onnx.OnnxProtos.ints;
import static org.neurojoule.onnx.OnnxProtos.value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.OnnxImportException;
import org.neurojoule.layer.Pooling;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;

/**
 * MaxPool and AveragePool with {@code dilations}: ONNX's output-size rule, checked value by value
 * against windows worked out by hand on {@code x = 3 1 4 1 5 9 2 6}.
 */
class DilatedPoolImportTest {
  private static final float[] X = {3, 1, 4, 1, 5, 9, 2, 6};

  @TempDir Path dir;

  private Model one(NodeProto.Builder node) throws IOException {
    GraphProto g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", 1, 1, X.length))
            .addOutput(value("y"))
            .addNode(node.setName("n").addInput("x").addOutput("y"))
            .build();
    Path f = dir.resolve("m.onnx");
    Files.write(
        f,
        ModelProto.newBuilder()
            .setIrVersion(7)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(12))
            .setGraph(g)
            .build()
            .toByteArray());
    return OnnxModels.load(f);
  }

  private static NodeProto.Builder pool(String op, long k, long dilation, long stride) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .addAttribute(ints("kernel_shape", k))
        .addAttribute(ints("dilations", dilation))
        .addAttribute(ints("strides", stride));
  }

  private static float[] predict(Model m) {
    return m.predict(ExampleData.of(X, 1, X.length, 1)).get(0).values();
  }

  @Test
  void maxPool_withoutPads_readsTapsDilationApart() throws IOException {
    // Span (2 - 1) * 3 + 1 = 4, stride 2: windows {0, 3}, {2, 5}, {4, 7}.
    Model m = one(pool("MaxPool", 2, 3, 2));

    assertThat(predict(m)).isEqualTo(new float[] {3, 9, 6});
    assertThat(m.layers().get(1).spec()).isInstanceOf(Pooling.class);
    assertThat(((Pooling) m.layers().get(1).spec()).dilationRate()).containsExactly(3);
    // ceil_mode changes nothing here: ceil((8 - 4) / 2) + 1 = 3 as well.
    assertThat(predict(one(pool("MaxPool", 2, 3, 2).addAttribute(integer("ceil_mode", 1)))))
        .isEqualTo(new float[] {3, 9, 6});
  }

  @Test
  void maxPool_withSameSplitPads_skipsThePadding() throws IOException {
    // Span 3, pads 1 and 1: window o reads {o - 1, o + 1}; a pad (-infinity) never wins.
    Model m = one(pool("MaxPool", 2, 2, 1).addAttribute(ints("pads", 1, 1)));

    assertThat(predict(m)).isEqualTo(new float[] {1, 4, 1, 5, 9, 5, 9, 2});
  }

  @Test
  void averagePool_countIncludePad_averagesOverThePadZeros() throws IOException {
    Model m =
        one(
            pool("AveragePool", 2, 2, 1)
                .addAttribute(ints("pads", 1, 1))
                .addAttribute(integer("count_include_pad", 1)));

    assertThat(predict(m)).isEqualTo(new float[] {0.5f, 3.5f, 1, 4.5f, 5, 3.5f, 7.5f, 1});
  }

  @Test
  void averagePool_withoutCountIncludePad_averagesTheTapsInside() throws IOException {
    Model m = one(pool("AveragePool", 2, 2, 1).addAttribute(ints("pads", 1, 1)));

    assertThat(predict(m)).isEqualTo(new float[] {1, 3.5f, 1, 4.5f, 5, 3.5f, 7.5f, 2});
  }

  @Test
  void maxPool_withOtherPads_isRefusedNamingThem() {
    OnnxImportException e =
        assertThrows(
            OnnxImportException.class,
            () -> one(pool("MaxPool", 2, 3, 2).addAttribute(ints("pads", 2, 0))));

    assertThat(e)
        .hasMessageThat()
        .endsWith(
            "node 'n' (MaxPool): MaxPool with dilations [3] and pads [2, 0] is not supported:"
                + " only pads that split as auto_pad SAME_UPPER's map to NeuroJoule's pooling");
  }
}
