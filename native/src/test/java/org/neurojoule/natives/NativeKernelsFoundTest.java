package org.neurojoule.natives;

import static com.google.common.truth.Truth.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.neurojoule.engine.EngineInfo;
import org.neurojoule.engine.spi.NativeKernels;

/**
 * With this artifact on the class path the engine finds its kernels and runs on them, so the
 * runtime's tests that this module runs again exercise the native paths, not a silent fallback.
 */
class NativeKernelsFoundTest {
  @Test
  void theProviderIsRegistered() {
    assertThat(ServiceLoader.load(NativeKernels.class).findFirst().orElseThrow())
        .isInstanceOf(JavaCppNativeKernels.class);
    assertThat(EngineInfo.nativeKernelsPresent()).isTrue();
  }

  @Test
  void theEngineMultipliesOnOpenBlas() {
    assertThat(EngineInfo.gemm()).isEqualTo("openblas");
  }

  /** Moved from the runtime's KernelTest with the native multiply. */
  @Test
  void nativeGemmLoadsOnLinuxX86() {
    if (System.getProperty("os.name").startsWith("Linux")
        && System.getProperty("os.arch").equals("amd64")
        && !"java".equals(System.getProperty("neurojoule.gemm"))) {
      assertThat(EngineInfo.gemm()).isEqualTo("openblas");
    }
  }

  @Test
  void theEngineConvolvesOnOneDnnWhereItsNativesArePublished() {
    // bytedeco publishes no oneDNN natives for macOS on arm64; there im2col is the design.
    boolean macArm =
        System.getProperty("os.name").startsWith("Mac")
            && System.getProperty("os.arch").equals("aarch64");
    assertThat(EngineInfo.conv()).isEqualTo(macArm ? "im2col" : "dnnl");
  }
}
