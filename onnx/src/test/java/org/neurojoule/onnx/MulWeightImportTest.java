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
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.layer.Accounting;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/**
 * {@code Mul} of an activation by a stored tensor (a layer scale, a per-channel factor): a
 * MulWeight that stores the tensor, channels-first factors moved to channels last with the
 * activation.
 */
class MulWeightImportTest {
  @TempDir Path dir;

  private static NodeProto node(String op, String name, String out, String... in) {
    return NodeProto.newBuilder()
        .setOpType(op)
        .setName(name)
        .addAllInput(Arrays.asList(in))
        .addOutput(out)
        .build();
  }

  private static TensorProto floats(String name, List<Long> dims, float... v) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1).addAllDims(dims);
    for (float f : v) {
      t.addFloatData(f);
    }
    return t.build();
  }

  private Path write(GraphProto.Builder g) throws IOException {
    Path f = dir.resolve("mul.onnx");
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

  @Test
  void perChannelFactors_ofAChannelsFirstActivation() throws IOException {
    // x (N, C=2, H=2, W=3) times gamma (2, 1, 1), as a ConvNeXt layer scale is written.
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 2, 2, 3))
                .addOutput(value("y", 1, 2, 2, 3))
                .addInitializer(floats("gamma", List.of(2L, 1L, 1L), 2f, -0.5f))
                .addNode(node("Mul", "scale", "y", "x", "gamma")));
    Model m = OnnxModels.load(f);
    assertThat(m.layer("scale").spec().type()).isEqualTo("MulWeight");
    // The stored tensor's two values, not one per unit.
    assertThat(m.params(m.layer("scale")).total()).isEqualTo(2L);
    assertThat(m.params().total()).isEqualTo(2L);
    // A multiply per output, which the statistics leave out (as a Rescaling's).
    assertThat(m.energy(e -> e.accounting(Accounting.COMPLETE)).layerStats("scale").connections())
        .isEqualTo(0L);
    // NeuroJoule's (H, W, C): the value at (h, w, c) times gamma[c].
    float[] in = new float[12];
    for (int i = 0; i < in.length; i++) {
      in[i] = i + 1;
    }
    float[] out = m.predict(ExampleData.of(in, 1, 2, 3, 2)).get(0).values();
    float[] want = new float[12];
    for (int i = 0; i < 12; i++) {
      want[i] = in[i] * (i % 2 == 0 ? 2f : -0.5f);
    }
    assertThat(out).usingExactEquality().containsExactly(want).inOrder();
  }

  @Test
  void aFullTensor_ofAChannelsFirstActivation_isTransposedToChannelsLast() throws IOException {
    // gamma (C=2, H=1, W=3): ONNX's value at (c, w) is 10 c + w.
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 2, 1, 3))
                .addOutput(value("y", 1, 2, 1, 3))
                .addInitializer(floats("gamma", List.of(2L, 1L, 3L), 0f, 1f, 2f, 10f, 11f, 12f))
                .addNode(node("Mul", "scale", "y", "gamma", "x")));
    Model m = OnnxModels.load(f);
    assertThat(m.params().total()).isEqualTo(6L);
    float[] ones = new float[6];
    Arrays.fill(ones, 1f);
    // NeuroJoule's (1, 3, 2): at (w, c), 10 c + w.
    assertThat(m.predict(ExampleData.of(ones, 1, 1, 3, 2)).get(0).values())
        .usingExactEquality()
        .containsExactly(new float[] {0f, 10f, 1f, 11f, 2f, 12f})
        .inOrder();
  }

  @Test
  void factorsOfFlatFeatures() throws IOException {
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 4))
                .addOutput(value("y", 1, 4))
                .addInitializer(floats("w", List.of(4L), 1f, 2f, 3f, 4f))
                .addNode(node("Mul", "scale", "y", "x", "w")));
    Model m = OnnxModels.load(f);
    assertThat(m.layer("scale").spec().type()).isEqualTo("MulWeight");
    assertThat(m.params().total()).isEqualTo(4L);
    assertThat(m.predict(ExampleData.of(new float[] {1f, -1f, 0.5f, 2f}, 1, 4)).get(0).values())
        .usingExactEquality()
        .containsExactly(new float[] {1f, -2f, 1.5f, 8f})
        .inOrder();
  }

  @Test
  void aScalarStaysARescaling() throws IOException {
    Path f =
        write(
            GraphProto.newBuilder()
                .addInput(value("x", 1, 4))
                .addOutput(value("y", 1, 4))
                .addInitializer(floats("s", List.of(), 3f))
                .addNode(node("Mul", "scale", "y", "x", "s")));
    Model m = OnnxModels.load(f);
    assertThat(m.layer("scale").spec().type()).isEqualTo("Rescaling");
    assertThat(m.params().total()).isEqualTo(0L);
  }
}
