/** NeuroJoule's ONNX import: {@code .onnx} files. */
module org.neurojoule.onnx {
  requires transitive org.neurojoule.runtime;
  requires com.google.protobuf;
  requires static com.google.auto.service;

  exports org.neurojoule.onnx;

  provides org.neurojoule.importing.ModelFormat with
      org.neurojoule.onnx.internal.OnnxFormat;
}
