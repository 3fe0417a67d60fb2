/**
 * NeuroJoule's native kernels: OpenBLAS's matrix multiply and oneDNN's convolutions through
 * JavaCPP, provided to the runtime's engine, which runs in pure Java without them. Exports nothing.
 */
module org.neurojoule.natives {
  requires org.neurojoule.runtime;
  requires org.bytedeco.javacpp;
  requires org.bytedeco.openblas;
  requires org.bytedeco.dnnl;
  requires com.sun.jna;
  requires java.logging;
  requires static com.google.auto.service;

  provides org.neurojoule.engine.spi.NativeKernels with
      org.neurojoule.natives.JavaCppNativeKernels;
}
