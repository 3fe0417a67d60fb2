package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.cli.NeurojouleTest.assertFails;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neurojoule.cli.NeurojouleTest.Run;

/** A NIR graph as the MODEL argument. */
class NirModelTest {
  private static final String CNN =
      Path.of("")
          .toAbsolutePath()
          .getParent()
          .resolve("nir/src/test/resources/nir/cnn_sinabs.nir")
          .toString();

  @Test
  void summary_ofANirFile_printsItsLayers() {
    Run r =
        run(
            "summary",
            CNN,
            "--format",
            "csv",
            "--columns",
            "name,output_shape,params,connections,neurons");

    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out())
        .isEqualTo(
            String.join(
                    "\n",
                    "layer,type,output_shape,params,connections,neurons",
                    "input,InputLayer,\"[(None, 34, 34, 2)]\",0,0,0",
                    "0_pad,ZeroPadding2D,\"(None, 36, 36, 2)\",0,0,0",
                    "0,Conv2D,\"(None, 16, 16, 16)\",816,204800,0",
                    "1,IF,\"(None, 16, 16, 16)\",0,0,4096",
                    "2_pad,ZeroPadding2D,\"(None, 18, 18, 16)\",0,0,0",
                    "2,Conv2D,\"(None, 16, 16, 16)\",2320,589824,0",
                    "3,IF,\"(None, 16, 16, 16)\",0,0,4096",
                    "4,SumPooling2D,\"(None, 8, 8, 16)\",0,4096,0",
                    "5_pad,ZeroPadding2D,\"(None, 10, 10, 16)\",0,0,0",
                    "5,Conv2D,\"(None, 8, 8, 8)\",1160,73728,0",
                    "6,IF,\"(None, 8, 8, 8)\",0,0,512",
                    "7,SumPooling2D,\"(None, 4, 4, 8)\",0,512,0",
                    "8,Flatten,\"(None, 128)\",0,0,0",
                    "9,Dense,\"(None, 256)\",33024,32768,0",
                    "10,IF,\"(None, 256)\",0,0,256",
                    "11,Dense,\"(None, 10)\",2570,2560,0",
                    "12,IF,\"(None, 10)\",0,0,10",
                    "total,,,39890,908288,8970")
                + "\n");
  }

  @Test
  void inputShape_doesNotApplyToANirGraph() {
    assertFails(
        1,
        "neurojoule: --input-shape applies to Keras files; '"
            + CNN
            + "' is a NIR"
            + " graph, which declares its own input shape",
        "summary",
        CNN,
        "--input-shape",
        "2,2,2");
  }
}
