package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurojoule.Dtype;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.OnnxImportException;
import org.neurojoule.Precision;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;
import org.neurojoule.onnx.proto.OnnxProto.ValueInfoProto;

/**
 * The ONNX project's node test cases of the quantized operators ({@code quantized-node/}, see
 * SOURCES.md): each reproduces its {@code output_0.pb} from its inputs.
 *
 * <p>A node case gives every input, scales and zero points too, as a graph input; a deployed model
 * has those as initializers, and so does the model each case is run as here: the activation stays a
 * graph input and every other input becomes an initializer holding its {@code input_i.pb}.
 *
 * <ul>
 *   <li>QLinearConv and QLinearMatMul: the quantized input is fed dequantized ({@code (q -
 *       zero_point) * scale}, as NeuroJoule's activations carry values) and the float output is
 *       quantized with the node's output scale and zero point (rounded half to even, saturated) and
 *       compared with the expected integers: each within one step, one unit. The ONNX reference
 *       accumulates in integers and rounds once; the float computation of the same real value
 *       differs from it by float rounding, which can move a value lying on a rounding boundary to
 *       the neighbouring step, never further. The 3-D cases multiply a different {@code b} per
 *       batch slice, so each slice runs as its own 2-D case ({@code a[i]} by the weight {@code
 *       b[i]}).
 *   <li>ConvInteger and MatMulInteger: the input is fed less its zero point ({@code x -
 *       x_zero_point}, scale 1), and the output, the int32 accumulator, must equal the expected
 *       integers exactly (small integers are exact in float).
 *   <li>QuantizeLinear and DequantizeLinear of a constant fold at import: the case's {@code x} is
 *       an initializer, and the model adds the folded result to a graph input fed zeros; the output
 *       is the fold, compared exactly (quantized integers) or within 1e-6 (dequantized floats).
 * </ul>
 */
class QuantizedNodeOracleTest {
  @TempDir Path dir;

  /** The supported cases. */
  static Stream<String> cases() {
    return Stream.of(
        "test_qlinearconv",
        "test_qlinearmatmul_2D",
        "test_qlinearmatmul_3D",
        "test_qlinearmatmul_2D_int8_float32",
        "test_qlinearmatmul_3D_int8_float32",
        "test_qlinearmatmul_2D_int8_float16",
        "test_qlinearmatmul_3D_int8_float16",
        "test_qlinearmatmul_2D_uint8_float16",
        "test_qlinearmatmul_3D_uint8_float16",
        "test_convinteger_with_padding",
        "test_convinteger_without_padding",
        "test_matmulinteger",
        "test_quantizelinear",
        "test_quantizelinear_axis",
        "test_quantizelinear_int16",
        "test_quantizelinear_blocked_asymmetric",
        "test_quantizelinear_blocked_symmetric",
        "test_dequantizelinear",
        "test_dequantizelinear_axis",
        "test_dequantizelinear_int16",
        "test_dequantizelinear_blocked");
  }

  /** Cases whose types NeuroJoule does not read: refused, naming the type. */
  static final Map<String, String> REFUSED =
      Map.of(
          "test_dequantizelinear_uint16", "uint16",
          "test_quantizelinear_int4", "int4",
          "test_dequantizelinear_e4m3fn", "float8e4m3fn");

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reproducesTheExpectedOutput(String test) throws IOException {
    Path caseDir = TorchvisionImportTest.file("quantized-node/" + test);
    ModelProto model = read(caseDir.resolve("model.onnx"));
    NodeProto node = model.getGraph().getNode(0);
    List<TensorProto> in = new ArrayList<>();
    for (int i = 0; i < node.getInputCount(); i++) {
      in.add(tensor(caseDir.resolve("test_data_set_0/input_" + i + ".pb")));
    }
    Const expected = value(tensor(caseDir.resolve("test_data_set_0/output_0.pb")));
    switch (node.getOpType()) {
      case "QLinearConv" -> checkQLinear(model, in, expected, 0, 1, 2);
      case "QLinearMatMul" -> checkMatMul(model, in, expected, true);
      case "ConvInteger" -> checkInteger(model, in, expected);
      case "MatMulInteger" -> checkMatMul(model, in, expected, false);
      default -> checkFold(model, in, expected, node.getOpType().equals("QuantizeLinear"));
    }
  }

  @Test
  void everyCaseIsCovered() throws IOException {
    try (Stream<Path> s = Files.list(TorchvisionImportTest.file("quantized-node"))) {
      Set<String> dirs =
          Set.copyOf(s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList());
      List<String> all = new ArrayList<>(cases().toList());
      all.addAll(REFUSED.keySet());
      assertThat(dirs).containsExactlyElementsIn(all);
    }
  }

