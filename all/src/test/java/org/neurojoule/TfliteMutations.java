package org.neurojoule;

import com.google.flatbuffers.FlatBufferBuilder;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tensorflow.lite.schema.BufferT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.ModelT;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;

/**
 * Edits of a TFLite file through its schema's object API, for {@link ImporterFuzzTest}: the TFLite
 * counterpart of each {@link OnnxMutations} case. Tensor dimensions (zero, negative, absurd, one
 * more), the subgraph's inputs and outputs, an operator's options, its inputs (removed, added,
 * swapped, absent, out of range), a cycle or a reference to its own output, its opcode swapped for
 * another, operators dropped or repeated, tensor types, huge tensors and quantization that does not
 * fit, and buffers of the wrong length or out of range.
 */
final class TfliteMutations {
  private TfliteMutations() {}

  private static final long[] SIZES = {
    0, 1, 2, -1, -2, 3, 65536, Integer.MAX_VALUE, 1L << 31, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE
  };

  private static final int[] OPCODES = {
    BuiltinOperator.CONV_2D,
    BuiltinOperator.DEPTHWISE_CONV_2D,
    BuiltinOperator.FULLY_CONNECTED,
    BuiltinOperator.TRANSPOSE_CONV,
    BuiltinOperator.AVERAGE_POOL_2D,
    BuiltinOperator.MAX_POOL_2D,
    BuiltinOperator.MEAN,
    BuiltinOperator.ADD,
    BuiltinOperator.SUB,
    BuiltinOperator.MUL,
    BuiltinOperator.CONCATENATION,
    BuiltinOperator.RESHAPE,
    BuiltinOperator.SQUEEZE,
    BuiltinOperator.PAD,
    BuiltinOperator.STRIDED_SLICE,
    BuiltinOperator.SOFTMAX,
    BuiltinOperator.PRELU,
    BuiltinOperator.RESIZE_BILINEAR,
    BuiltinOperator.QUANTIZE,
    BuiltinOperator.DEQUANTIZE,
    BuiltinOperator.CUMSUM,
    BuiltinOperator.CUSTOM,
    200,
    -5
  };

  /** {@return the file with one structural edit, or null where it does not parse} */
  static byte[] mutate(byte[] bytes, Random r, List<String> recipe) {
    ModelT m;
    try {
      m = Model.getRootAsModel(ByteBuffer.wrap(bytes)).unpack();
    } catch (RuntimeException e) {
      return null;
    } catch (OutOfMemoryError e) {
      // The object API trusts the lengths of a file an earlier round damaged and allocated one
      // array past the heap; that array was never made, so the heap is whole again.
      return null;
    }
    if (m.getSubgraphs() == null || m.getSubgraphs().length == 0) {
      return null;
    }
    SubGraphT g = m.getSubgraphs()[0];
    switch (r.nextInt(10)) {
      case 0 -> tensorDims(g, r, recipe);
      case 1 -> graphEnds(g, r, recipe);
      case 2 -> options(g, r, recipe);
      case 3 -> inputs(g, r, recipe);
      case 4 -> cycle(g, r, recipe);
      case 5 -> opcode(m, r, recipe);
      case 6 -> operators(g, r, recipe);
      case 7 -> tensorType(g, r, recipe);
      case 8 -> quantization(g, r, recipe);
      default -> buffers(m, g, r, recipe);
    }
    FlatBufferBuilder b = new FlatBufferBuilder(bytes.length + 1024);
    Model.finishModelBuffer(b, Model.pack(b, m));
    return b.sizedByteArray();
  }

  private static int size(Random r) {
    long s = SIZES[r.nextInt(SIZES.length)];
    return (int) s;
  }

  private static TensorT someTensor(SubGraphT g, Random r) {
    TensorT[] t = g.getTensors();
    return t == null || t.length == 0 ? null : t[r.nextInt(t.length)];
  }

  private static OperatorT someOperator(SubGraphT g, Random r) {
    OperatorT[] o = g.getOperators();
    return o == null || o.length == 0 ? null : o[r.nextInt(o.length)];
  }

