package org.neurojoule.natives;

import com.google.auto.service.AutoService;
import org.neurojoule.engine.spi.Convolutions;
import org.neurojoule.engine.spi.MatrixMultiply;
import org.neurojoule.engine.spi.NativeKernels;

/**
 * OpenBLAS's matrix multiply and oneDNN's convolutions through JavaCPP ({@code org.bytedeco}),
 * registered for the engine's {@link java.util.ServiceLoader} lookup. Each loads its native library
 * only when the engine asks for it, and says if it cannot.
 */
@AutoService(NativeKernels.class)
public final class JavaCppNativeKernels implements NativeKernels {
  /** Made by the engine's {@link java.util.ServiceLoader}. */
  public JavaCppNativeKernels() {}

  @Override
  public MatrixMultiply loadMultiply() {
    return OpenBlasMultiply.load();
  }

  @Override
  public Convolutions loadConvolutions() {
    DnnlConvolution.load();
    return DnnlConvolution::new;
  }

  @Override
  public String threadSetting() {
    return GompSpin.setting();
  }
}
