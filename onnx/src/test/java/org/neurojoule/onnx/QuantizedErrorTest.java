package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.Dtype;
import org.neurojoule.Model;
import org.neurojoule.OnnxImportException;
import org.neurojoule.Precision;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/**
 * Quantized graphs the import refuses, each with an error naming the file, the node, the input and
 * the offending value; and the small graphs around them that import.
 */
class QuantizedErrorTest {
  private static final int FLOAT = 1;
  private static final int UINT8 = 2;
  private static final int INT8 = 3;
  private static final int INT32 = 6;

  @TempDir Path dir;

  /** A tensor of this type; integer values in int32_data, as the format allows any int there. */
  private static TensorProto tensor(String name, int type, long[] dims, double... v) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type);
    Arrays.stream(dims).forEach(t::addDims);
    for (double x : v) {
      if (type == FLOAT) {
        t.addFloatData((float) x);
      } else {
        t.addInt32Data((int) x);
      }
    }
    return t.build();
  }

  private static long[] dims(long... d) {
    return d;
  }

  private static NodeProto node(String op, String name, String out, String... in) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(name)
        .addAllInput(Arrays.asList(in))
        .addOutput(out)
        .build();
  }

  /**
   * x (1, 2, 3, 3) -> Q -> DQ -> Conv (weight DQ of int8 w (4, 2, 1, 1)) -> y; the weight's scale
   * and zero point as given.
   */
  private Path qdqConv(TensorProto wScale, TensorProto wZero, NodeProto... extra)
      throws IOException {
    GraphProto.Builder g =
        GraphProto.newBuilder()
            .addInput(OnnxProtos.value("x", 1, 2, 3, 3))
            .addOutput(OnnxProtos.value("y", 1, 4, 3, 3))
            .addInitializer(tensor("s", FLOAT, dims(), 0.05))
            .addInitializer(tensor("z", INT8, dims(), 0))
            .addInitializer(tensor("w", INT8, dims(4, 2, 1, 1), 1, -2, 3, -4, 5, -6, 7, -8))
            .addInitializer(wScale)
            .addInitializer(wZero)
            .addNode(node("QuantizeLinear", "q", "xq", "x", "s", "z"))
            .addNode(node("DequantizeLinear", "dq", "xd", "xq", "s", "z"))
            .addNode(
                node("DequantizeLinear", "w_dq", "wd", "w", "w_scale", "w_zero").toBuilder()
                    .addAttribute(OnnxProtos.integer("axis", 0))
                    .build())
            .addNode(node("Conv", "conv", "y", "xd", "wd"));
    for (NodeProto n : extra) {
      g.addNode(n);
    }
    return write(g);
  }

  private Path write(GraphProto.Builder g) throws IOException {
    Path f = dir.resolve("q.onnx");
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

  @Test
  void perChannelInt8Conv_imports_recordingItsPrecision() throws IOException {
    Model m =
        OnnxModels.load(
            qdqConv(
                tensor("w_scale", FLOAT, dims(4), 0.5, 0.25, 1, 2),
                tensor("w_zero", INT8, dims(4), 0, 0, 1, -1)));
    assertThat(m.layer("conv").precision()).hasValue(Precision.of(Dtype.FLOAT32, Dtype.INT8));
    assertThat(m.layer("x").precision()).hasValue(Precision.uniform(Dtype.INT8));
    // Keras' (1, 1, 2, 4) kernel: filter o, channel c holds (w[o][c] - zero[o]) * scale[o].
    float[] k = m.layer("conv").weights().get(0);
    assertThat(k).usingExactEquality().containsExactly(0.5f, 0.75f, 4f, 16f, -1f, -1f, -7f, -14f);
  }

  @Test
  void zeroScale_isNamedWithItsNodeAndInput() throws IOException {
    String e =
        error(qdqConv(tensor("w_scale", FLOAT, dims(), 0), tensor("w_zero", INT8, dims(), 0)));
    assertThat(e)
        .contains(
            "q.onnx: node 'w_dq' (DequantizeLinear): scale 'w_scale' holds 0.0; a scale must be"
                + " positive and finite");
  }

  @Test
  void nanOrNegativePerChannelScale_namesItsIndex() throws IOException {
    assertThat(
            error(
                qdqConv(
                    tensor("w_scale", FLOAT, dims(4), 1, 1, Double.NaN, 1),
                    tensor("w_zero", INT8, dims(), 0))))
        .contains("scale 'w_scale' holds NaN at index 2");
    assertThat(
            error(
                qdqConv(
                    tensor("w_scale", FLOAT, dims(4), 1, -0.5, 1, 1),
                    tensor("w_zero", INT8, dims(), 0))))
        .contains("scale 'w_scale' holds -0.5 at index 1");
  }

  @Test
  void zeroPointOutOfItsTypesRange_isNamed() throws IOException {
    assertThat(
            error(
                qdqConv(tensor("w_scale", FLOAT, dims(), 1), tensor("w_zero", INT8, dims(), 200))))
        .contains(
            "node 'w_dq' (DequantizeLinear): zero point 'w_zero' holds 200.0, out of the range of"
                + " int8 (-128 to 127)");
  }

  @Test
  void perAxisScaleOfTheWrongLength_isNamed() throws IOException {
    assertThat(
            error(
                qdqConv(
                    tensor("w_scale", FLOAT, dims(3), 1, 1, 1),
                    tensor("w_zero", INT8, dims(3), 0, 0, 0))))
        .contains(
            "node 'w_dq' (DequantizeLinear): per-axis scale (3,) must hold one value per index of"
                + " axis 0 of input 'w' (4, 2, 1, 1), 4 values");
    assertThat(
            error(
                qdqConv(
                    tensor("w_scale", FLOAT, dims(4), 1, 1, 1, 1),
                    tensor("w_zero", INT8, dims(2), 0, 0))))
        .contains("zero point 'w_zero' (2,) holds 2 values, but its scale 'w_scale' (4,) holds 4");
  }

  @Test
  void zeroPointOfAnotherType_isNamed() throws IOException {
    assertThat(
            error(qdqConv(tensor("w_scale", FLOAT, dims(), 1), tensor("w_zero", UINT8, dims(), 0))))
        .contains("zero point 'w_zero' is uint8, but input 'w' is int8");
    assertThat(
            error(qdqConv(tensor("w_scale", FLOAT, dims(), 1), tensor("w_zero", FLOAT, dims(), 0))))
        .contains("zero point 'w_zero' is of type float32; int8, uint8, int16 and int32 are");
  }

  @Test
  void blockedScaleThatDoesNotFit_isNamed() throws IOException {
    GraphProto.Builder g =
        GraphProto.newBuilder()
            .addInput(OnnxProtos.value("x", 1, 4))
            .addOutput(OnnxProtos.value("y", 1, 3))
            .addInitializer(tensor("w", INT8, dims(4, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))
            .addInitializer(tensor("w_scale", FLOAT, dims(3, 3), 1, 1, 1, 1, 1, 1, 1, 1, 1))
            .addNode(
                node("DequantizeLinear", "w_dq", "wd", "w", "w_scale").toBuilder()
                    .addAttribute(OnnxProtos.integer("axis", 0))
                    .addAttribute(OnnxProtos.integer("block_size", 2))
                    .build())
            .addNode(node("MatMul", "mm", "y", "x", "wd"));
    assertThat(error(write(g)))
        .contains(
            "node 'w_dq' (DequantizeLinear): blocked scale (3, 3) does not fit input 'w' (4, 3)"
                + " with block_size 2 on axis 0; it needs (2, 3)");
  }

  @Test
  void dequantizeOfAFloatTensor_isRefused() throws IOException {
    GraphProto.Builder g =
        GraphProto.newBuilder()
            .addInput(OnnxProtos.value("x", 1, 2))
            .addOutput(OnnxProtos.value("y", 1, 2))
            .addInitializer(tensor("w", FLOAT, dims(2, 2), 1, 2, 3, 4))
            .addInitializer(tensor("w_scale", FLOAT, dims(), 1))
            .addNode(node("DequantizeLinear", "w_dq", "wd", "w", "w_scale"))
            .addNode(node("MatMul", "mm", "y", "x", "wd"));
    assertThat(error(write(g)))
        .contains(
            "node 'w_dq' (DequantizeLinear): input 'w' is of type float32; DequantizeLinear of"
                + " int8, uint8, int16 and int32 is supported");
  }

  @Test
  void scaleComputedFromTheInput_isRefused() throws IOException {
    GraphProto.Builder g =
        GraphProto.newBuilder()
            .addInput(OnnxProtos.value("x", 1, 2))
            .addOutput(OnnxProtos.value("y", 1, 2))
            .addNode(node("Relu", "r", "s", "x"))
            .addNode(node("QuantizeLinear", "q", "y", "x", "s"));
    assertThat(error(write(g)))
        .contains("node 'q' (QuantizeLinear): input 1 's' must be a constant");
  }

  @Test
  void qlinearConvWithAnInt8Bias_isRefused() throws IOException {
    GraphProto.Builder g =
        GraphProto.newBuilder()
            .addInput(OnnxProtos.value("x", 1, 1, 3, 3))
            .addOutput(OnnxProtos.value("y", 1, 2, 3, 3))
            .addInitializer(tensor("s", FLOAT, dims(), 0.1))
            .addInitializer(tensor("z", UINT8, dims(), 128))
            .addInitializer(tensor("w", INT8, dims(2, 1, 1, 1), 3, -3))
            .addInitializer(tensor("ws", FLOAT, dims(2), 0.5, 0.25))
            .addInitializer(tensor("wz", INT8, dims(2), 0, 0))
            .addInitializer(tensor("b", INT8, dims(2), 1, 2))
            .addNode(
                node("QLinearConv", "qconv", "y", "x", "s", "z", "w", "ws", "wz", "s", "z", "b"));
    assertThat(error(write(g)))
        .contains("node 'qconv' (QLinearConv): bias 'b' is int8; it must be int32");
  }

  @Test
  void qlinearConvWithPerChannelScalesAndABias_dequantizesBoth() throws IOException {
    GraphProto.Builder g =
        GraphProto.newBuilder()
            .addInput(OnnxProtos.value("x", 1, 1, 3, 3))
            .addOutput(OnnxProtos.value("y", 1, 2, 3, 3))
            .addInitializer(tensor("s", FLOAT, dims(), 0.1))
            .addInitializer(tensor("z", UINT8, dims(), 128))
            .addInitializer(tensor("w", INT8, dims(2, 1, 1, 1), 3, -3))
            .addInitializer(tensor("ws", FLOAT, dims(2), 0.5, 0.25))
            .addInitializer(tensor("wz", INT8, dims(2), 1, 0))
            .addInitializer(tensor("b", INT32, dims(2), 10, -20))
            .addNode(
                node("QLinearConv", "qconv", "y", "x", "s", "z", "w", "ws", "wz", "s", "z", "b"));
    Model m = OnnxModels.load(write(g));
    assertThat(m.layer("qconv").precision())
        .hasValue(Precision.of(Dtype.UINT8, Dtype.INT8, Dtype.INT32));
    // (3 - 1) * 0.5 and (-3 - 0) * 0.25; the bias at 0.1 times each filter's scale.
    assertThat(m.layer("qconv").weights().get(0)).usingTolerance(1e-7).containsExactly(1f, -0.75f);
    assertThat(m.layer("qconv").weights().get(1)).usingTolerance(1e-7).containsExactly(0.5f, -0.5f);
  }

  @Test
  void microsoftQLinearOperators_areNamedAsUnsupported() throws IOException {
    GraphProto.Builder g =
        GraphProto.newBuilder()
            .addInput(OnnxProtos.value("x", 1, 2))
            .addOutput(OnnxProtos.value("y", 1, 2))
            .addInitializer(tensor("s", FLOAT, dims(), 0.1))
            .addInitializer(tensor("z", UINT8, dims(), 128))
            .addNode(
                node("QLinearAdd", "qadd", "y", "x", "s", "z", "x", "s", "z", "s", "z").toBuilder()
                    .setDomain("com.microsoft")
                    .build());
    assertThat(error(write(g))).contains("QLinearAdd (1 node: 'qadd')");
  }

  @Test
  void blockSizeOnAnActivation_isRefused() throws IOException {
    GraphProto.Builder g =
        GraphProto.newBuilder()
            .addInput(OnnxProtos.value("x", 1, 2))
            .addOutput(OnnxProtos.value("y", 1, 2))
            .addInitializer(tensor("s", FLOAT, dims(), 0.1))
            .addNode(
                node("DequantizeLinear", "dq", "y", "x", "s").toBuilder()
                    .addAttribute(OnnxProtos.integer("block_size", 2))
                    .build());
    assertThat(error(write(g)))
        .contains("node 'dq' (DequantizeLinear): block_size on an activation is not supported");
  }
}