  private static void tensorDims(SubGraphT g, Random r, List<String> recipe) {
    TensorT t = someTensor(g, r);
    if (t == null || t.getShape() == null) {
      return;
    }
    int[] s = t.getShape();
    if (s.length == 0 || r.nextInt(4) == 0) {
      int[] more = Arrays.copyOf(s, s.length + 1);
      more[s.length] = size(r);
      t.setShape(more);
      recipe.add("tflite: tensor '" + t.getName() + "' gains dim " + more[s.length]);
      return;
    }
    int d = r.nextInt(s.length);
    s[d] = size(r);
    recipe.add("tflite: tensor '" + t.getName() + "' dim " + d + " -> " + s[d]);
  }

  private static void graphEnds(SubGraphT g, Random r, List<String> recipe) {
    int n = g.getTensors() == null ? 0 : g.getTensors().length;
    int pick = r.nextInt(3);
    int[] ends = r.nextBoolean() ? g.getInputs() : g.getOutputs();
    if (ends == null || ends.length == 0) {
      return;
    }
    int to = pick == 0 ? size(r) : pick == 1 ? r.nextInt(Math.max(1, n)) : n;
    recipe.add("tflite: a subgraph input or output -> tensor " + to);
    ends[r.nextInt(ends.length)] = to;
  }

