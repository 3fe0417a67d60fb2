package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.onnx.OnnxProtos.value;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.Model;
import org.neurojoule.OnnxImportException;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorShapeProto;
import org.neurojoule.onnx.proto.OnnxProto.TypeProto;
import org.neurojoule.onnx.proto.OnnxProto.ValueInfoProto;

/** Broken files: each gives an error naming the file and the place, never a hang or an OOM. */
class MalformedOnnxTest {
  @TempDir Path dir;

  private static NodeProto node(String op, String name, String out, String... in) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(name)
        .addAllInput(Arrays.asList(in))
        .addOutput(out)
        .build();
  }

  private static GraphProto.Builder graph(NodeProto... nodes) {
    return GraphProto.newBuilder()
        .setName("g")
        .addInput(value("x", 1, 4))
        .addOutput(value("y", 1, 4))
        .addAllNode(Arrays.asList(nodes));
  }

  private Path write(GraphProto.Builder g) throws IOException {
    Path f = dir.resolve("m.onnx");
    Files.write(
        f,
        ModelProto.newBuilder()
            .setIrVersion(7)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
            .setGraph(g)
            .build()
            .toByteArray());
    return f;
  }

  private static String error(Path f) {
    return assertThrows(OnnxImportException.class, () -> OnnxModels.load(f)).getMessage();
  }

  private static TensorProto.Builder floats(String name, long... dims) {
    return TensorProto.newBuilder()
        .setName(name)
        .setDataType(1)
        .addAllDims(Arrays.stream(dims).boxed().toList());
  }

  @Test
  void truncatedFile() throws IOException {
    byte[] whole = Files.readAllBytes(TorchvisionImportTest.file("resnet18.onnx"));
    Path f = dir.resolve("cut.onnx");
    Files.write(f, Arrays.copyOf(whole, whole.length / 2));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": not a valid ONNX file (protobuf: While parsing a"
                + " protocol message, the input ended unexpectedly in the middle of a field.  This could"
                + " mean either that the input has been truncated or that an embedded message"
                + " misreported its own length.)");
  }

  @Test
  void notProtobuf() throws IOException {
    Path f = dir.resolve("text.onnx");
    Files.writeString(f, "this is a text file, not a model\n", StandardCharsets.UTF_8);
    assertThat(error(f))
        .isEqualTo(
            f
                + ": not a valid ONNX file (protobuf: Protocol message"
                + " end-group tag did not match expected tag.)");
  }

  @Test
  void cycle() throws IOException {
    Path f = write(graph(node("Relu", "a", "y", "x", "b_out"), node("Relu", "b", "b_out", "y")));
    assertThat(error(f))
        .isEqualTo(f + ": the graph has a cycle through nodes 'a' (Relu), 'b'" + " (Relu)");
  }

  @Test
  void missingInitializer() throws IOException {
    Path f = write(graph(node("Gemm", "fc", "y", "x", "fc.weight")));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": node 'fc' (Gemm): input 'fc.weight' is neither a graph"
                + " input, an initializer nor the output of a node");
  }

  @Test
  void absurdDims() throws IOException {
    Path f =
        write(
            graph(node("MatMul", "fc", "y", "x", "w"))
                .addInitializer(floats("w", 1L << 20, 1L << 20)));
    assertThat(error(f))
        .isEqualTo(
            f + ": initializer 'w': dims (1048576, 1048576) hold more" + " than 268435456 values");
  }

  @Test
  void rawDataTooShort() throws IOException {
    Path f =
        write(
            graph(node("MatMul", "fc", "y", "x", "w"))
                .addInitializer(floats("w", 4, 4).setRawData(ByteString.copyFrom(new byte[60]))));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": initializer 'w': raw data holds 60 bytes, but its dims"
                + " (4, 4) of float need 64");
  }

  @Test
  void externalDataOutsideTheFolder() throws IOException {
    TensorProto.Builder w =
        floats("w", 4, 4)
            .setDataLocation(TensorProto.DataLocation.EXTERNAL)
            .addExternalData(
                org.neurojoule.onnx.proto.OnnxProto.StringStringEntryProto.newBuilder()
                    .setKey("location")
                    .setValue("../secret.bin"));
    Path f = write(graph(node("MatMul", "fc", "y", "x", "w")).addInitializer(w));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": initializer 'w': external data location"
                + " '../secret.bin' lies outside the model's folder "
                + dir.toAbsolutePath());
  }

  @Test
  void externalData() throws IOException {
    byte[] raw = new byte[8 + 64];
    java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(8, 2.5f);
    Files.write(dir.resolve("w.bin"), raw);
    TensorProto.Builder w =
        floats("w", 4, 4)
            .setDataLocation(TensorProto.DataLocation.EXTERNAL)
            .addExternalData(
                org.neurojoule.onnx.proto.OnnxProto.StringStringEntryProto.newBuilder()
                    .setKey("location")
                    .setValue("w.bin"))
            .addExternalData(
                org.neurojoule.onnx.proto.OnnxProto.StringStringEntryProto.newBuilder()
                    .setKey("offset")
                    .setValue("8"));
    Model m = OnnxModels.load(write(graph(node("MatMul", "fc", "y", "x", "w")).addInitializer(w)));
    assertThat(m.layer("fc").weights().get(0)[0]).isEqualTo(2.5f);
    assertThat(m.params().total()).isEqualTo(16);
  }

  @Test
  void unknownOperator() throws IOException {
    Path f = write(graph(node("Relu", "r", "h", "x"), node("Hardmax", "hm", "y", "h")));
    assertThat(error(f))
        .isEqualTo(
            f
                + ": 1 operator type has no NeuroJoule mapping: Hardmax"
                + " (1 node: 'hm'); import them as zero-cost layers with allowUnknown (the CLI's"
                + " --allow-unknown)");
  }

  @Test
  void unknownOperatorAllowed() throws IOException {
    Path f = write(graph(node("Relu", "r", "h", "x"), node("Hardmax", "hm", "y", "h")));
    Model m = OnnxModels.load(f, o -> o.allowUnknown(true));
    assertThat(m.layerNames()).containsExactly("x", "r", "hm").inOrder();
    assertThat(m.layer("hm").spec().type()).isEqualTo("Hardmax");
  }

  @Test
  void symbolicInputDimension() throws IOException {
    GraphProto.Builder g =
        graph(node("Relu", "r", "y", "x"))
            .clearInput()
            .addInput(
                ValueInfoProto.newBuilder()
                    .setName("x")
                    .setType(
                        TypeProto.newBuilder()
                            .setTensorType(
                                TypeProto.Tensor.newBuilder()
                                    .setElemType(1)
                                    .setShape(
                                        TensorShapeProto.newBuilder()
                                            .addDim(
                                                TensorShapeProto.Dimension.newBuilder()
                                                    .setDimParam("batch"))
                                            .addDim(
                                                TensorShapeProto.Dimension.newBuilder()
                                                    .setDimParam("n"))))));
    Path f = write(g);
    assertThat(error(f))
        .isEqualTo(
            f
                + ": graph input 'x' has a symbolic or undefined dimension"
                + " at axis 1 of (-1, -1) (-1: symbolic); give the input shape"
                + " (OnnxModels.Options.inputShape, the CLI's --input-shape)");
    assertThat(
            OnnxModels.load(f, o -> o.inputShape(6))
                .layer("r")
                .spec()
                .outputShape(java.util.List.of(org.neurojoule.shape.Shape.of(6))))
        .isEqualTo(org.neurojoule.shape.Shape.of(6));
  }
}
