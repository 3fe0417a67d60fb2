package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code dtype} column, the footprint's default and per-type device figures on the CLI. */
class DtypeColumnTest {
  private static final Path NPU =
      Path.of("")
          .toAbsolutePath()
          .getParent()
          .resolve("runtime/src/test/resources/org/neurojoule/device/our-npu.json");

  @Test
  void dtypeColumn_showsFloat32ForAKerasModel_andTheFootprintStaysFourBytesAParameter() {
    NeurojouleTest.Run r =
        run("summary", "mnist", "--columns", "name,dtype,footprint", "--no-notes");
    assertThat(r.code()).isEqualTo(0);
    // The bundled mnist model is float32 throughout: 4 bytes a parameter, as before.
    assertThat(r.out())
        .isEqualTo(
            ""
                + "Layer (type)        |Dtype  |Bytes \n"
                + "--------------------|-------|------\n"
                + "input_1 (InputLayer)|float32|     0\n"
                + "conv2d (Conv2D)     |float32|   400\n"
                + "re_lu (ReLU)        |float32|     0\n"
                + "flatten (Flatten)   |float32|     0\n"
                + "dense (Dense)       |float32|496128\n"
                + "re_lu_1 (ReLU)      |float32|     0\n"
                + "dense_1 (Dense)     |float32|  5160\n");
    String csv =
        run("summary", "mnist", "--columns", "name,dtype,footprint", "--format", "csv").out();
    assertThat(csv).startsWith("layer,type,weights_dtype,activations_dtype,footprint_bytes\n");
    assertThat(csv).contains("\ndense,Dense,float32,float32,496128\n");
    assertThat(csv).contains("\ntotal,,,,501688\n");
    String json = run("summary", "mnist", "--columns", "dtype", "--format", "json").out();
    assertThat(json)
        .contains(
            "{\"layer\": \"dense\", \"type\": \"Dense\", \"weights_dtype\": \"float32\","
                + " \"activations_dtype\": \"float32\"}");
  }

  @Test
  void footprintDtype_stillOverridesEveryLayer() {
    String csv =
        run(
                "summary",
                "mnist",
                "--columns",
                "name,footprint",
                "--footprint-dtype",
                "int8",
                "--format",
                "csv")
            .out();
    assertThat(csv).contains("\ndense,Dense,124032\nre_lu_1,ReLU,0\ndense_1,Dense,1290\n");
    assertThat(csv).contains("\ntotal,,125422\n");
  }

  @Test
  void aDeviceFileWithPerTypeFigures_saysWhichFiguresWereUsed() {
    NeurojouleTest.Run r =
        run(
            "summary",
            "mnist",
            "--devices",
            NPU.toString(),
            "--columns",
            "name,energy our-npu",
            "--energy-model",
            "mac-ac");
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out().replace("\n  ", " "))
        .contains(
            "* Figures by data type on our-npu: float32 for 3 layers (no float32 figures: the"
                + " default, MAC 2 pJ).\n");
  }
}
