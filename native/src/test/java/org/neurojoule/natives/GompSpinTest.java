package org.neurojoule.natives;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.neurojoule.engine.EngineInfo;

class GompSpinTest {
  /** The C library's view of the environment, which libgomp reads (System.getenv is a copy). */
  interface LibC extends Library {
    String getenv(String name);
  }

  @Test
  void spinCountIsInTheProcessEnvironmentOnceOneDnnLoaded() {
    assumeTrue(EngineInfo.conv().equals("dnnl"), "oneDNN does not load here");
    assumeTrue(
        System.getenv("OMP_WAIT_POLICY") == null && System.getenv("GOMP_SPINCOUNT") == null,
        "the environment sets libgomp's policy itself");
    assertThat(GompSpin.setting()).isEqualTo("GOMP_SPINCOUNT=3000 (set by NeuroJoule)");
    assertThat(Native.load("c", LibC.class).getenv("GOMP_SPINCOUNT")).isEqualTo("3000");
    assertThat(EngineInfo.gompSpin()).isEqualTo(GompSpin.setting());
  }

  @Test
  void aSpinCountThatIsNotANumberIsNamed() {
    assumeTrue(
        System.getenv("OMP_WAIT_POLICY") == null && System.getenv("GOMP_SPINCOUNT") == null,
        "the environment sets libgomp's policy itself");
    String before = GompSpin.setting();
    System.setProperty("neurojoule.gompSpin", "lots");
    try {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> GompSpin.apply(Logger.getAnonymousLogger()));
      assertThat(e)
          .hasMessageThat()
          .isEqualTo("neurojoule.gompSpin must be a whole number or 'keep', not 'lots'");
    } finally {
      System.clearProperty("neurojoule.gompSpin");
    }
    assertThat(GompSpin.setting()).isEqualTo(before);
  }
}
