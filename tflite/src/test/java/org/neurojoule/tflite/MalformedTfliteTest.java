package org.neurojoule.tflite;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.TfliteImportException;
import org.tensorflow.lite.schema.ModelT;

/** Damaged files: each an error naming the file and the place, never a raw exception. */
class MalformedTfliteTest {
  @TempDir Path dir;

  private byte[] kws() throws IOException {
    return Files.readAllBytes(MlperfTinyOracleTest.DIR.resolve("kws_ref_model.tflite"));
  }

  private String refusal(byte[] bytes) throws IOException {
    Path f = dir.resolve("bad.tflite");
    Files.write(f, bytes);
    TfliteImportException e = assertThrows(TfliteImportException.class, () -> TfliteModels.load(f));
    assertThat(e).hasMessageThat().startsWith(f + ": ");
    return e.getMessage().substring(f.toString().length() + 2);
  }

  @Test
  void everyTruncation_isRefusedNamingTheFile() throws IOException {
    byte[] b = kws();
    for (int len = 0; len < b.length; len += 997) {
      refusal(Arrays.copyOf(b, len));
    }
    assertThat(refusal(Arrays.copyOf(b, 6))).contains("too few for a TFLite flatbuffer");
    assertThat(refusal(Arrays.copyOf(b, 40000))).isNotEmpty();
  }

  @Test
  void aWrongIdentifier_isNotATfliteModel() throws IOException {
    byte[] b = kws();
    b[5] = 'X';
    assertThat(refusal(b)).startsWith("not a TFLite model");
  }

  @Test
  void aBufferShorterThanItsTensor_namesBoth() throws IOException {
    ModelT m =
        org.tensorflow.lite.schema.Model.getRootAsModel(java.nio.ByteBuffer.wrap(kws())).unpack();
    var buf = m.getBuffers()[(int) m.getSubgraphs()[0].getTensors()[17].getBuffer()];
    buf.setData(Arrays.copyOf(buf.getData(), 100));
    assertThat(refusal(TinyTflite.pack(m)))
        .contains(
            "subgraph 0, operator 0 (CONV_2D), input 1: tensor 17 '"
                + m.getSubgraphs()[0].getTensors()[17].getName()
                + "' of shape [64, 10, 4, 1] and type INT8 needs 2560 bytes, but its buffer holds"
                + " 100");
  }

  @Test
  void absurdAndNegativeDimensions_areRefused() throws IOException {
    ModelT m =
        org.tensorflow.lite.schema.Model.getRootAsModel(java.nio.ByteBuffer.wrap(kws())).unpack();
    m.getSubgraphs()[0].getTensors()[17].setShape(new int[] {65536, 65536, 65536, 1});
    assertThat(refusal(TinyTflite.pack(m))).contains("has more than 268435456 values");
    m.getSubgraphs()[0].getTensors()[17].setShape(new int[] {64, -10, 4, 1});
    assertThat(refusal(TinyTflite.pack(m))).contains("has dimension -10 at axis 1");
  }

  @Test
  void outOfRangeIndices_areRefused() throws IOException {
    ModelT m =
        org.tensorflow.lite.schema.Model.getRootAsModel(java.nio.ByteBuffer.wrap(kws())).unpack();
    m.getSubgraphs()[0].getOperators()[3].setInputs(new int[] {24, 9999, 7});
    assertThat(refusal(TinyTflite.pack(m)))
        .isEqualTo(
            "subgraph 0, operator 3 (DEPTHWISE_CONV_2D), input 1 refers to tensor 9999, but it"
                + " has 35");
    m = org.tensorflow.lite.schema.Model.getRootAsModel(java.nio.ByteBuffer.wrap(kws())).unpack();
    m.getSubgraphs()[0].getTensors()[5].setBuffer(1000);
    assertThat(refusal(TinyTflite.pack(m))).contains("refers to buffer 1000, but the file has 37");
    m = org.tensorflow.lite.schema.Model.getRootAsModel(java.nio.ByteBuffer.wrap(kws())).unpack();
    m.getSubgraphs()[0].getOperators()[2].setOpcodeIndex(77);
    assertThat(refusal(TinyTflite.pack(m)))
        .isEqualTo("subgraph 0, operator 2: opcode index 77 is past the 6 operator codes");
  }

  @Test
  void aMismatchedPerChannelScaleCount_isRefused() throws IOException {
    ModelT m =
        org.tensorflow.lite.schema.Model.getRootAsModel(java.nio.ByteBuffer.wrap(kws())).unpack();
    m.getSubgraphs()[0].getTensors()[5].getQuantization().setQuantizedDimension(1);
    assertThat(refusal(TinyTflite.pack(m)))
        .contains("has 64 scales along dimension 1, but its shape is [1, 3, 3, 64]");
  }
}
