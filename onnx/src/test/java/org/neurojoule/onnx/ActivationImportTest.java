package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.onnx.OnnxProtos.value;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/** LogSoftmax and HardSwish: the activations added for PyTorch exports. */
class ActivationImportTest {
  @TempDir Path dir;

  private static float[] floats(Path pb) throws IOException {
    TensorProto t = TensorProto.parseFrom(Files.readAllBytes(pb));
    if (t.getFloatDataCount() > 0) {
      float[] f = new float[t.getFloatDataCount()];
      for (int i = 0; i < f.length; i++) {
        f[i] = t.getFloatData(i);
      }
      return f;
    }
    ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    float[] f = new float[b.remaining() / 4];
    b.asFloatBuffer().get(f);
    return f;
  }

  /** The case's forward pass on input_0.pb against output_0.pb, 1e-4 relative; flat inputs. */
  private static void assertReproduces(String test, int batch, int features) throws IOException {
    Path folder = TorchvisionImportTest.file("pytorch-converted/" + test);
    Model m = OnnxModels.load(folder.resolve("model.onnx"));
    float[] in = floats(folder.resolve("test_data_set_0/input_0.pb"));
    float[] want = floats(folder.resolve("test_data_set_0/output_0.pb"));
    float[] got = m.predict(ExampleData.of(in, batch, features)).get(0).values();
    assertThat(got).hasLength(want.length);
    for (int i = 0; i < want.length; i++) {
      assertThat((double) got[i]).isWithin(1e-4 * Math.max(1, Math.abs(want[i]))).of(want[i]);
    }
  }

  @Test
  void logSoftmax_reproducesPytorch() throws IOException {
    assertReproduces("test_LogSoftmax", 10, 20);
    assertReproduces("test_log_softmax_lastdim", 2, 128);
  }

  @Test
  void hardSwish_isXTimesRelu6OfXPlus3Over6() throws IOException {
    GraphProto g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", 1, 6))
            .addOutput(value("y"))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("HardSwish")
                    .setName("hs")
                    .addInput("x")
                    .addOutput("y"))
            .build();
    Path f = dir.resolve("m.onnx");
    Files.write(
        f,
        ModelProto.newBuilder()
            .setIrVersion(7)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(14))
            .setGraph(g)
            .build()
            .toByteArray());
    Model m = OnnxModels.load(f);
    assertThat(m.layer("hs").spec().describe()).contains("hard_swish");
    float[] got =
        m.predict(ExampleData.of(new float[] {-4, -3, -1, 0, 2, 5}, 1, 6)).get(0).values();
    assertThat(Arrays.toString(got))
        .isEqualTo(Arrays.toString(new float[] {-0f, -0f, -1 * 2 / 6f, 0, 2 * 5 / 6f, 5}));
  }
}
