/**
 * NeuroJoule's TensorFlow Lite import: {@code .tflite} files, float, int8, uint8, int16 and hybrid.
 */
module org.neurojoule.tflite {
  requires transitive org.neurojoule.runtime;
  // Neither jar declares a module name: these are the names the module system derives from the
  // jar files (tensorflow-lite-metadata-<version>.jar, flatbuffers-java-<version>.jar).
  requires tensorflow.lite.metadata;
  requires flatbuffers.java;
  requires static com.google.auto.service;

  exports org.neurojoule.tflite;

  provides org.neurojoule.importing.ModelFormat with
      org.neurojoule.tflite.internal.TfliteFormat;
}
