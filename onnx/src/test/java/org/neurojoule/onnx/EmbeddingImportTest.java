package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/** PyTorch's nn.Embedding: a Gather of a weight table by integer ids. */
class EmbeddingImportTest {
  /** A test-data tensor's values as floats: float32 or int64, typed fields or raw data. */
  private static float[] values(Path pb) throws IOException {
    TensorProto t = TensorProto.parseFrom(Files.readAllBytes(pb));
    ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    boolean int64 = t.getDataType() == TensorProto.DataType.INT64_VALUE;
    int n =
        int64
            ? Math.max(t.getInt64DataCount(), b.remaining() / 8)
            : Math.max(t.getFloatDataCount(), b.remaining() / 4);
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      if (int64) {
        f[i] = t.getInt64DataCount() > 0 ? t.getInt64Data(i) : b.getLong(8 * i);
      } else {
        f[i] = t.getFloatDataCount() > 0 ? t.getFloatData(i) : b.getFloat(4 * i);
      }
    }
    return f;
  }

  @Test
  void gatherOfATableByIds_isAnEmbedding_reproducingPytorch() throws IOException {
    reproduces("test_Embedding");
    // sparse=True changes PyTorch's gradient only: the same Gather.
    reproduces("test_Embedding_sparse");
  }

  private static void reproduces(String test) throws IOException {
    Path folder = TorchvisionImportTest.file("pytorch-converted/" + test);
    Model m = OnnxModels.load(folder.resolve("model.onnx"));
    assertThat(m.layer("Gather_0").spec().type()).isEqualTo("Embedding");
    // The table's 4 x 3 stored values; a lookup counts no connections.
    assertThat(m.params().total()).isEqualTo(12L);
    float[] ids = values(folder.resolve("test_data_set_0/input_0.pb"));
    float[] want = values(folder.resolve("test_data_set_0/output_0.pb"));
    assertThat(ids).hasLength(4);
    ExampleData out = m.predict(ExampleData.of(ids, 1, 4)).get(0);
    // ONNX (4 ids, 3) is channels last here: (3, 4), through the output's permute.
    assertThat(out.shape()).asList().containsExactly(1, 3, 4).inOrder();
    for (int id = 0; id < 4; id++) {
      for (int d = 0; d < 3; d++) {
        assertThat((double) out.values()[d * 4 + id]).isWithin(1e-6).of(want[id * 3 + d]);
      }
    }
  }
}