  @Test
  void unsupportedTypes_areRefusedNamingTheType() throws IOException {
    for (Map.Entry<String, String> e : REFUSED.entrySet()) {
      Path caseDir = TorchvisionImportTest.file("quantized-node/" + e.getKey());
      ModelProto model = read(caseDir.resolve("model.onnx"));
      NodeProto node = model.getGraph().getNode(0);
      List<TensorProto> in = new ArrayList<>();
      for (int i = 0; i < node.getInputCount(); i++) {
        in.add(tensor(caseDir.resolve("test_data_set_0/input_" + i + ".pb")));
      }
      Path f = foldModel(model, in, new long[] {1, 4});
      OnnxImportException x = assertThrows(OnnxImportException.class, () -> OnnxModels.load(f));
      assertWithMessage(e.getKey())
          .that(x)
          .hasMessageThat()
          .contains("data type " + e.getValue() + " is not supported");
    }
  }

  /** QLinearConv: activation {@code x} at input 0, its scale and zero point at 1 and 2. */
  private void checkQLinear(
      ModelProto model, List<TensorProto> in, Const expected, int x, int scale, int zero)
      throws IOException {
    Model m = OnnxModels.load(layerModel(model, in, Set.of(x)));
    Const q = value(in.get(x));
    Const real = dequantized(q, value(in.get(scale)).values()[0], value(in.get(zero)).values()[0]);
    float[] out = run(m, real);
    double yScale = value(in.get(6)).values()[0];
    TensorProto yZero = in.get(7);
    assertWithinOneStep(out, expected, yScale, value(yZero).values()[0], dtype(yZero));
    Precision p = last(m).precision().orElseThrow();
    assertThat(p.activations()).isEqualTo(dtype(yZero));
    assertThat(p.mainWeights()).isEqualTo(dtype(in.get(3)));
  }

  /**
   * QLinearMatMul and MatMulInteger: {@code a} by the weight {@code b}; a 3-D case slice by slice.
   */
  private void checkMatMul(ModelProto model, List<TensorProto> in, Const expected, boolean linear)
      throws IOException {
    Const a = value(in.get(0));
    int b = linear ? 3 : 1;
    Const bw = value(in.get(b));
    int slices = a.dims().length == 3 ? (int) a.dims()[0] : 1;
    long rows = a.dims()[a.dims().length - 2];
    long cols = bw.dims()[bw.dims().length - 1];
    for (int s = 0; s < slices; s++) {
      List<TensorProto> sliced = new ArrayList<>(in);
      sliced.set(0, slice(in.get(0), s, slices));
      sliced.set(b, slice(in.get(b), s, slices));
      Model m = OnnxModels.load(layerModel(model, sliced, Set.of(0)));
      Const aq = value(sliced.get(0));
      Const want = slice(expected, s, slices, rows * cols);
      if (linear) {
        Const real = dequantized(aq, value(in.get(1)).values()[0], value(in.get(2)).values()[0]);
        float[] out = run(m, real);
        assertWithinOneStep(
            out,
            want,
            value(in.get(6)).values()[0],
            value(in.get(7)).values()[0],
            dtype(in.get(7)));
        Precision p = last(m).precision().orElseThrow();
        assertThat(p).isEqualTo(Precision.of(dtype(in.get(7)), dtype(in.get(3))));
      } else {
        Const centred = dequantized(aq, 1, value(in.get(2)).values()[0]);
        assertExact(run(m, centred), want);
      }
    }
  }

  /** ConvInteger: {@code x - x_zero_point} in, the int32 accumulator out. */
  private void checkInteger(ModelProto model, List<TensorProto> in, Const expected)
      throws IOException {
    Model m = OnnxModels.load(layerModel(model, in, Set.of(0)));
    Const centred = dequantized(value(in.get(0)), 1, value(in.get(2)).values()[0]);
    assertExact(run(m, centred), expected);
    Precision p = last(m).precision().orElseThrow();
    assertThat(p).isEqualTo(Precision.of(Dtype.INT32, Dtype.UINT8));
  }

  /** QuantizeLinear / DequantizeLinear of a constant: folded, added to zeros. */
  private void checkFold(ModelProto model, List<TensorProto> in, Const expected, boolean quantize)
      throws IOException {
    long[] dims = expected.dims();
    long[] data = dims.length > 1 && dims[0] == 1 ? dims : withBatch(dims);
    Model m = OnnxModels.load(foldModel(model, in, data));
    float[] out = run(m, new Const(data, new double[(int) expected.count()]));
    assertThat(out.length).isEqualTo(expected.count());
    for (int i = 0; i < out.length; i++) {
      double e = expected.values()[i];
      double tolerance = quantize ? 0 : 1e-6 * Math.max(1, Math.abs(e));
      assertWithMessage("value " + i).that((double) out[i]).isWithin(tolerance).of(e);
    }
  }

  private static long[] withBatch(long[] dims) {
    long[] d = new long[dims.length + 1];
    d[0] = 1;
    System.arraycopy(dims, 0, d, 1, dims.length);
    return d;
  }

  /** The node with the inputs at {@code activations} as graph inputs, the rest initializers. */
  private Path layerModel(ModelProto model, List<TensorProto> in, Set<Integer> activations)
      throws IOException {
    GraphProto g = model.getGraph();
    NodeProto node = g.getNode(0);
    GraphProto.Builder b = g.toBuilder().clearInput().clearInitializer();
    for (int i = 0; i < node.getInputCount(); i++) {
      String name = node.getInput(i);
      if (activations.contains(i)) {
        b.addInput(typed(name, in.get(i)));
      } else {
        b.addInitializer(in.get(i).toBuilder().setName(name));
      }
    }
    // The output's dims: those of the first slice where a case runs slice by slice.
    b.clearOutput().addOutput(ValueInfoProto.newBuilder().setName(node.getOutput(0)));
    return write(model.toBuilder().setGraph(b).build());
  }

