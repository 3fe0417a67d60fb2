package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.cli.NeurojouleTest.Run;

/** {@code --data-layout nchw}: PyTorch's channels-first example data, transposed. */
class DataLayoutOptionTest {
  @TempDir Path tmp;

  /** The same digits as (N, 28, 28, 1) and as (N, 1, 28, 28), in two files. */
  private String[] files() {
    Random r = new Random(9);
    float[] x = new float[2 * 28 * 28];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat();
    }
    Path nhwc = tmp.resolve("nhwc.npy");
    Path nchw = tmp.resolve("nchw.npy");
    ExampleData.of(x, 2, 28, 28, 1).toNpy(nhwc);
    ExampleData.of(x, 2, 1, 28, 28).toNpy(nchw);
    return new String[] {nhwc.toString(), nchw.toString()};
  }

  @Test
  void channelsFirstData_isRefusedWithTheHint() {
    Run r = run("summary", "mnist", "--example-data", files()[1], "--columns", "rate");

    assertThat(r.err()).contains("the data looks channels-first (PyTorch's NCHW)");
    assertThat(r.err()).contains("--data-layout nchw");
    assertThat(r.code()).isNotEqualTo(0);
  }

  @Test
  void dataLayoutNchw_givesTheRatesOfTheChannelsLastData() {
    String[] f = files();
    Run nchw =
        run(
            "summary",
            "mnist",
            "--example-data",
            f[1],
            "--data-layout",
            "nchw",
            "--columns",
            "rate",
            "--format",
            "csv");
    Run nhwc =
        run("summary", "mnist", "--example-data", f[0], "--columns", "rate", "--format", "csv");

    assertThat(nchw.err()).isEmpty();
    assertThat(nchw.code()).isEqualTo(0);
    assertThat(nchw.out()).isEqualTo(nhwc.out());
    Run compare = run("compare", "mnist", "mnist", "--example-data", f[1], "--data-layout", "nchw");
    assertThat(compare.code()).isEqualTo(0);
  }
}
