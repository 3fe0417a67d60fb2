package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.cli.NeurojouleTest.assertFails;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neurojoule.SummaryOptions;
import org.neurojoule.cli.NeurojouleTest.Run;
import org.neurojoule.keras.KerasModels;

/** {@code --input-shape} on summary and compare: sizes for models saved with undefined dims. */
class InputShapeOptionTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final String TWELVE_NET =
      keras("k2_2.2.0_functional_12net_none_spatial_prelu_2outputs.h5").toString();
  private static final String TWO_INPUTS = keras("arch_k2_2.1.5_two_input_add.json").toString();
  private static final String COUNTS = "name,output_shape,params,connections,neurons";

  private static Path keras(String name) {
    return ROOT.resolve("keras/src/test/resources/keras").resolve(name);
  }

  @Test
  void summary_withAnInputShape_countsTheNetAtThatSize() {
    Run r =
        run(
            "summary",
            TWELVE_NET,
            "--input-shape",
            "12,12,3",
            "--format",
            "csv",
            "--columns",
            COUNTS);

    assertThat(r.out())
        .isEqualTo(
            """
        layer,type,output_shape,params,connections,neurons
        input_2,InputLayer,"[(None, 12, 12, 3)]",0,0,0
        conv1,Conv2D,"(None, 10, 10, 10)",280,27000,0
        PReLU1,PReLU,"(None, 10, 10, 10)",10,0,1000
        max_pooling2d_2,MaxPooling2D,"(None, 5, 5, 10)",0,0,0
        conv2,Conv2D,"(None, 3, 3, 16)",1456,12960,0
        PReLU2,PReLU,"(None, 3, 3, 16)",16,0,144
        conv3,Conv2D,"(None, 1, 1, 32)",4640,4608,0
        PReLU3,PReLU,"(None, 1, 1, 32)",32,0,32
        conv4-1,Conv2D,"(None, 1, 1, 2)",66,64,2
        conv4-2,Conv2D,"(None, 1, 1, 4)",132,128,0
        total,,,6632,44760,1178
        """);
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(0);
    Run text = run("summary", TWELVE_NET, "--input-shape", "input_2=12,12,3");
    assertThat(text.out())
        .isEqualTo(
            NeurojouleTest.inCliWords(
                () ->
                    KerasModels.load(Path.of(TWELVE_NET), o -> o.inputShape(12, 12, 3))
                        .energy()
                        .summaryString(o -> o.lineLength(SummaryOptions.AUTO))));
  }

  @Test
  void summary_withoutAnInputShape_saysTheDimensionIsUndefined() {
    Run r = run("summary", TWELVE_NET);

    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("neurojoule: [NnUndefinedDimension]");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void compare_appliesTheShapeToBothModelFiles() {
    Run r = run("compare", TWELVE_NET, TWELVE_NET, "--input-shape", "24,24,3", "--format", "csv");

    long connections =
        KerasModels.load(Path.of(TWELVE_NET), o -> o.inputShape(24, 24, 3))
            .energy()
            .totals(o -> o)
            .connections();
    // One record per model after the header; connections is the fifth field.
    assertThat(r.out().lines().skip(1).map(l -> l.split(",")[4]).toList())
        .containsExactly(Long.toString(connections), Long.toString(connections));
    assertThat(r.code()).isEqualTo(0);
  }

  @Test
  void namedShapes_forAModelWithSeveralInputs() {
    Run r =
        run(
            "summary",
            TWO_INPUTS,
            "--input-shape",
            "input_3=16",
            "--input-shape",
            "input_4=32",
            "--format",
            "csv",
            "--columns",
            "name,output_shape");

    assertThat(r.out()).contains("input_3,InputLayer,\"[(None, 16)]\"");
    assertThat(r.code()).isEqualTo(0);
  }

  @Test
  void badInputShapes_exitWithOneLine() {
    assertFails(
        1,
        "neurojoule: "
            + TWELVE_NET
            + ": input 'input_2' is declared (None, None,"
            + " None, 3) in the file; the given (None, 12, 12, 4) has 4 at axis 3 (the batch is axis"
            + " 0), where the file has 3",
        "summary",
        TWELVE_NET,
        "--input-shape",
        "12,12,4");
    assertFails(
        1,
        "neurojoule: "
            + TWO_INPUTS
            + ": one input shape was given, but the model has"
            + " 2 inputs ('input_3', 'input_4'); give each its shape by name (inputShapes, or"
            + " --input-shape NAME=DIMS)",
        "summary",
        TWO_INPUTS,
        "--input-shape",
        "16");
    assertFails(
        1,
        "neurojoule: "
            + TWO_INPUTS
            + ": an input shape was given for 'input_1',"
            + " which is not an input of the model; its inputs are 'input_3', 'input_4'",
        "summary",
        TWO_INPUTS,
        "--input-shape",
        "input_1=16");
    assertFails(
        1,
        "neurojoule: --input-shape applies to model files; 'mnist' is a bundled"
            + " model, declared with its own input shape",
        "summary",
        "mnist",
        "--input-shape",
        "28,28,1");
    assertFails(
        1,
        "neurojoule: --input-shape applies to model files; 'vgg9' is a bundled"
            + " model, declared with its own input shape",
        "compare",
        TWELVE_NET,
        "vgg9",
        "--input-shape",
        "12,12,3");
  }

  @Test
  void absurdInputShapes_giveAClearError_notAnOverflow() {
    Run huge = run("summary", TWELVE_NET, "--input-shape", "2147483647,2147483647,3");

    assertThat(huge.err())
        .startsWith(
            "neurojoule: [NnOverflow] layer 1 'conv1' conv2d(10, 3x3):"
                + " a size or count for input [2147483647x2147483647x3] is too large");
    assertThat(huge.out()).isEmpty();
    assertThat(huge.code()).isEqualTo(1);
    assertThat(run("summary", TWELVE_NET, "--input-shape", "99999999999,3,3").code()).isEqualTo(2);
  }

  @Test
  void malformedInputShapes_areUsageErrors() {
    String use =
        "is not an input shape; use dimensions without the batch such as 64,64,3 (each"
            + " positive, or -1 to keep the file's), or NAME=64,64,3 for the input layer NAME (see"
            + " 'neurojoule summary --help')";
    assertFails(
        2,
        "neurojoule: Invalid value for option '--input-shape' ([NAME=]DIMS): '12,x,3' " + use,
        "summary",
        TWELVE_NET,
        "--input-shape",
        "12,x,3");
    assertFails(
        2,
        "neurojoule: Invalid value for option '--input-shape' ([NAME=]DIMS): '12,0,3' " + use,
        "summary",
        TWELVE_NET,
        "--input-shape",
        "12,0,3");
    assertFails(
        2,
        "neurojoule: Invalid value for option '--input-shape' ([NAME=]DIMS): '=12' " + use,
        "summary",
        TWELVE_NET,
        "--input-shape",
        "=12");
    assertFails(
        2,
        "neurojoule: Invalid value for option '--input-shape': give one shape for a"
            + " model's only input, or NAME=DIMS once for each input named (see 'neurojoule summary"
            + " --help')",
        "summary",
        TWELVE_NET,
        "--input-shape",
        "12,12,3",
        "--input-shape",
        "input_2=12,12,3");
  }
}
