package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.keras.KerasModels;
import org.neurojoule.nir.NirModels;
import org.neurojoule.onnx.OnnxModels;

/** Models.load picks each format's importer from the file alone, through ServiceLoader. */
class ModelsTest {
  // The importer modules' own test files, beside this module in the repository.
  private static final Path KERAS =
      Path.of("../keras/src/test/resources/keras/k2_2.1.3_seq_conv2d_bn_tiny.h5");
  private static final Path KERAS_JSON =
      Path.of("../keras/src/test/resources/keras/arch_k2_2.1.5_two_input_add.json");
  private static final Path ONNX = Path.of("../onnx/src/test/resources/onnx/resnet18.onnx");
  private static final Path NIR = Path.of("../nir/src/test/resources/nir/cnn_sinabs.nir");
  private static final Path TFLITE =
      Path.of("../tflite/src/test/resources/tflite/kws_ref_model.tflite");

  @TempDir Path dir;

  @Test
  void formats_listsEveryImporterOnTheClassPath() {
    assertThat(Models.formats()).containsExactly("Keras", "NIR", "ONNX", "TFLite").inOrder();
  }

  @Test
  void load_eachFormat_givesWhatItsOwnClassGives() {
    assertThat(Models.load(KERAS).summaryString())
        .isEqualTo(KerasModels.load(KERAS).summaryString());
    assertThat(Models.load(KERAS_JSON).summaryString())
        .isEqualTo(KerasModels.load(KERAS_JSON).summaryString());
    assertThat(Models.load(ONNX).summaryString()).isEqualTo(OnnxModels.load(ONNX).summaryString());
    assertThat(Models.load(NIR).summaryString()).isEqualTo(NirModels.load(NIR).summaryString());
    assertThat(Models.load(TFLITE).summaryString())
        .isEqualTo(org.neurojoule.tflite.TfliteModels.load(TFLITE).summaryString());
  }

  @Test
  void load_recognizesTheSignature_notTheName() throws IOException {
    Path onnx = Files.copy(ONNX, dir.resolve("model.bin"));
    Path keras = Files.copy(KERAS, dir.resolve("weights.dat"));
    assertThat(Models.load(onnx).summaryString()).isEqualTo(OnnxModels.load(ONNX).summaryString());
    assertThat(Models.load(keras).summaryString())
        .isEqualTo(KerasModels.load(KERAS).summaryString());
  }

  @Test
  void load_passesOptionsOn() {
    Path twelveNet =
        Path.of(
            "../keras/src/test/resources/keras/k2_2.2.0_functional_12net_none_spatial_prelu_2outputs.h5");
    assertThat(Models.load(twelveNet, o -> o.inputShape(24, 24, 3)).summaryString())
        .isEqualTo(KerasModels.load(twelveNet, o -> o.inputShape(24, 24, 3)).summaryString());
  }

  @Test
  void options_badDimension_isRefusedBeforeAnyFileIsRead() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Models.load(dir.resolve("never-read.onnx"), o -> o.inputShape(0, 3)));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("inputShape: dimension 0 in [0, 3] must be positive, or -1 to keep the file's");
  }

  @Test
  void load_unknownFile_namesTheFileAndTheArtifacts() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");
    var e = assertThrows(IllegalArgumentException.class, () -> Models.load(text));
    assertThat(e).hasMessageThat().contains("cannot tell the format of '" + text + "'");
    assertThat(e)
        .hasMessageThat()
        .contains("the importers on the class path (Keras, NIR, ONNX, TFLite)");
    assertThat(e).hasMessageThat().contains("neurojoule-onnx (.onnx)");
    assertThat(e).hasMessageThat().contains("neurojoule-tflite (.tflite)");
  }

  @Test
  void load_nameOfOneFormatContentOfNone_saysSo() throws IOException {
    Path fake = Files.write(dir.resolve("fake.nir"), new byte[] {1, 2, 3});
    var e = assertThrows(IllegalArgumentException.class, () -> Models.load(fake));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("'" + fake + "' is named like a NIR file (.nir) but does not start like one");
  }

  @Test
  void load_missingFile_isAClearError() {
    Path missing = dir.resolve("missing.onnx");
    var e = assertThrows(IllegalArgumentException.class, () -> Models.load(missing));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("cannot read model file '" + missing + "': no such file");
  }

  @Test
  void load_damagedOnnx_isTheOnnxImportersError() throws IOException {
    Path damaged = Files.write(dir.resolve("damaged.onnx"), new byte[] {0x08, (byte) 0xff});
    var e = assertThrows(ImportException.class, () -> Models.load(damaged));
    assertThat(e).isInstanceOf(OnnxImportException.class);
    assertThat(e).hasMessageThat().contains(damaged.toString());
  }
}
