package org.neurojoule.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neurojoule.OnnxImportException;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;

/**
 * Reads an ONNX file's protobuf, its size checked first so that no length prefix can exhaust
 * memory.
 */
final class OnnxReader {
  /** Protobuf's own limit for one message. */
  static final long MAX_FILE = Integer.MAX_VALUE;

  private OnnxReader() {}

  static ModelProto read(Path file, String label) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new OnnxImportException(label + ": cannot read the file: " + e.getMessage(), e);
    }
    if (size > MAX_FILE) {
      throw new OnnxImportException(
          label
              + ": the file has "
              + size
              + " bytes; ONNX (protobuf)"
              + " files hold at most "
              + MAX_FILE
              + " (larger models keep weights in external data)");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new OnnxImportException(label + ": cannot read the file: " + e.getMessage(), e);
    }
    ModelProto model;
    try {
      // A byte array input refuses any length prefix past its end before allocating for it.
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      in.setSizeLimit(bytes.length);
      model = ModelProto.parseFrom(in, ExtensionRegistryLite.getEmptyRegistry());
      in.checkLastTagWas(0);
    } catch (InvalidProtocolBufferException e) {
      throw new OnnxImportException(
          label + ": not a valid ONNX file (protobuf: " + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new OnnxImportException(label + ": cannot read the file: " + e.getMessage(), e);
    }
    if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
      throw new OnnxImportException(
          label
              + ": not an ONNX model: "
              + (model.hasGraph() ? "its graph has no nodes" : "it holds no graph"));
    }
    return model;
  }
}
