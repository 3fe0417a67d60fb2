package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.cli.NeurojouleTest.Run;

/** A TensorFlow Lite file as the MODEL argument of every verb that takes one. */
class TfliteModelTest {
  private static final Path MODELS =
      Path.of("").toAbsolutePath().getParent().resolve("tflite/src/test/resources/tflite");
  private static final String KWS = MODELS.resolve("kws_ref_model.tflite").toString();
  private static final String KWS_FLOAT = MODELS.resolve("kws_ref_model_float32.tflite").toString();

  @TempDir Path dir;

  @Test
  void summary_ofTheInt8Kws_printsItsParametersAndMacs() {
    Run table = run("summary", KWS);
    assertThat(table.code()).isEqualTo(0);
    // The table's Param # and Conn # columns, found by their headers.
    List<String> rows = table.out().lines().toList();
    List<String> header = List.of(rows.get(0).split("\\|"));
    int paramsAt = indexOf(header, "Param #");
    int connAt = indexOf(header, "Conn #");
    long params = 0;
    long tableMacs = 0;
    for (String row : rows.subList(2, rows.size())) {
      String[] cells = row.split("\\|");
      if (cells.length != header.size()) {
        continue; // the closing rule and totals
      }
      params += Long.parseLong(cells[paramsAt].strip());
      if (cells[0].contains("(Conv2D)")
          || cells[0].contains("(DepthwiseConv2D)")
          || cells[0].contains("(Dense)")) {
        tableMacs += Long.parseLong(cells[connAt].strip());
      }
    }
    assertThat(params).isEqualTo(22_604);
    assertThat(tableMacs).isEqualTo(2_656_768);

    Run csv = run("summary", KWS, "--format", "csv", "--columns", "name,params,connections");
    assertThat(csv.code()).isEqualTo(0);
    List<String> lines = csv.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("layer,type,params,connections");
    long macs = 0;
    for (String line : lines.subList(1, lines.size() - 1)) {
      String[] f = line.split(",");
      if (f[1].equals("Conv2D") || f[1].equals("DepthwiseConv2D") || f[1].equals("Dense")) {
        macs += Long.parseLong(f[3]);
      }
    }
    assertThat(macs).isEqualTo(2_656_768);
    assertThat(lines.get(lines.size() - 1)).startsWith("total,,22604,");
  }

  @Test
  void summary_ofAQuantizedModel_showsItsFormatsAndStoredBytesByDefault() {
    Run r = run("summary", KWS, "--no-notes");
    assertThat(r.code()).isEqualTo(0);
    List<String> rows = r.out().lines().toList();
    assertThat(rows.get(0))
        .isEqualTo(
            "Layer (type)                         |Output shape       |Param #|Conn #|Neuron #"
                + "|J/inf (cpu)|Dtype|Bytes");
    assertThat(rows)
        .contains(
            "conv_2d_0 (Conv2D)                   |  (None, 25, 5, 64)|   2624|320000|       0"
                + "|     0.0028| int8| 2816");
    // 2,560 int8 weights and 64 int32 biases above; the model's 22,016 int8 weights and 588
    // int32 biases take 22,016 + 4 x 588 bytes.
    Run csv = run("summary", KWS, "--format", "csv");
    assertThat(csv.out().lines().toList().get(0))
        .isEqualTo(
            "layer,type,output_shape,params,connections,neurons,energy_j_cpu,weights_dtype,"
                + "activations_dtype,footprint_bytes");
    assertThat(csv.out()).endsWith(",,,24368\n");
    // The "float32" file is hybrid: int8 pointwise kernels, float activations.
    assertThat(run("summary", KWS_FLOAT, "--no-notes").out())
        .contains("\nconv_2d_2 (Conv2D)                   |  (None, 25, 5, 64)|");
    assertThat(run("summary", KWS_FLOAT, "--no-notes", "--format", "csv").out())
        .contains("\nconv_2d_2,Conv2D,\"(None, 25, 5, 64)\",4160,512000,0,");
    assertThat(run("summary", KWS_FLOAT, "--no-notes", "--format", "csv").out())
        .containsMatch("\nconv_2d_2,Conv2D,[^\n]*,int8,float32,4352\n");
  }

  private static int indexOf(List<String> header, String name) {
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).strip().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no column " + name + " in " + header);
  }

  @Test
  void compare_andReport_takeTfliteFiles() throws Exception {
    Run r = run("compare", KWS, KWS_FLOAT, "--format", "csv");
    assertWithMessage(r.err()).that(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("kws_ref_model.tflite");
    assertThat(r.out()).contains("kws_ref_model_float32.tflite");

    Path html = dir.resolve("kws.html");
    Run report = run("summary", KWS, "--report", html.toString());
    assertWithMessage(report.err()).that(report.code()).isEqualTo(0);
    assertThat(Files.readString(html)).contains("conv_2d_0");
  }

  @Test
  void anUnknownOperator_isAnErrorNamingIt_orAZeroCostLayerWithAllowUnknown() throws Exception {
    org.tensorflow.lite.schema.ModelT m =
        org.tensorflow.lite.schema.Model.getRootAsModel(
                java.nio.ByteBuffer.wrap(Files.readAllBytes(Path.of(KWS))))
            .unpack();
    // The softmax's operator code becomes CUMSUM, which has no mapping.
    var code = m.getOperatorCodes()[(int) m.getSubgraphs()[0].getOperators()[12].getOpcodeIndex()];
    code.setBuiltinCode(org.tensorflow.lite.schema.BuiltinOperator.CUMSUM);
    code.setDeprecatedBuiltinCode(
        (byte) org.tensorflow.lite.schema.BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES);
    com.google.flatbuffers.FlatBufferBuilder b = new com.google.flatbuffers.FlatBufferBuilder();
    org.tensorflow.lite.schema.Model.finishModelBuffer(
        b, org.tensorflow.lite.schema.Model.pack(b, m));
    Path file = Files.write(dir.resolve("cumsum.tflite"), b.sizedByteArray());

    Run refused = run("summary", file.toString());
    assertThat(refused.code()).isNotEqualTo(0);
    assertThat(refused.err())
        .contains(
            file
                + ": subgraph 0, operator 12 (CUMSUM): operator CUMSUM has no NeuroJoule"
                + " mapping");
    Run allowed = run("summary", file.toString(), "--allow-unknown", "--columns", "name,params");
    assertWithMessage(allowed.err()).that(allowed.code()).isEqualTo(0);
    assertThat(allowed.out()).contains("cumsum_12 (CUMSUM)");
  }

  @Test
  void inputShape_onATfliteFile_isRefusedNamingIt() {
    Run r = run("summary", KWS, "--input-shape", "49,10,1");
    assertThat(r.code()).isNotEqualTo(0);
    assertThat(r.err()).contains("is a TFLite model, which declares its own input shape");
  }
}
