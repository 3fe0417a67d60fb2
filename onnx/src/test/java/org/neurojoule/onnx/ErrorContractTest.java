package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.onnx.OnnxProtos.ints;
import static org.neurojoule.onnx.OnnxProtos.value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.Model;
import org.neurojoule.OnnxImportException;
import org.neurojoule.onnx.proto.OnnxProto.AttributeProto;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/**
 * The importer's error contract on small files that once broke it: sizes from the file checked
 * before anything is allocated, sizes past an int, nodes with too few inputs or a swapped operator,
 * and a layer's own refusal, each an {@link OnnxImportException} naming the file, the node and the
 * value.
 */
class ErrorContractTest {
  @TempDir Path dir;

  private static NodeProto node(String op, String name, String out, String... in) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(name)
        .addAllInput(Arrays.asList(in))
        .addOutput(out)
        .build();
  }

  private Path write(GraphProto.Builder g) throws IOException {
    Path f = dir.resolve("m.onnx");
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

  private static String error(Path f) {
    return assertThrows(OnnxImportException.class, () -> OnnxModels.load(f)).getMessage();
  }

  private static TensorProto int64s(String name, long... v) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(7);
    t.addDims(v.length);
    Arrays.stream(v).forEach(t::addInt64Data);
    return t.build();
  }

  private static NodeProto constant(String out, TensorProto t) {
    return NodeProto.newBuilder()
        .setOpType("Constant")
        .setName(out)
        .addOutput(out)
        .addAttribute(
            AttributeProto.newBuilder()
                .setName("value")
                .setType(AttributeProto.AttributeType.TENSOR)
                .setT(t))
        .build();
  }

  @Test
  void constantOfShape_growingAFewBytesToGigabytes_isRefusedBeforeAllocating() throws IOException {
    // 2^14 x 2^14 = 2^28 values: within the tensor limit, but 2 GiB of doubles from 16 bytes.
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 4))
                .addOutput(value("y", 1, 4))
                .addNode(constant("shape", int64s("shape", 1L << 14, 1L << 14)))
                .addNode(node("ConstantOfShape", "big", "b", "shape"))
                .addNode(node("Add", "add", "y", "x", "b")));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": node 'big' (ConstantOfShape): its result would hold 268435456 values, grown"
                + " from inputs of 1; folding at import grows a constant to 16777216 values at"
                + " most");
  }

  @Test
  void expand_pastTheLimit_isRefusedNamingTheNode() throws IOException {
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 4))
                .addOutput(value("y", 1, 4))
                .addInitializer(
                    TensorProto.newBuilder().setName("one").setDataType(1).addFloatData(1))
                .addNode(constant("shape", int64s("shape", 1L << 20, 1L << 20)))
                .addNode(node("Expand", "grow", "b", "one", "shape"))
                .addNode(node("Add", "add", "y", "x", "b")));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": node 'grow' (Expand): expands to (1048576, 1048576), more than 268435456"
                + " values");
  }

  @Test
  void aWeightDeclaredHuge_isRefusedAtImport() throws IOException {
    // A (2^31-1) x 65536 weight declared by its shape: 140 trillion values.
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 4))
                .addInput(value("w", Integer.MAX_VALUE, 65536))
                .addOutput(value("y", 1, 65536))
                .addNode(node("MatMul", "fc", "y", "x", "w")));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": graph input 'w' (a weight declared by its shape only): dims (2147483647,"
                + " 65536) hold more than 268435456 values");
  }

  @Test
  void hugePads_areAnErrorNamingTheNodeAndTheValue() throws IOException {
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 1, 4, 4))
                .addOutput(value("y", 1, 1, 4, 4))
                .addNode(
                    node("AveragePool", "pool", "y", "x").toBuilder()
                        .addAttribute(ints("kernel_shape", 1, 1))
                        .addAttribute(OnnxProtos.integer("count_include_pad", 1))
                        .addAttribute(ints("pads", 0, 1L << 40, 0, 0))
                        .build()));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": node 'pool' (AveragePool): pads [0, 1099511627776, 0, 0]: a begin is"
                + " 1099511627776, not a size (0 to 2147483647)");
  }

  @Test
  void negativePads_areAnErrorNamingTheFileAndNode() throws IOException {
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 1, 4, 4))
                .addOutput(value("y", 1, 1, 4, 4))
                .addInitializer(
                    TensorProto.newBuilder()
                        .setName("w")
                        .setDataType(1)
                        .addAllDims(java.util.List.of(1L, 1L, 1L, 1L))
                        .addFloatData(1))
                .addNode(
                    node("Conv", "conv", "y", "x", "w").toBuilder()
                        .addAttribute(ints("pads", -1, 0, 0, 0))
                        .build()));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": node 'conv' (Conv): pads [-1, 0, 0, 0]: a begin is -1, not a size (0 to"
                + " 2147483647)");
  }

  @Test
  void aNodeWithoutItsInputs_namesTheNodeAndOperator() throws IOException {
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 4))
                .addOutput(value("y", 1, 4))
                .addNode(node("Relu", "r", "y")));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": node 'r' (Relu): Relu takes at least 1 input(s), the first 1 given, but the"
                + " node has none");
  }

  @Test
  void aSwappedOperator_withTooFewInputs_namesTheNodeAndOperator() throws IOException {
    // A Relu's node with its type turned into BatchNormalization: one input of five.
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 4))
                .addOutput(value("y", 1, 4))
                .addNode(node("BatchNormalization", "bn", "y", "x")));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": node 'bn' (BatchNormalization): BatchNormalization takes 5 input(s), the"
                + " first 5 given, but the node has ['x']");
  }

  @Test
  void anAbsentRequiredInput_isAnArityError() throws IOException {
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 4))
                .addOutput(value("y", 1, 4))
                .addNode(node("Add", "add", "y", "", "x")));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": node 'add' (Add): Add takes 2 input(s), the first 2 given, but the node has"
                + " [(absent), 'x']");
  }

  @Test
  void tooManyInputs_isAnArityError() throws IOException {
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 4))
                .addOutput(value("y", 1, 4))
                .addNode(node("Mul", "mul", "y", "x", "x", "x")));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": node 'mul' (Mul): Mul takes 2 input(s), the first 2 given, but the node has"
                + " ['x', 'x', 'x']");
  }

  @Test
  void aCycleOfIdentities_isTheGraphOrdersError() throws IOException {
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 4))
                .addOutput(value("y", 1, 4))
                .addNode(node("Identity", "a", "p", "q"))
                .addNode(node("Identity", "b", "q", "p"))
                .addNode(node("Add", "add", "y", "x", "p")));
    assertThat(error(f)).startsWith(f + ": ");
    assertThat(error(f)).contains("cycle");
  }

  @Test
  void aFoldedUnsqueezeWithoutAxes_namesTheNode() throws IOException {
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 4))
                .addOutput(value("y", 1, 4))
                .addInitializer(
                    TensorProto.newBuilder()
                        .setName("c")
                        .setDataType(1)
                        .addDims(4)
                        .addAllFloatData(java.util.List.of(1f, 2f, 3f, 4f)))
                .addNode(node("Unsqueeze", "u", "cu", "c"))
                .addNode(node("Add", "add", "y", "x", "cu")));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": node 'u' (Unsqueeze): Unsqueeze needs axes (an attribute before opset 13, its"
                + " second input since)");
  }

  @Test
  void aFoldedConcatOfMismatchedDims_namesTheNode() throws IOException {
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 4))
                .addOutput(value("y", 1, 4))
                .addInitializer(
                    TensorProto.newBuilder()
                        .setName("a")
                        .setDataType(1)
                        .addAllDims(java.util.List.of(2L, 1L))
                        .addAllFloatData(java.util.List.of(1f, 2f)))
                .addInitializer(
                    TensorProto.newBuilder()
                        .setName("b")
                        .setDataType(1)
                        .addAllDims(java.util.List.of(1L, 2L))
                        .addAllFloatData(java.util.List.of(1f, 2f)))
                .addNode(
                    node("Concat", "cat", "ab", "a", "b").toBuilder()
                        .addAttribute(OnnxProtos.integer("axis", 0))
                        .build())
                .addNode(node("Add", "add", "y", "x", "ab")));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": node 'cat' (Concat): concatenates constants of dims (2, 1) and (1, 2)"
                + " along axis 0");
  }

  @Test
  void aLayersOwnRefusal_namesTheFileAndNode() throws IOException {
    // Pooling with a zero stride: the layer spec's ShapeException, placed on the node.
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 1, 4, 4))
                .addOutput(value("y", 1, 1, 4, 4))
                .addNode(
                    node("Resize", "up", "y", "x").toBuilder()
                        .addAttribute(
                            AttributeProto.newBuilder()
                                .setName("mode")
                                .setType(AttributeProto.AttributeType.STRING)
                                .setS(com.google.protobuf.ByteString.copyFromUtf8("cubic")))
                        .build()));
    assertThat(error(f)).startsWith(f + ": node 'up' (Resize): ");
  }

  @Test
  void aValidFileStillLoads() throws IOException {
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 4))
                .addOutput(value("y", 1, 4))
                .addNode(node("Relu", "r", "y", "x")));
    Model m = OnnxModels.load(f);
    assertThat(m.layer("r").spec().type()).isEqualTo("ReLU");
  }
}
