package org.neurojoule.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.neurojoule.cli.NeurojouleTest.run;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.cli.NeurojouleTest.Run;

/**
 * {@code --integration}: snnTorch's Braille export has time constants below the default --dt of 1
 * ms; forward Euler refuses it naming --dt and --integration, exact integration runs it.
 */
class IntegrationOptionTest {
  private static final String BRAILLE =
      Path.of("")
          .toAbsolutePath()
          .getParent()
          .resolve("nir/src/test/resources/nir/braille_noDelay_bias_zero.nir")
          .toString();

  @TempDir Path tmp;

  private String sequences() {
    Random r = new Random(2);
    float[] x = new float[2 * 40 * 12];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat() < 0.2 ? 1 : 0;
    }
    Path f = tmp.resolve("braille.npy");
    ExampleData.of(x, 2, 40, 12).toNpy(f);
    return f.toString();
  }

  @Test
  void euler_defaultDt_namesTheFlags() {
    Run r = run("summary", BRAILLE, "--example-data", sequences());

    assertThat(r.err())
        .contains(
            "so forward Euler would overshoot; use a dt <= tauMem (--dt), or integrate exactly"
                + " (--integration exact)");
    assertThat(r.code()).isNotEqualTo(0);
  }

  @Test
  void exact_defaultDt_runs() {
    Run r =
        run(
            "summary",
            BRAILLE,
            "--example-data",
            sequences(),
            "--integration",
            "exact",
            "--format",
            "csv");

    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).contains("lif2,CubaLIF");
  }

  @Test
  void unknownMethod_isAUsageError() {
    Run r = run("summary", BRAILLE, "--integration", "rk4");

    assertThat(r.err()).contains("'rk4' is not an integration method; use euler or exact");
    assertThat(r.code()).isEqualTo(2);
  }
}
