package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.onnx.OnnxProtos.integer;
import static org.neurojoule.onnx.OnnxProtos.value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Provenance;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/**
 * A file exported with its weights as graph inputs ({@code torch.onnx.export(...,
 * export_params=False)}) has no values for them: the model imports with made-up weights, records
 * so, and an estimate on example data warns.
 */
class WeightsAsInputsTest {
  @TempDir Path dir;

  /** x (1, 4) -> Gemm(w (3, 4), b (3), transB) -> Relu; w and b inputs, or initializers. */
  private Path file(boolean stored) throws IOException {
    GraphProto.Builder g = GraphProto.newBuilder().setName("g").addInput(value("x", 1, 4));
    if (stored) {
      TensorProto.Builder w = TensorProto.newBuilder().setName("w").setDataType(1);
      w.addDims(3).addDims(4);
      for (int i = 0; i < 12; i++) {
        w.addFloatData(0.1f * (i - 6));
      }
      TensorProto.Builder b = TensorProto.newBuilder().setName("b").setDataType(1).addDims(3);
      b.addFloatData(0.1f).addFloatData(-0.2f).addFloatData(0.3f);
      g.addInitializer(w).addInitializer(b);
    } else {
      g.addInput(value("w", 3, 4)).addInput(value("b", 3));
    }
    g.addNode(
            NodeProto.newBuilder()
                .setOpType("Gemm")
                .setName("fc")
                .addAllInput(List.of("x", "w", "b"))
                .addOutput("h")
                .addAttribute(integer("transB", 1)))
        .addNode(
            NodeProto.newBuilder().setOpType("Relu").setName("relu").addInput("h").addOutput("y"))
        .addOutput(value("y", 1, 3));
    Path f = dir.resolve(stored ? "stored.onnx" : "weights_as_inputs.onnx");
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

  private static ExampleData data() {
    return ExampleData.of(new float[] {1, -2, 0.5f, 3, 0, 1, -1, 2}, 2, 4);
  }

  @Test
  void weightsAsInputs_recordedAsMadeUp_andTheEstimateWarns() throws IOException {
    Path f = file(false);
    Model m = OnnxModels.load(f);

    assertThat(m.provenance()).hasValue(Provenance.imported(f.toString(), false));
    assertThat(m.params().total()).isEqualTo(15);
    ModelEnergy e = m.energy(o -> o.exampleData(data()));
    assertThat(e.warnings())
        .contains(
            f
                + " stores no weights: the firing rates, and so the energies of spiking devices,"
                + " come from made-up initial weights, not the trained ones");
  }

  @Test
  void storedInitializers_noWarning() throws IOException {
    Path f = file(true);
    Model m = OnnxModels.load(f);

    assertThat(m.provenance()).hasValue(Provenance.imported(f.toString(), true));
    assertThat(m.params().total()).isEqualTo(15);
    assertThat(
            m.energy(o -> o.exampleData(data())).warnings().stream()
                .filter(w -> w.contains("stores no weights")))
        .isEmpty();
  }
}
