package org.neurojoule.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;

/**
 * Small TFLite files written by the tests through the schema's object API, as the TFLite converter
 * would write them: tensors, buffers, operator codes and operators of one subgraph.
 */
final class TinyTflite {
  private final List<TensorT> tensors = new ArrayList<>();
  private final List<BufferT> buffers = new ArrayList<>();
  private final List<OperatorCodeT> codes = new ArrayList<>();
  private final List<OperatorT> ops = new ArrayList<>();
  private final List<Integer> inputs = new ArrayList<>();

  TinyTflite() {
    buffers.add(new BufferT()); // buffer 0: the empty buffer of every activation
  }

  /** {@return a new model input of {@code shape}, batch first} */
  int input(byte type, int... shape) {
    int t = activation(type, shape);
    inputs.add(t);
    return t;
  }

  /** {@return a new activation tensor} */
  int activation(byte type, int... shape) {
    return tensor("t" + tensors.size(), type, shape, 0, null);
  }

  /** {@return a new float32 constant} */
  int floats(float[] values, int... shape) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return tensor("c" + tensors.size(), TensorType.FLOAT32, shape, buffer(b.array()), null);
  }

  /** {@return a new int32 constant (shapes, axes, paddings)} */
  int ints(int[] values, int... shape) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      b.putInt(v);
    }
    return tensor("c" + tensors.size(), TensorType.INT32, shape, buffer(b.array()), null);
  }

  /** {@return a new constant of raw bytes and quantization (null for none)} */
  int raw(byte type, byte[] bytes, QuantizationParametersT q, int... shape) {
    return tensor("c" + tensors.size(), type, shape, buffer(bytes), q);
  }

  /** {@return quantization parameters} */
  static QuantizationParametersT quant(float[] scales, long[] zeroPoints, int dimension) {
    QuantizationParametersT q = new QuantizationParametersT();
    q.setScale(scales);
    q.setZeroPoint(zeroPoints);
    q.setQuantizedDimension(dimension);
    return q;
  }

  /** Sets the quantization of tensor {@code t}. */
  void quantize(int t, QuantizationParametersT q) {
    tensors.get(t).setQuantization(q);
  }

  private int tensor(String name, byte type, int[] shape, int buffer, QuantizationParametersT q) {
    TensorT t = new TensorT();
    t.setName(name);
    t.setType(type);
    t.setShape(shape);
    t.setBuffer(buffer);
    t.setQuantization(q == null ? new QuantizationParametersT() : q);
    tensors.add(t);
    return tensors.size() - 1;
  }

  private int buffer(byte[] bytes) {
    int[] data = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      data[i] = bytes[i] & 0xff;
    }
    BufferT b = new BufferT();
    b.setData(data);
    buffers.add(b);
    return buffers.size() - 1;
  }

  /**
   * Adds an operator of builtin code {@code code} (written as the new field, and in the deprecated
   * one where it fits, as converters do).
   *
   * @param options the options object ({@code Conv2DOptionsT}, ...) or null
   * @param optionsType its {@code BuiltinOptions} type
   */
  void op(int code, Object options, byte optionsType, int[] ins, int... outs) {
    OperatorCodeT c = new OperatorCodeT();
    c.setBuiltinCode(code);
    c.setDeprecatedBuiltinCode((byte) Math.min(code, 127));
    c.setVersion(1);
    codes.add(c);
    OperatorT o = new OperatorT();
    o.setOpcodeIndex(codes.size() - 1);
    o.setInputs(ins);
    o.setOutputs(outs);
    BuiltinOptionsUnion u = new BuiltinOptionsUnion();
    u.setType(options == null ? 0 : optionsType);
    u.setValue(options);
    o.setBuiltinOptions(u);
    ops.add(o);
  }

  /** {@return the file's bytes with these model outputs} */
  byte[] bytes(int... outputs) {
    SubGraphT g = new SubGraphT();
    g.setTensors(tensors.toArray(new TensorT[0]));
    g.setInputs(inputs.stream().mapToInt(Integer::intValue).toArray());
    g.setOutputs(outputs);
    g.setOperators(ops.toArray(new OperatorT[0]));
    g.setName("main");
    ModelT m = new ModelT();
    m.setVersion(3);
    m.setOperatorCodes(codes.toArray(new OperatorCodeT[0]));
    m.setSubgraphs(new SubGraphT[] {g});
    m.setBuffers(buffers.toArray(new BufferT[0]));
    m.setDescription("test");
    return pack(m);
  }

  /** {@return {@code m} written as a TFLite flatbuffer, with its file identifier} */
  static byte[] pack(ModelT m) {
    FlatBufferBuilder b = new FlatBufferBuilder(1024);
    Model.finishModelBuffer(b, Model.pack(b, m));
    return b.sizedByteArray();
  }

  /** {@return the file written to {@code dir}} */
  Path write(Path dir, String name, int... outputs) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes(outputs));
    return p;
  }
}
