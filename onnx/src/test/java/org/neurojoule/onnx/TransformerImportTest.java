package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/** MatMul between two activations, as attention has it. */
class TransformerImportTest {
  @TempDir Path dir;

  private static NodeProto node(String op, String name, String out, String... in) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(name)
        .addAllInput(Arrays.asList(in))
        .addOutput(out)
        .build();
  }

  private Path write(long[] input, NodeProto... nodes) throws IOException {
    GraphProto g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", input))
            .addOutput(value("y"))
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
    return f;
  }

  @Test
  void matMulOfTwoActivations_computesTheOnnxProduct_andCountsItsMultiplyAdds() throws IOException {
    // y = x · relu(x) on a (3, 3) x: the operands differ, so a swapped product would show.
    Model m =
        OnnxModels.load(
            write(
                new long[] {1, 3, 3},
                node("Relu", "relu", "r", "x"),
                node("MatMul", "scores", "y", "x", "r")));
    float[] x = {1, -2, 3, -4, 5, -6, 7, -8, 9};
    // ONNX (3, 3) is channels last here: transposed.
    float[] nj = new float[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        nj[j * 3 + i] = x[i * 3 + j];
      }
    }
    List<ExampleData> out = m.predict(ExampleData.of(nj, 1, 3, 3));
    float[] got = out.get(0).values();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double want = 0;
        for (int k = 0; k < 3; k++) {
          want += x[i * 3 + k] * Math.max(0, x[k * 3 + j]);
        }
        assertThat((double) got[j * 3 + i]).isWithin(1e-5).of(want);
      }
    }
    assertThat(m.layer("scores").spec().type()).isEqualTo("MatMul");
    assertThat(m.energy(e -> e.accounting(Accounting.COMPLETE)).layerStats("scores").connections())
        .isEqualTo(27L);
    var spiking = m.energy(e -> e.accounting(Accounting.KERAS_SPIKING));
    assertThat(spiking.layerStats("scores").connections()).isEqualTo(0L);
    assertThat(spiking.warnings()).contains("Cannot compute stats for layer of type 'MatMul'");
  }

  @Test
  void matMulOfThreeDimensionalActivations_isBatchedOverTheLeadingAxis() throws IOException {
    // ONNX (2, 3, 3) per example: two 3x3 products. The input is channels first, so it is
    // permuted to ONNX's order first (zero cost); the output keeps ONNX's order.
    Model m =
        OnnxModels.load(
            write(
                new long[] {1, 2, 3, 3},
                node("Relu", "relu", "r", "x"),
                node("MatMul", "heads", "y", "x", "r")));
    float[] x = new float[18];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i % 5) - 2 + 0.25f * i;
    }
    // ONNX (c, h, w) is (h, w, c) here.
    float[] nj = new float[18];
    for (int c = 0; c < 2; c++) {
      for (int h = 0; h < 3; h++) {
        for (int w = 0; w < 3; w++) {
          nj[(h * 3 + w) * 2 + c] = x[(c * 3 + h) * 3 + w];
        }
      }
    }
    float[] got = m.predict(ExampleData.of(nj, 1, 3, 3, 2)).get(0).values();
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          double want = 0;
          for (int k = 0; k < 3; k++) {
            want += x[(c * 3 + i) * 3 + k] * Math.max(0, x[(c * 3 + k) * 3 + j]);
          }
          assertThat((double) got[(c * 3 + i) * 3 + j]).isWithin(1e-5).of(want);
        }
      }
    }
    assertThat(m.layerNames())
        .containsExactly("x", "relu", "heads_onnx_order", "heads_onnx_order_1", "heads")
        .inOrder();
    // 2 heads of 3 * 3 * 3 multiply-adds.
    assertThat(m.energy(e -> e.accounting(Accounting.COMPLETE)).layerStats("heads").connections())
        .isEqualTo(54L);
  }

  @Test
  void matMulWithTheBatchOnAMatrixAxis_isAClearError() throws IOException {
    // (N, 3, 4) transposed to (3, N, 4): the batch sits on the rows of the product.
    NodeProto swap =
        NodeProto.newBuilder()
            .setOpType("Transpose")
            .setName("swap")
            .addInput("x")
            .addOutput("s")
            .addAttribute(
                org.neurojoule.onnx.proto.OnnxProto.AttributeProto.newBuilder()
                    .setName("perm")
                    .setType(org.neurojoule.onnx.proto.OnnxProto.AttributeProto.AttributeType.INTS)
                    .addAllInts(List.of(1L, 0L, 2L)))
            .build();
    NodeProto tr =
        NodeProto.newBuilder()
            .setOpType("Transpose")
            .setName("to_tokens")
            .addInput("x0")
            .addOutput("x")
            .addAttribute(
                org.neurojoule.onnx.proto.OnnxProto.AttributeProto.newBuilder()
                    .setName("perm")
                    .setType(org.neurojoule.onnx.proto.OnnxProto.AttributeProto.AttributeType.INTS)
                    .addAllInts(List.of(0L, 2L, 1L)))
            .build();
    GraphProto g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x0", 1, 4, 3))
            .addOutput(value("y"))
            .addNode(tr)
            .addNode(swap)
            .addNode(node("MatMul", "scores", "y", "s", "s"))
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
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxModels.load(f));
    assertThat(e)
        .hasMessageThat()
        .endsWith(
            "m.onnx: node 'scores' (MatMul): MatMul of (3, N, 4)"
                + " and (3, N, 4) has the batch on a matrix axis; it must be one of the leading ones");
  }
}
