package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.onnx.OnnxProtos.integer;
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
 * A Concat of one input, as torchvision's DenseNet exports each dense block's first layer: the
 * input passes through, no layer.
 */
class SingleInputConcatTest {
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

  /** x (1, 2, 3, 3) -> Relu -> [Concat of it alone, axis {@code axis}] -> 1x1 Conv of 3 filters. */
  private Model load(boolean withConcat, long axis) throws IOException {
    GraphProto.Builder g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", 1, 2, 3, 3))
            .addOutput(value("y"))
            .addInitializer(tensor("w", W, 3, 2, 1, 1))
            .addInitializer(tensor("b", B, 3))
            .addNode(node("Relu", "relu", List.of("x"), "r"));
    String convIn = "r";
    if (withConcat) {
      g.addNode(
          node("Concat", "cat", List.of("r"), "c").toBuilder()
              .addAttribute(integer("axis", axis))
              .build());
      convIn = "c";
    }
    g.addNode(
        node("Conv", "conv", List.of(convIn, "w", "b"), "y").toBuilder()
            .addAttribute(ints("kernel_shape", 1, 1))
            .build());
    Path f = dir.resolve("densenet_block.onnx");
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
  void concatOfOneInput_isNoLayer_andTheConvCountsAsWithoutIt() throws IOException {
    Model m = load(true, 1);
    Model plain = load(false, 1);
    assertThat(m.layers().stream().map(l -> m.nameOf(l)).toList()).doesNotContain("cat");
    assertThat(m.layers()).hasSize(plain.layers().size());
    assertThat(m.params().total()).isEqualTo(3 * 2 + 3);
    assertThat(connections(m)).isEqualTo(connections(plain));
    assertThat(connections(m)).isGreaterThan(0);
  }

  @Test
  void concatOfOneInput_passesItsInputThrough() throws IOException {
    float[] x = new float[18];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(1.7 * i);
    }
    // Channels last: x[(h * 3 + w) * 2 + c], y[(h * 3 + w) * 3 + f].
    float[] y = load(true, -3).predict(ExampleData.of(x, 1, 3, 3, 2)).get(0).values();
    assertThat(y).hasLength(27);
    for (int s = 0; s < 9; s++) {
      for (int f = 0; f < 3; f++) {
        double want = B[f];
        for (int c = 0; c < 2; c++) {
          want += (double) W[f * 2 + c] * Math.max(0, (double) x[s * 2 + c]);
        }
        assertThat((double) y[s * 3 + f]).isWithin(1e-5).of(want);
      }
    }
  }

  @Test
  void concatOfOneInput_onAnAxisItLacks_isAnError() {
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> load(true, 4));
    assertThat(e).hasMessageThat().contains("node 'cat' (Concat): axis 4 is outside its input");
  }
}
