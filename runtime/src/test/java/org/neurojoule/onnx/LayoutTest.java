package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.Model;
import org.neurojoule.OnnxModels;
import org.neurojoule.onnx.proto.OnnxProto.AttributeProto;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorShapeProto;
import org.neurojoule.onnx.proto.OnnxProto.TypeProto;
import org.neurojoule.onnx.proto.OnnxProto.ValueInfoProto;

/** PyTorch's channels-first weights become Keras' channels-last ones. */
class LayoutTest {
  @TempDir Path dir;

  private static ValueInfoProto value(String name, long... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : dims) {
      s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
  }

  private static TensorProto weight(String name, long[] dims, float... v) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1);
    Arrays.stream(dims).forEach(t::addDims);
    for (float f : v) {
      t.addFloatData(f);
    }
    return t.build();
  }

  private Model load(long[] input, TensorProto w, NodeProto... nodes) throws IOException {
    GraphProto g = GraphProto.newBuilder().setName("g").addInput(value("x", input))
        .addOutput(value("y")).addInitializer(w).addAllNode(Arrays.asList(nodes)).build();
    Path f = dir.resolve("m.onnx");
    Files.write(f, ModelProto.newBuilder().setIrVersion(7).addOpsetImport(OperatorSetIdProto
        .newBuilder().setVersion(13)).setGraph(g).build().toByteArray());
    return OnnxModels.load(f);
  }

  @Test
  void convKernel_outInKhKw_becomesKhKwInOut() throws IOException {
    Model m = load(new long[] {1, 3, 4, 4}, weight("w", new long[] {2, 3, 1, 1}, 0, 1, 2, 3, 4,
        5), NodeProto.newBuilder().setOpType("Conv").setName("conv").addInput("x").addInput("w")
        .addOutput("y").build());
    assertThat(m.layer("conv").weights().get(0)).usingExactEquality()
        .containsExactly(0, 3, 1, 4, 2, 5).inOrder();
    assertThat(m.layer("x").spec().outputShape(java.util.List.of()).toArray()).asList()
        .containsExactly(4, 4, 3).inOrder();
  }

  @Test
  void gemmAfterFlatten_ofChannelsFirstData_getsItsRowsPermuted() throws IOException {
    // (C=2, H=1, W=2): ONNX flattens c-major (c * 2 + w), NeuroJoule channels last (w * 2 + c).
    Model m = load(new long[] {1, 2, 1, 2}, weight("b", new long[] {1, 4}, 10, 11, 12, 13),
        NodeProto.newBuilder().setOpType("Flatten").setName("flat").addInput("x")
            .addOutput("f").build(),
        NodeProto.newBuilder().setOpType("Gemm").setName("fc").addInput("f").addInput("b")
            .addAttribute(AttributeProto.newBuilder().setName("transB").setI(1)
                .setType(AttributeProto.AttributeType.INT))
            .addOutput("y").build());
    assertThat(m.layer("fc").weights().get(0)).usingExactEquality()
        .containsExactly(10, 12, 11, 13).inOrder();
  }
}
