package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.onnx.OnnxProtos.value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.EnergyTotals;
import org.neurojoule.Model;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/**
 * One rule for a tensor that several layers use, whichever way the exporter shares it (through
 * Identity nodes, as ResNet's and ViT's exports do, or by naming it twice): each layer's row counts
 * it, and the model's totals count it once per file, as Keras counts a shared layer's weights.
 */
class SharedWeightsTest {
  @TempDir Path dir;

  private static NodeProto node(String op, String name, String out, String... in) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(name)
        .addAllInput(Arrays.asList(in))
        .addOutput(out)
        .build();
  }

  private static TensorProto zeros(String name, long... dims) {
    TensorProto.Builder t =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(1)
            .addAllDims(Arrays.stream(dims).boxed().toList());
    long n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
    for (long i = 0; i < n; i++) {
      t.addFloatData(0.25f * i);
    }
    return t.build();
  }

  private Path write(GraphProto.Builder g) throws IOException {
    Path f = dir.resolve("shared.onnx");
    Files.write(
        f,
        ModelProto.newBuilder()
            .setIrVersion(7)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
            .setGraph(g.setName("g"))
            .build()
            .toByteArray());
    return f;
  }

  /** x (4) -> Gemm fc1 (4 x 4, bias b1) -> Gemm fc2 (4 x 4, bias b2) -> y. */
  private static GraphProto.Builder twoLayers(String b1, String b2) {
    return GraphProto.newBuilder()
        .addInput(value("x", 1, 4))
        .addOutput(value("y", 1, 4))
        .addInitializer(zeros("w1", 4, 4))
        .addInitializer(zeros("w2", 4, 4))
        .addInitializer(zeros("b", 4))
        .addNode(node("Gemm", "fc1", "h", "x", "w1", b1))
        .addNode(node("Gemm", "fc2", "y", "h", "w2", b2));
  }

  private static void assertCountedOncePerFile(Model m) {
    // Each layer's row: 16 kernel values and the 4 of the bias.
    assertThat(m.params(m.layer("fc1")).total()).isEqualTo(20L);
    assertThat(m.params(m.layer("fc2")).total()).isEqualTo(20L);
    // The file stores 16 + 16 + 4 values; the model counts them so.
    assertThat(m.sharedParams().total()).isEqualTo(4L);
    assertThat(m.params().total()).isEqualTo(36L);
    EnergyTotals t = m.energy(e -> e.logWarnings(false)).totals();
    assertThat(t.params()).isEqualTo(36L);
    assertThat(m.paramNotes().get(0))
        .isEqualTo(
            "Param # counts 4 weight values once that the file shares between layers (Identity"
                + " nodes); each layer's row counts them.");
  }

  @Test
  void aTensorSharedThroughIdentityNodes_countsOncePerFile() throws IOException {
    Path f =
        write(
            twoLayers("b1", "b2")
                .addNode(node("Identity", "id1", "b1", "b"))
                .addNode(node("Identity", "id2", "b2", "b")));
    assertCountedOncePerFile(OnnxModels.load(f));
  }

  @Test
  void aTensorNamedByTwoLayers_countsOncePerFile() throws IOException {
    assertCountedOncePerFile(OnnxModels.load(write(twoLayers("b", "b"))));
  }

  @Test
  void aTensorDeclaredByItsShapeAndShared_countsOncePerFile() throws IOException {
    // Exported without weights (ViT's file): the bias a graph input, one use through Identity.
    GraphProto.Builder g =
        GraphProto.newBuilder()
            .addInput(value("x", 1, 4))
            .addInput(value("w1", 4, 4))
            .addInput(value("w2", 4, 4))
            .addInput(value("b", 4))
            .addOutput(value("y", 1, 4))
            .addNode(node("Identity", "id", "b2", "b"))
            .addNode(node("Gemm", "fc1", "h", "x", "w1", "b"))
            .addNode(node("Gemm", "fc2", "y", "h", "w2", "b2"));
    assertCountedOncePerFile(OnnxModels.load(write(g)));
  }

  @Test
  void theSameValuesInTwoTensors_countTwice() throws IOException {
    GraphProto.Builder g = twoLayers("b", "c").addInitializer(zeros("c", 4));
    Model m = OnnxModels.load(write(g));
    assertThat(m.sharedParams().total()).isEqualTo(0L);
    assertThat(m.params().total()).isEqualTo(40L);
    assertThat(m.paramNotes()).isEqualTo(List.of());
  }
}
