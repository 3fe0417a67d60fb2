package org.neurojoule;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.neurojoule.engine.EngineInfo;

/**
 * {@code neurojoule-runtime} alone, with no native library on its class path (no JavaCPP, OpenBLAS,
 * oneDNN or JNA, no {@code neurojoule-native}), computes the README's MNIST example and its firing
 * rates on the pure-Java engine, to the golden figures. (neurojoule-native runs the rest of this
 * module's tests again with its kernels, but not this one.)
 */
class PureJavaCoreTest {
  @Test
  void noNativeLibraryIsOnTheClassPath() {
    for (String name :
        new String[] {
          "org.bytedeco.javacpp.Loader",
          "org.bytedeco.openblas.global.openblas",
          "org.bytedeco.dnnl.global.dnnl",
          "com.sun.jna.Native",
          "org.neurojoule.natives.JavaCppNativeKernels"
        }) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
    }
    assertThat(EngineInfo.nativeKernelsPresent()).isFalse();
  }

  @Test
  void theMnistExampleAndItsFiringRatesRunOnThePureJavaEngine() {
    String rates =
        GoldenRatesTest.mnistEnergy()
            .summaryString(
                o ->
                    o.columns(
                        "name",
                        "rate",
                        "synop_energy cpu",
                        "synop_energy loihi",
                        "neuron_energy cpu",
                        "neuron_energy loihi",
                        "energy loihi"));
    assertThat(rates).isEqualTo(Golden.read("mnist_rates_loihi.txt"));
    assertThat(EngineInfo.gemm()).isEqualTo("java");
    assertThat(EngineInfo.conv()).isEqualTo("im2col");
    assertThat(EngineInfo.gompSpin()).isEqualTo("libgomp's default (oneDNN not loaded)");
  }
}
