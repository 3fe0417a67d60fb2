/**
 * NeuroJoule's runtime: the fluent model builder, devices, energy estimates, summaries, reports and
 * the pure-Java forward pass. {@code org.neurojoule} is the user's package; the engine, the
 * estimate's renderers and the report's HTML are implementation and stay inside.
 */
// "module": the qualified export names the native module, which is built after this one.
@SuppressWarnings("module")
module org.neurojoule.runtime {
  requires transitive org.neurojoule.api;
  requires com.google.gson;
  requires java.logging;
  requires static com.google.auto.service;

  exports org.neurojoule;
  exports org.neurojoule.device;
  exports org.neurojoule.measured;
  // For model format artifacts (ModelFormat) and what their layers share (ZeroCostLayer).
  exports org.neurojoule.importing;
  // For the native kernels only.
  exports org.neurojoule.engine.spi to
      org.neurojoule.natives;

  uses org.neurojoule.engine.Kernel;
  uses org.neurojoule.engine.spi.NativeKernels;
  uses org.neurojoule.importing.ModelFormat;
}
