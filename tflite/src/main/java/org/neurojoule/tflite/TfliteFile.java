package org.neurojoule.tflite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.neurojoule.TfliteImportException;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.SubGraph;

/**
 * A {@code .tflite} file's bytes and its root {@link Model} table, read through the classes that
 * {@code flatc} generated from TensorFlow Lite's schema. FlatBuffers trusts its offsets, so every
 * count and offset the importer follows is checked here against the file's length, in long, before
 * anything is read or allocated from it.
 */
final class TfliteFile {
  /** The largest file read: a Java array's length. */
  static final long MAX_BYTES = Integer.MAX_VALUE - 8L;

  private final String label;
  private final ByteBuffer bytes;
  private final Model model;

  private TfliteFile(String label, ByteBuffer bytes, Model model) {
    this.label = label;
    this.bytes = bytes;
    this.model = model;
  }

  /**
   * {@return the file read and its root table located}
   *
   * @throws TfliteImportException naming the file if it cannot be read or is no TFLite flatbuffer
   */
  static TfliteFile read(Path file, String label) {
    byte[] data;
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new TfliteImportException(
            label + ": the file has " + size + " bytes, more than the " + MAX_BYTES + " read");
      }
      data = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TfliteImportException(
          label + ": cannot read the file (" + e.getClass().getSimpleName() + ")", e);
    }
    if (data.length < 8) {
      throw new TfliteImportException(
          label + ": the file has " + data.length + " bytes, too few for a TFLite flatbuffer");
    }
    ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    if (!Model.ModelBufferHasIdentifier(bb)) {
      throw new TfliteImportException(
          label
              + ": not a TFLite model: bytes 4 to 7 are not the file identifier TFL3 (a"
              + " truncated or damaged file, or another format)");
    }
    long root = Integer.toUnsignedLong(bb.getInt(0));
    if (root + 4 > data.length) {
      throw new TfliteImportException(
          label + ": the root table's offset " + root + " is past the end of the file");
    }
    return new TfliteFile(label, bb, Model.getRootAsModel(bb));
  }

  /** {@return the file's name as messages show it} */
  String label() {
    return label;
  }

  /** {@return the root table} */
  Model model() {
    return model;
  }

  /** {@return the file's length in bytes} */
  long length() {
    return bytes.capacity();
  }

  /**
   * {@return {@code count}, checked to fit in the file as {@code count} elements of {@code width}
   * bytes}
   *
   * @param what the vector, as the error names it
   * @throws TfliteImportException naming the file and the vector otherwise
   */
  int count(long count, int width, String what) {
    if (count < 0 || count * width > length()) {
      throw new TfliteImportException(
          label
              + ": "
              + what
              + " claims "
              + count
              + " entries, more than the file's "
              + length()
              + " bytes hold (a damaged file)");
    }
    return (int) count;
  }

  /**
   * {@return subgraph {@code index}}
   *
   * @throws TfliteImportException naming the file if there is none
   */
  SubGraph subgraph(int index) {
    int n = count(model.subgraphsLength(), 4, "the model's subgraph list");
    if (index >= n) {
      throw new TfliteImportException(label + ": the model has no subgraph " + index);
    }
    return model.subgraphs(index);
  }

  /**
   * {@return the bytes of buffer {@code index}, little-endian, empty for a buffer without data}
   *
   * @param what the tensor that refers to it, as errors name it
   * @throws TfliteImportException naming the file, the tensor and the buffer if it is out of range
   */
  ByteBuffer buffer(long index, String what) {
    int n = count(model.buffersLength(), 4, "the model's buffer list");
    if (index < 0 || index >= n) {
      throw new TfliteImportException(
          label + ": " + what + " refers to buffer " + index + ", but the file has " + n);
    }
    Buffer b = model.buffers((int) index);
    if (b == null) {
      return ByteBuffer.allocate(0);
    }
    int len = count(b.dataLength(), 1, "buffer " + index);
    if (len == 0) {
      return ByteBuffer.allocate(0);
    }
    ByteBuffer data = b.dataAsByteBuffer();
    if (data == null || data.remaining() < len) {
      throw new TfliteImportException(
          label + ": buffer " + index + " of " + what + " ends past the end of the file");
    }
    return data.slice().order(ByteOrder.LITTLE_ENDIAN);
  }
}