  /** A number of the operator's options (a stride, a filter size, an axis) set to a size. */
  private static void options(SubGraphT g, Random r, List<String> recipe) {
    OperatorT o = someOperator(g, r);
    if (o == null || o.getBuiltinOptions() == null || o.getBuiltinOptions().getValue() == null) {
      return;
    }
    if (r.nextInt(4) == 0) {
      recipe.add("tflite: an operator loses its options");
      o.getBuiltinOptions().setType((byte) 0);
      o.getBuiltinOptions().setValue(null);
      return;
    }
    Object opts = o.getBuiltinOptions().getValue();
    List<Method> setters = new ArrayList<>();
    for (Method m : opts.getClass().getMethods()) {
      Class<?>[] p = m.getParameterTypes();
      if (m.getName().startsWith("set")
          && p.length == 1
          && (p[0] == int.class || p[0] == byte.class || p[0] == float.class)) {
        setters.add(m);
      }
    }
    if (setters.isEmpty()) {
      return;
    }
    setters.sort(java.util.Comparator.comparing(Method::getName));
    Method m = setters.get(r.nextInt(setters.size()));
    int v = size(r);
    try {
      Class<?> p = m.getParameterTypes()[0];
      m.invoke(opts, p == int.class ? (Object) v : p == byte.class ? (Object) (byte) v : (float) v);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
    recipe.add("tflite: " + opts.getClass().getSimpleName() + "." + m.getName() + "(" + v + ")");
  }

  private static void inputs(SubGraphT g, Random r, List<String> recipe) {
    OperatorT o = someOperator(g, r);
    if (o == null || o.getInputs() == null) {
      return;
    }
    int[] in = o.getInputs();
    int n = g.getTensors() == null ? 0 : g.getTensors().length;
    switch (r.nextInt(5)) {
      case 0 -> {
        if (in.length > 0) {
          o.setInputs(Arrays.copyOf(in, in.length - 1));
          recipe.add("tflite: an operator loses its last input");
        }
      }
      case 1 -> {
        o.setInputs(new int[0]);
        recipe.add("tflite: an operator loses every input");
      }
      case 2 -> {
        if (in.length > 0) {
          in[r.nextInt(in.length)] = -1;
          recipe.add("tflite: an input of an operator absent (-1)");
        }
      }
      case 3 -> {
        if (in.length > 1) {
          int a = in[0];
          in[0] = in[in.length - 1];
          in[in.length - 1] = a;
          recipe.add("tflite: the first and last inputs of an operator swapped");
        }
      }
      default -> {
        int[] more = Arrays.copyOf(in, in.length + 1);
        more[in.length] = r.nextBoolean() ? size(r) : r.nextInt(Math.max(1, n));
        o.setInputs(more);
        recipe.add("tflite: an operator gains input tensor " + more[in.length]);
      }
    }
  }

  /** An operator reads a later operator's output, or its own. */
  private static void cycle(SubGraphT g, Random r, List<String> recipe) {
    OperatorT[] ops = g.getOperators();
    if (ops == null || ops.length == 0) {
      return;
    }
    int a = r.nextInt(ops.length);
    int b = a + r.nextInt(ops.length - a);
    int[] in = ops[a].getInputs();
    int[] out = ops[b].getOutputs();
    if (in == null || in.length == 0 || out == null || out.length == 0) {
      return;
    }
    in[r.nextInt(in.length)] = out[0];
    recipe.add(
        "tflite: operator "
            + a
            + " reads the output of operator "
            + b
            + (a == b ? " (itself)" : " (a cycle)"));
  }

  private static void opcode(ModelT m, Random r, List<String> recipe) {
    if (m.getOperatorCodes() == null || m.getOperatorCodes().length == 0) {
      return;
    }
    var c = m.getOperatorCodes()[r.nextInt(m.getOperatorCodes().length)];
    int code = OPCODES[r.nextInt(OPCODES.length)];
    c.setBuiltinCode(code);
    c.setDeprecatedBuiltinCode((byte) Math.max(-128, Math.min(127, code)));
    recipe.add("tflite: an operator code -> " + code);
  }

  private static void operators(SubGraphT g, Random r, List<String> recipe) {
    OperatorT[] ops = g.getOperators();
    if (ops == null || ops.length == 0) {
      return;
    }
    int i = r.nextInt(ops.length);
    List<OperatorT> list = new ArrayList<>(Arrays.asList(ops));
    if (r.nextBoolean()) {
      list.remove(i);
      recipe.add("tflite: operator " + i + " dropped");
    } else {
      list.add(ops[i]);
      recipe.add("tflite: operator " + i + " repeated at the end");
    }
    g.setOperators(list.toArray(new OperatorT[0]));
  }

  private static void tensorType(SubGraphT g, Random r, List<String> recipe) {
    TensorT t = someTensor(g, r);
    if (t == null) {
      return;
    }
    byte type = (byte) new int[] {0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 16, 99}[r.nextInt(12)];
    t.setType(type);
    recipe.add("tflite: tensor '" + t.getName() + "' type -> " + type);
  }

  private static void quantization(SubGraphT g, Random r, List<String> recipe) {
    TensorT t = someTensor(g, r);
    if (t == null) {
      return;
    }
    QuantizationParametersT q =
        t.getQuantization() == null ? new QuantizationParametersT() : t.getQuantization();
    switch (r.nextInt(4)) {
      case 0 -> {
        q.setQuantizedDimension(size(r));
        recipe.add("tflite: tensor '" + t.getName() + "' quantized dimension changed");
      }
      case 1 -> {
        float[] s = new float[1 + r.nextInt(5)];
        Arrays.fill(s, r.nextBoolean() ? Float.NaN : 0.5f);
        q.setScale(s);
        recipe.add("tflite: tensor '" + t.getName() + "' gets " + s.length + " scales");
      }
      case 2 -> {
        q.setZeroPoint(new long[] {size(r), 0, 1});
        recipe.add("tflite: tensor '" + t.getName() + "' gets three zero points");
      }
      default -> {
        int[] shape = t.getShape() == null ? new int[0] : t.getShape();
        int[] huge = new int[shape.length + 1];
        Arrays.fill(huge, 65536);
        t.setShape(huge);
        recipe.add("tflite: tensor '" + t.getName() + "' made huge " + Arrays.toString(huge));
      }
    }
    t.setQuantization(q);
  }

  private static void buffers(ModelT m, SubGraphT g, Random r, List<String> recipe) {
    TensorT t = someTensor(g, r);
    BufferT[] bufs = m.getBuffers();
    if (t == null || bufs == null) {
      return;
    }
    if (r.nextBoolean()) {
      t.setBuffer(r.nextBoolean() ? bufs.length + r.nextInt(3) : Integer.toUnsignedLong(size(r)));
      recipe.add("tflite: tensor '" + t.getName() + "' refers to buffer " + t.getBuffer());
      return;
    }
    if (t.getBuffer() < 0 || t.getBuffer() >= bufs.length) {
      return;
    }
    BufferT b = bufs[(int) t.getBuffer()];
    int[] data = b.getData() == null ? new int[0] : b.getData();
    int len = r.nextBoolean() ? r.nextInt(data.length + 1) : data.length + 1 + r.nextInt(64);
    b.setData(Arrays.copyOf(data, len));
    recipe.add("tflite: buffer of tensor '" + t.getName() + "' -> " + len + " bytes");
  }
}