  /** The node on initializers, its output added to a float input {@code data} of these dims. */
  private Path foldModel(ModelProto model, List<TensorProto> in, long[] data) throws IOException {
    GraphProto g = model.getGraph();
    NodeProto node = g.getNode(0);
    GraphProto.Builder b = g.toBuilder().clearInput().clearInitializer().clearOutput();
    for (int i = 0; i < node.getInputCount(); i++) {
      b.addInitializer(in.get(i).toBuilder().setName(node.getInput(i)));
    }
    b.addInput(OnnxProtos.value("data", data));
    b.addNode(
        NodeProto.newBuilder()
            .setOpType("Add")
            .setName("add")
            .addInput("data")
            .addInput(node.getOutput(0))
            .addOutput("sum"));
    b.addOutput(ValueInfoProto.newBuilder().setName("sum"));
    return write(model.toBuilder().setGraph(b).build());
  }

  private static ValueInfoProto typed(String name, TensorProto t) {
    ValueInfoProto v = OnnxProtos.value(name, t.getDimsList().stream().mapToLong(l -> l).toArray());
    return v.toBuilder()
        .setType(
            v.getType().toBuilder()
                .setTensorType(
                    v.getType().getTensorType().toBuilder().setElemType(t.getDataType())))
        .build();
  }

  private Path write(ModelProto m) throws IOException {
    Path f = Files.createTempFile(dir, "case", ".onnx");
    try (OutputStream s = Files.newOutputStream(f)) {
      m.writeTo(s);
    }
    return f;
  }

  /** Slice {@code s} of {@code slices} along the first axis (the tensor itself if one). */
  private static TensorProto slice(TensorProto t, int s, int slices) {
    if (slices == 1) {
      return t;
    }
    Const c = value(t);
    long[] dims = java.util.Arrays.copyOfRange(c.dims(), 1, c.dims().length);
    Const part = slice(c, s, slices, c.count() / slices);
    TensorProto.Builder b = TensorProto.newBuilder().setName(t.getName());
    for (long d : dims) {
      b.addDims(d);
    }
    b.setDataType(t.getDataType());
    if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
      for (double v : part.values()) {
        b.addFloatData((float) v);
      }
    } else {
      for (double v : part.values()) {
        b.addInt32Data((int) v);
      }
    }
    return b.build();
  }

  private static Const slice(Const c, int s, int slices, long size) {
    if (slices == 1) {
      return c;
    }
    double[] v = java.util.Arrays.copyOfRange(c.values(), (int) (s * size), (int) ((s + 1) * size));
    return new Const(java.util.Arrays.copyOfRange(c.dims(), 1, c.dims().length), v);
  }

  private static Const dequantized(Const q, double scale, double zero) {
    double[] v = new double[q.values().length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (q.values()[i] - zero) * scale;
    }
    return new Const(q.dims(), v);
  }

  /** Predicts on {@code x} (ONNX layout, batch first); the output in ONNX layout. */
  private static float[] run(Model m, Const x) {
    List<ExampleData> out = m.predict(ForwardOracleTest.channelsLast(x));
    ExampleData y = out.get(0);
    return ForwardOracleTest.channelsFirst(y.values(), y.shape());
  }

  private static void assertWithinOneStep(
      float[] out, Const expected, double scale, double zero, Dtype type) {
    assertThat(out.length).isEqualTo(expected.count());
    for (int i = 0; i < out.length; i++) {
      double q = Math.rint(out[i] / scale) + zero;
      q = Math.max(QuantParams.min(type), Math.min(QuantParams.max(type), q));
      assertWithMessage("value " + i + " (" + out[i] + " quantized)")
          .that(q)
          .isWithin(1)
          .of(expected.values()[i]);
    }
  }

  private static void assertExact(float[] out, Const expected) {
    assertThat(out.length).isEqualTo(expected.count());
    for (int i = 0; i < out.length; i++) {
      assertWithMessage("value " + i).that((double) out[i]).isEqualTo(expected.values()[i]);
    }
  }

  /** The node's own layer: the last (after a padding layer). */
  private static org.neurojoule.Layer last(Model m) {
    return m.layers().get(m.layers().size() - 1);
  }

  private static Dtype dtype(TensorProto t) {
    return TensorData.dtype(t.getDataType());
  }

  private static ModelProto read(Path f) throws IOException {
    try (InputStream s = Files.newInputStream(f)) {
      return ModelProto.parseFrom(s);
    }
  }

  private static TensorProto tensor(Path pb) throws IOException {
    try (InputStream s = Files.newInputStream(pb)) {
      return TensorProto.parseFrom(s);
    }
  }

  private static Const value(TensorProto t) {
    return new TensorData("test", Path.of(".")).read(t, "tensor '" + t.getName() + "'");
  }
}
