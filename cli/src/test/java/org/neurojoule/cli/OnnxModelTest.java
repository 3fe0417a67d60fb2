package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neurojoule.cli.NeurojouleTest.Run;

/** An ONNX file as the MODEL argument. */
class OnnxModelTest {
  private static final String RESNET =
      Path.of("")
          .toAbsolutePath()
          .getParent()
          .resolve("onnx/src/test/resources/onnx/resnet18.onnx")
          .toString();

  @Test
  void summary_ofAnOnnxFile_printsItsTotals() {
    Run r =
        run(
            "summary",
            RESNET,
            "--format",
            "csv",
            "--columns",
            "name,output_shape,params,connections,neurons");

    assertThat(r.code()).isEqualTo(0);
    String[] lines = r.out().split("\n");
    assertThat(lines[1]).isEqualTo("input,InputLayer,\"[(None, 224, 224, 3)]\",0,0,0");
    assertThat(lines[2]).isEqualTo("/conv1/Conv_pad,ZeroPadding2D,\"(None, 230, 230, 3)\",0,0,0");
    // The file's stored values: the 3,840 shared bias values counted once.
    assertThat(lines[lines.length - 1]).isEqualTo("total,,,11680872,1814098432,2308096");
  }
}
