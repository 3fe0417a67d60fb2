package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.onnx.OnnxProtos.integer;
import static org.neurojoule.onnx.OnnxProtos.ints;
import static org.neurojoule.onnx.OnnxProtos.value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.OnnxImportException;
import org.neurojoule.layer.Accounting;
import org.neurojoule.onnx.proto.OnnxProto.AttributeProto;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/**
 * A vision transformer's encoder block written as torch 1.13 exports it (class token, position
 * embedding, LayerNorm and GELU written out, nn.MultiheadAttention's batch/sequence transposes,
 * in_proj slices found by shape arithmetic, heads reshaped across the batch, bmm), imported and
 * run, against a naive float64 evaluation of the same ONNX graph written here.
 */
class AttentionOracleTest {
  private static final int S = 5;
  private static final int E = 8;
  private static final int HEADS = 2;
  private static final int HD = E / HEADS;
  private static final int T = S + 1;
  private static final int HIDDEN = 16;
  private static final int CLASSES = 3;

  @TempDir Path dir;

  private final List<NodeProto> nodes = new ArrayList<>();
  private final List<TensorProto> inits = new ArrayList<>();
  private final Random random = new Random(11);
  private int count;

  // ---- building the graph ----

  private String node(String op, String name, List<AttributeProto> attrs, String... in) {
    String out = name + "_out";
    nodes.add(
        NodeProto.newBuilder()
            .setOpType(op)
            .setName(name)
            .addAllInput(Arrays.asList(in))
            .addOutput(out)
            .addAllAttribute(attrs)
            .build());
    return out;
  }

  private String node(String op, String name, String... in) {
    return node(op, name, List.of(), in);
  }

  private String weight(String name, double scale, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1);
    Arrays.stream(dims).forEach(t::addDims);
    long n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
    for (long i = 0; i < n; i++) {
      t.addFloatData((float) (scale * random.nextGaussian()));
    }
    inits.add(t.build());
    return name;
  }

  /** A Constant node, as the exporter writes scalars and shapes. */
  private String constant(boolean int64, long[] dims, double... v) {
    TensorProto.Builder t = TensorProto.newBuilder().setDataType(int64 ? 7 : 1);
    Arrays.stream(dims).forEach(t::addDims);
    for (double x : v) {
      if (int64) {
        t.addInt64Data((long) x);
      } else {
        t.addFloatData((float) x);
      }
    }
    String name = "/Constant_" + count++;
    return node(
        "Constant",
        name,
        List.of(
            AttributeProto.newBuilder()
                .setName("value")
                .setType(AttributeProto.AttributeType.TENSOR)
                .setT(t)
                .build()));
  }

  private String scalar(double v) {
    return constant(false, new long[0], v);
  }

  private String longs(long... v) {
    return constant(true, new long[] {v.length}, Arrays.stream(v).asDoubleStream().toArray());
  }

  private String layerNorm(String p, String x) {
    String mean = node("ReduceMean", p + "/ReduceMean", List.of(ints("axes", -1)), x);
    String d = node("Sub", p + "/Sub", x, mean);
    String sq = node("Pow", p + "/Pow", d, scalar(2));
    String var = node("ReduceMean", p + "/ReduceMean_1", List.of(ints("axes", -1)), sq);
    String std = node("Sqrt", p + "/Sqrt", node("Add", p + "/Add", var, scalar(1e-6)));
    String n = node("Div", p + "/Div", d, std);
    String g = node("Mul", p + "/Mul", n, weight(p + ".weight", 0.5, E));
    return node("Add", p + "/Add_1", g, weight(p + ".bias", 0.5, E));
  }

  private String gelu(String p, String x) {
    String erf = node("Erf", p + "/Erf", node("Div", p + "/Div", x, scalar(Math.sqrt(2))));
    String m = node("Mul", p + "/Mul", x, node("Add", p + "/Add", erf, scalar(1)));
    return node("Mul", p + "/Mul_1", m, scalar(0.5));
  }

  /** in_proj's q, k or v: the exporter's {@code (size + 2) / 3 * i} ends. */
  private String third(String p, String qkv, String third, int i) {
    String from = i == 0 ? longs(0) : node("Mul", p + "/Mul_" + i, third, longs(i));
    String to = node("Mul", p + "/Mul_" + (i + 1) + "_end", third, longs(i + 1));
    return node("Slice", p + "/Slice_" + i, qkv, from, to, longs(-1));
  }

  private String attention(String p, String x) {
    String t = node("Transpose", p + "/Transpose", List.of(ints("perm", 1, 0, 2)), x);
    String proj = node("MatMul", p + "/MatMul", t, weight("in_proj", 0.3, E, 3 * E));
    String qkv = node("Add", p + "/Add", weight("in_proj_bias", 0.3, 3 * E), proj);
    String last =
        node(
            "Gather",
            p + "/Gather",
            List.of(integer("axis", 0)),
            node("Shape", p + "/Shape", qkv),
            longs(-1));
    String third = node("Div", p + "/Div", node("Add", p + "/Add_1", last, longs(2)), longs(3));
    String heads = longs(T, HEADS, HD);
    String q =
        node(
            "Transpose",
            p + "/Transpose_1",
            List.of(ints("perm", 1, 0, 2)),
            node("Reshape", p + "/Reshape", third(p, qkv, third, 0), heads));
    String k = node("Reshape", p + "/Reshape_1", third(p, qkv, third, 1), heads);
    String v =
        node(
            "Transpose",
            p + "/Transpose_2",
            List.of(ints("perm", 1, 0, 2)),
            node("Reshape", p + "/Reshape_2", third(p, qkv, third, 2), heads));
    String qs = node("Div", p + "/Div_1", q, scalar(Math.sqrt(HD)));
    String kt = node("Transpose", p + "/Transpose_3", List.of(ints("perm", 1, 2, 0)), k);
    String w =
        node(
            "Softmax",
            p + "/Softmax",
            List.of(integer("axis", -1)),
            node("MatMul", p + "/MatMul_1", qs, kt));
    String o =
        node(
            "Transpose",
            p + "/Transpose_4",
            List.of(ints("perm", 1, 0, 2)),
            node("MatMul", p + "/MatMul_2", w, v));
    String flat = node("Reshape", p + "/Reshape_3", o, longs(T, E));
    String out =
        node(
            "Gemm",
            p + "/Gemm",
            List.of(integer("transB", 1)),
            flat,
            weight("out_proj.weight", 0.3, E, E),
            weight("out_proj.bias", 0.3, E));
    return node(
        "Transpose",
        p + "/Transpose_5",
        List.of(ints("perm", 1, 0, 2)),
        node("Reshape", p + "/Reshape_4", out, longs(T, 1, E)));
  }

  /** Outputs: the head's (1, 3) and the encoder's (1, 6, 8) tokens. */
  private Path vitBlock() throws IOException {
    String tokens = node("Transpose", "/Transpose", List.of(ints("perm", 0, 2, 1)), "x");
    // class_token.expand(n, -1, -1) on the file's batch of 1, as torch writes its shape.
    String shape = longs(1, -1, -1);
    String ones =
        node(
            "ConstantOfShape",
            "/ConstantOfShape",
            List.of(
                AttributeProto.newBuilder()
                    .setName("value")
                    .setType(AttributeProto.AttributeType.TENSOR)
                    .setT(TensorProto.newBuilder().setDataType(7).addDims(1).addInt64Data(1))
                    .build()),
            longs(3));
    String minus = node("Mul", "/Mul", ones, constant(true, new long[0], -1));
    String where = node("Where", "/Where", node("Equal", "/Equal", shape, minus), ones, shape);
    String cls = node("Expand", "/Expand", weight("class_token", 1, 1, 1, E), where);
    String joined = node("Concat", "/Concat", List.of(integer("axis", 1)), cls, tokens);
    String x = node("Add", "/encoder/Add", joined, weight("pos_embedding", 0.5, 1, T, E));
    String p = "/encoder/layers/encoder_layer_0";
    String a =
        node("Add", p + "/Add", attention(p + "/self_attention", layerNorm(p + "/ln_1", x)), x);
    String h =
        node(
            "MatMul",
            p + "/mlp/mlp.0/MatMul",
            layerNorm(p + "/ln_2", a),
            weight("mlp0", 0.4, E, HIDDEN));
    h = node("Add", p + "/mlp/mlp.0/Add", weight("mlp0.bias", 0.3, HIDDEN), h);
    h = gelu(p + "/mlp/mlp.1", h);
    h = node("MatMul", p + "/mlp/mlp.3/MatMul", h, weight("mlp3", 0.4, HIDDEN, E));
    h = node("Add", p + "/mlp/mlp.3/Add", weight("mlp3.bias", 0.3, E), h);
    String encoded = node("Add", p + "/Add_1", a, h);
    String first =
        node(
            "Gather",
            "/Gather",
            List.of(integer("axis", 1)),
            encoded,
            constant(true, new long[0], 0));
    String y =
        node(
            "Gemm",
            "/heads/head/Gemm",
            List.of(integer("transB", 1)),
            first,
            weight("head.weight", 0.5, CLASSES, E),
            weight("head.bias", 0.5, CLASSES));
    nodes.add(
        NodeProto.newBuilder()
            .setOpType("Identity")
            .setName("out_tokens")
            .addInput(encoded)
            .addOutput("tokens")
            .build());
    nodes.add(
        NodeProto.newBuilder()
            .setOpType("Identity")
            .setName("out_y")
            .addInput(y)
            .addOutput("y")
            .build());
    GraphProto g =
        GraphProto.newBuilder()
            .setName("vit")
            .addInput(value("x", 1, E, S))
            .addOutput(value("y", 1, CLASSES))
            .addOutput(value("tokens", 1, T, E))
            .addAllInitializer(inits)
            .addAllNode(nodes)
            .build();
    Path f = dir.resolve("vit_block.onnx");
    Files.write(
        f,
        ModelProto.newBuilder()
            .setIrVersion(7)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
            .setGraph(g)
            .build()
            .toByteArray());
    return f;
  }

  // ---- the tests ----

  @Test
  void vitBlock_predictEqualsANaiveEvaluationOfTheGraph() throws IOException {
    Path f = vitBlock();
    Model m = OnnxModels.load(f);
    double[][] xs = new double[2][E * S];
    float[] batch = new float[2 * E * S];
    for (int b = 0; b < 2; b++) {
      for (int i = 0; i < E * S; i++) {
        xs[b][i] = random.nextGaussian();
      }
      // ONNX (E, S) per example is channels last here: (S, E).
      for (int e = 0; e < E; e++) {
        for (int s = 0; s < S; s++) {
          batch[b * E * S + s * E + e] = (float) xs[b][e * S + s];
        }
      }
    }
    List<ExampleData> out = m.predict(ExampleData.of(batch, 2, S, E));
    ModelProto proto = ModelProto.parseFrom(Files.readAllBytes(f));
    for (int b = 0; b < 2; b++) {
      Map<String, Nd> want = new Naive(proto.getGraph()).run(new Nd(new long[] {1, E, S}, xs[b]));
      // The tokens (S + 1, E) keep ONNX's order; the head's three classes.
      assertClose(out.get(0).values(), b, want.get("y").v);
      assertClose(out.get(1).values(), b, want.get("tokens").v);
    }
    var e = m.energy(o -> o.accounting(Accounting.COMPLETE));
    assertThat(
            e.layerStats("/encoder/layers/encoder_layer_0/self_attention/MatMul_1").connections())
        .isEqualTo((long) HEADS * T * T * HD);
    assertThat(m.layer("/encoder/layers/encoder_layer_0/ln_1").spec().type())
        .isEqualTo("LayerNormalization");
    assertThat(m.layer("/encoder/layers/encoder_layer_0/mlp/mlp.1").spec().describe())
        .isEqualTo("activation(gelu)");
  }

  private static void assertClose(float[] got, int b, double[] want) {
    for (int i = 0; i < want.length; i++) {
      double g = got[b * want.length + i];
      assertThat(Math.abs(g - want[i])).isAtMost(1e-4 * Math.max(1, Math.abs(want[i])));
    }
  }

  @Test
  void brokenGeluPattern_namesTheNodeWhereItBreaks() throws IOException {
    // x * 0.5 * (1 + erf(x / 1.5)): not sqrt(2), so not GELU.
    String erf = node("Erf", "/mlp/Erf", node("Div", "/mlp/Div", "x", scalar(1.5)));
    node("Mul", "/mlp/Mul", "x", node("Add", "/mlp/Add", erf, scalar(1)));
    GraphProto g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", 1, 4))
            .addOutput(value("/mlp/Mul_out"))
            .addAllNode(nodes)
            .build();
    Path f = dir.resolve("gelu.onnx");
    Files.write(
        f,
        ModelProto.newBuilder()
            .setIrVersion(7)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
            .setGraph(g)
            .build()
            .toByteArray());
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxModels.load(f));
    assertThat(e)
        .hasMessageThat()
        .endsWith(
            "gelu.onnx: 1 operator type has no NeuroJoule"
                + " mapping: Erf (1 node: '/mlp/Erf') (GELU's written-out pattern around '/mlp/Erf': its"
                + " input should be x divided by sqrt(2)); import them as zero-cost layers with"
                + " allowUnknown (the CLI's --allow-unknown)");
  }

  private Path graph(String name, String output, long... input) throws IOException {
    GraphProto g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", input))
            .addOutput(value(output))
            .addAllInitializer(inits)
            .addAllNode(nodes)
            .build();
    Path f = dir.resolve(name);
    Files.write(
        f,
        ModelProto.newBuilder()
            .setIrVersion(7)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
            .setGraph(g)
            .build()
            .toByteArray());
    return f;
  }

  @Test
  void brokenLayerNormPattern_namesTheNodeWhereItBreaks() throws IOException {
    // The cube of the difference: not a variance.
    String mean = node("ReduceMean", "/ln/ReduceMean", List.of(ints("axes", -1)), "x");
    String d = node("Sub", "/ln/Sub", "x", mean);
    String var =
        node(
            "ReduceMean",
            "/ln/ReduceMean_1",
            List.of(ints("axes", -1)),
            node("Pow", "/ln/Pow", d, scalar(3)));
    String out =
        node(
            "Div",
            "/ln/Div",
            d,
            node("Sqrt", "/ln/Sqrt", node("Add", "/ln/Add", var, scalar(1e-5))));
    Path f = graph("ln.onnx", out, 1, 4);
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxModels.load(f));
    assertThat(e)
        .hasMessageThat()
        .endsWith(
            "ln.onnx: 2 operator types have no NeuroJoule"
                + " mapping: Pow (1 node: '/ln/Pow'), Sqrt (1 node: '/ln/Sqrt') (LayerNorm's written-out"
                + " pattern from '/ln/ReduceMean': '/ln/Pow' should square the difference (exponent 2));"
                + " import them as zero-cost layers with allowUnknown (the CLI's --allow-unknown)");
  }

  @Test
  void reshapeThatWouldMixTheBatchWithTokens_isAClearError() throws IOException {
    // (N, 6, 8) as (6, N, 8), then reshaped to (2, 24): N would land inside the tokens.
    String tokens = node("Transpose", "/t", List.of(ints("perm", 0, 2, 1)), "x");
    String seq = node("Transpose", "/seq_first", List.of(ints("perm", 1, 0, 2)), tokens);
    String out = node("Reshape", "/mix", seq, longs(2, 24));
    Path f = graph("mix.onnx", out, 1, 8, 6);
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxModels.load(f));
    assertThat(e)
        .hasMessageThat()
        .endsWith(
            "mix.onnx: node '/mix' (Reshape): reshapes (6, N, 8)"
                + " to (2, 24), which splits the axes before the batch differently; the batch would"
                + " mix with other axes");
  }

  @Test
  void headsReshapedAcrossTheBatch_stayAnAxisOfTheExample() throws IOException {
    // (N, 6, 8) -> (6, N, 8) -> (6, N*2, 4) -> (N*2, 6, 4): two heads per example.
    String tokens = node("Transpose", "/t", List.of(ints("perm", 0, 2, 1)), "x");
    String seq = node("Transpose", "/seq_first", List.of(ints("perm", 1, 0, 2)), tokens);
    String heads = node("Reshape", "/heads", seq, longs(6, 2, 4));
    String out = node("Transpose", "/heads_first", List.of(ints("perm", 1, 0, 2)), heads);
    Model m = OnnxModels.load(graph("heads.onnx", out, 1, 8, 6));
    float[] x = new float[48];
    for (int i = 0; i < x.length; i++) {
      x[i] = i; // channels last: token i / 8, feature i % 8
    }
    float[] y = m.predict(ExampleData.of(x, 1, 6, 8)).get(0).values();
    // Output (head h, token s, j) is feature h * 4 + j of token s.
    for (int h = 0; h < 2; h++) {
      for (int t = 0; t < 6; t++) {
        for (int j = 0; j < 4; j++) {
          assertThat(y[(h * 6 + t) * 4 + j]).isEqualTo(x[t * 8 + h * 4 + j]);
        }
      }
    }
    // Only the head reshape and its transpose move data; the batch moves alone.
    assertThat(m.layerNames()).containsExactly("x", "/heads", "/heads_first").inOrder();
  }

  @Test
  void logSoftmaxOfTokens_keepsTheirLayoutForTheNextNode() throws IOException {
    // (N, 8, 3) -> tokens (N, 3, 8) -> log_softmax over the 8 features -> a per-token linear
    // map, which needs the token layout.
    String tokens = node("Transpose", "/t", List.of(ints("perm", 0, 2, 1)), "x");
    String ls = node("LogSoftmax", "/ls", List.of(integer("axis", -1)), tokens);
    String out = node("MatMul", "/proj", ls, weight("w", 1, 8, 2));
    float[] w = new float[16];
    for (int i = 0; i < 16; i++) {
      w[i] = inits.get(0).getFloatData(i);
    }
    Model m = OnnxModels.load(graph("ls.onnx", out, 1, 8, 3));
    float[] x = new float[24];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.1f * i * (i % 3 - 1); // channels last: token i / 8, feature i % 8
    }
    float[] y = m.predict(ExampleData.of(x, 1, 3, 8)).get(0).values();
    // The output (3, 2) in ONNX's order.
    for (int s = 0; s < 3; s++) {
      double sum = 0;
      for (int f = 0; f < 8; f++) {
        sum += Math.exp(x[s * 8 + f]);
      }
      for (int j = 0; j < 2; j++) {
        double want = 0;
        for (int f = 0; f < 8; f++) {
          want += (x[s * 8 + f] - Math.log(sum)) * w[f * 2 + j];
        }
        assertThat((double) y[s * 2 + j]).isWithin(1e-5).of(want);
      }
    }
  }

  @Test
  void tokensTransposedBackToChannelsFirst_needNoLayer() throws IOException {
    // (C, L) -> (L, C) -> (C, L), then a 1x1 convolution: no Permute anywhere.
    String tokens = node("Transpose", "/t", List.of(ints("perm", 0, 2, 1)), "x");
    String back = node("Transpose", "/back", List.of(ints("perm", 0, 2, 1)), tokens);
    String out = node("Conv", "/conv", back, weight("k", 1, 2, 8, 1));
    Model m = OnnxModels.load(graph("back.onnx", out, 1, 8, 3));
    assertThat(m.layerNames()).containsExactly("x", "/conv").inOrder();
  }

  @Test
  void subOfAStoredTensorFromFlatFeatures_isANegatedAddWeight() throws IOException {
    String out = node("Sub", "/centre", "x", weight("c", 1, 4));
    float[] c = new float[4];
    for (int i = 0; i < 4; i++) {
      c[i] = inits.get(0).getFloatData(i);
    }
    Model m = OnnxModels.load(graph("sub.onnx", out, 1, 4));
    assertThat(m.layer("/centre").spec().type()).isEqualTo("AddWeight");
    assertThat(m.params().total()).isEqualTo(4L);
    float[] y = m.predict(ExampleData.of(new float[] {1, 2, 3, 4}, 1, 4)).get(0).values();
    for (int i = 0; i < 4; i++) {
      assertThat(y[i]).isEqualTo((i + 1) - c[i]);
    }
  }

  // ---- the naive evaluator: float64, one example (the file's batch of 1) ----

  /** An n-d array, row-major; integer ones divide as integers. */
  record Nd(long[] d, double[] v, boolean integer) {
    Nd(long[] d, double[] v) {
      this(d, v, false);
    }

    int size() {
      return v.length;
    }

    long[] strides() {
      long[] s = new long[d.length];
      long k = 1;
      for (int i = d.length - 1; i >= 0; i--) {
        s[i] = k;
        k *= d[i];
      }
      return s;
    }
  }

  /** Each node of the graph evaluated in file order (this one is written in order). */
  static final class Naive {
    private final GraphProto g;
    private final Map<String, Nd> env = new HashMap<>();

    Naive(GraphProto g) {
      this.g = g;
      for (TensorProto t : g.getInitializerList()) {
        env.put(t.getName(), tensor(t));
      }
    }

    private static Nd tensor(TensorProto t) {
      long[] d = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
      double[] v =
          t.getDataType() == 7
              ? t.getInt64DataList().stream().mapToDouble(Long::doubleValue).toArray()
              : t.getFloatDataList().stream().mapToDouble(Float::doubleValue).toArray();
      return new Nd(d, v, t.getDataType() == 7);
    }

    Map<String, Nd> run(Nd x) {
      env.put("x", x);
      for (NodeProto n : g.getNodeList()) {
        env.put(n.getOutput(0), eval(n));
      }
      return env;
    }

    private Nd in(NodeProto n, int i) {
      return env.get(n.getInput(i));
    }

    private static long[] attr(NodeProto n, String name) {
      for (AttributeProto a : n.getAttributeList()) {
        if (a.getName().equals(name)) {
          return a.getIntsCount() > 0
              ? a.getIntsList().stream().mapToLong(Long::longValue).toArray()
              : new long[] {a.getI()};
        }
      }
      return null;
    }

    private Nd eval(NodeProto n) {
      return switch (n.getOpType()) {
        case "Constant" -> tensor(n.getAttribute(0).getT());
        case "Identity" -> in(n, 0);
        case "Shape" ->
            new Nd(
                new long[] {in(n, 0).d().length},
                Arrays.stream(in(n, 0).d()).asDoubleStream().toArray(),
                true);
        case "ConstantOfShape" -> {
          long[] d = Arrays.stream(in(n, 0).v()).mapToLong(v -> (long) v).toArray();
          double[] v = new double[(int) Arrays.stream(d).reduce(1, (a, b) -> a * b)];
          Arrays.fill(v, tensor(n.getAttribute(0).getT()).v()[0]);
          yield new Nd(d, v, true);
        }
        case "Add" -> broadcast(in(n, 0), in(n, 1), Double::sum);
        case "Sub" -> broadcast(in(n, 0), in(n, 1), (a, b) -> a - b);
        case "Mul" -> broadcast(in(n, 0), in(n, 1), (a, b) -> a * b);
        case "Div" ->
            in(n, 0).integer() && in(n, 1).integer()
                ? broadcast(in(n, 0), in(n, 1), (a, b) -> (double) ((long) a / (long) b))
                : broadcast(in(n, 0), in(n, 1), (a, b) -> a / b);
        case "Pow" -> broadcast(in(n, 0), in(n, 1), Math::pow);
        case "Equal" -> broadcast(in(n, 0), in(n, 1), (a, b) -> a == b ? 1 : 0);
        case "Where" -> {
          Nd c = in(n, 0);
          double[] v = new double[c.size()];
          for (int i = 0; i < v.length; i++) {
            v[i] = c.v()[i] != 0 ? in(n, 1).v()[i] : in(n, 2).v()[i];
          }
          yield new Nd(c.d(), v, true);
        }
        case "Expand" -> in(n, 0); // to its own shape here
        case "Sqrt" -> map(in(n, 0), Math::sqrt);
        case "Erf" -> map(in(n, 0), Naive::erf);
        case "Transpose" -> transpose(in(n, 0), attr(n, "perm"));
        case "Concat" -> concat(in(n, 0), in(n, 1), (int) attr(n, "axis")[0]);
        case "Reshape" ->
            new Nd(Arrays.stream(in(n, 1).v()).mapToLong(v -> (long) v).toArray(), in(n, 0).v());
        case "ReduceMean" -> meanLast(in(n, 0));
        case "MatMul" -> matMul(in(n, 0), in(n, 1));
        case "Softmax" -> softmaxLast(in(n, 0));
        case "Slice" -> sliceLast(in(n, 0), (long) in(n, 1).v()[0], (long) in(n, 2).v()[0]);
        case "Gather" -> gather(n);
        case "Gemm" -> gemm(in(n, 0), in(n, 1), in(n, 2));
        default -> throw new AssertionError(n.getOpType());
      };
    }

    /** Abramowitz and Stegun's series, to 1e-12 for |x| < 4; ±1 beyond (off by < 2e-8). */
    static double erf(double x) {
      if (Math.abs(x) > 4) {
        return Math.signum(x);
      }
      double sum = 0;
      double term = x;
      for (int k = 0; k < 80; k++) {
        sum += term / (2 * k + 1);
        term *= -x * x / (k + 1);
      }
      return 2 / Math.sqrt(Math.PI) * sum;
    }

    private static Nd map(Nd a, java.util.function.DoubleUnaryOperator f) {
      return new Nd(a.d(), Arrays.stream(a.v()).map(f).toArray());
    }

    /** numpy broadcasting of two operands. */
    private static Nd broadcast(Nd a, Nd b, java.util.function.DoubleBinaryOperator f) {
      int r = Math.max(a.d().length, b.d().length);
      long[] d = new long[r];
      for (int i = 0; i < r; i++) {
        d[i] = Math.max(dim(a, i, r), dim(b, i, r));
      }
      int size = (int) Arrays.stream(d).reduce(1, (x, y) -> x * y);
      double[] v = new double[size];
      for (int k = 0; k < size; k++) {
        v[k] = f.applyAsDouble(a.v()[index(a, d, k)], b.v()[index(b, d, k)]);
      }
      return new Nd(d, v, a.integer() && b.integer());
    }

    private static long dim(Nd a, int i, int r) {
      int j = i - (r - a.d().length);
      return j < 0 ? 1 : a.d()[j];
    }

    /** The flat index into {@code a} of flat output position {@code k} of shape {@code d}. */
    private static int index(Nd a, long[] d, int k) {
      long src = 0;
      long stride = 1;
      long rest = k;
      for (int i = d.length - 1; i >= 0; i--) {
        long idx = rest % d[i];
        rest /= d[i];
        long ad = dim(a, i, d.length);
        src += (ad == 1 ? 0 : idx) * stride;
        stride *= ad;
      }
      return (int) src;
    }

    private static Nd transpose(Nd a, long[] perm) {
      long[] d = new long[perm.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = a.d()[(int) perm[i]];
      }
      long[] st = a.strides();
      double[] v = new double[a.size()];
      int[] idx = new int[d.length];
      for (int k = 0; k < v.length; k++) {
        long src = 0;
        for (int i = 0; i < d.length; i++) {
          src += idx[i] * st[(int) perm[i]];
        }
        v[k] = a.v()[(int) src];
        for (int i = d.length - 1; i >= 0 && ++idx[i] == d[i]; i--) {
          idx[i] = 0;
        }
      }
      return new Nd(d, v);
    }

    private static Nd concat(Nd a, Nd b, int axis) {
      long[] d = a.d().clone();
      d[axis] += b.d()[axis];
      long outer = 1;
      for (int i = 0; i < axis; i++) {
        outer *= d[i];
      }
      int ba = a.size() / (int) outer;
      int bb = b.size() / (int) outer;
      double[] v = new double[a.size() + b.size()];
      for (int o = 0; o < outer; o++) {
        System.arraycopy(a.v(), o * ba, v, o * (ba + bb), ba);
        System.arraycopy(b.v(), o * bb, v, o * (ba + bb) + ba, bb);
      }
      return new Nd(d, v);
    }

    private static Nd meanLast(Nd a) {
      long[] d = a.d().clone();
      int last = (int) d[d.length - 1];
      d[d.length - 1] = 1;
      double[] v = new double[a.size() / last];
      for (int r = 0; r < v.length; r++) {
        for (int i = 0; i < last; i++) {
          v[r] += a.v()[r * last + i] / last;
        }
      }
      return new Nd(d, v);
    }

    private static Nd softmaxLast(Nd a) {
      int last = (int) a.d()[a.d().length - 1];
      double[] v = new double[a.size()];
      for (int r = 0; r < a.size() / last; r++) {
        double sum = 0;
        for (int i = 0; i < last; i++) {
          sum += Math.exp(a.v()[r * last + i]);
        }
        for (int i = 0; i < last; i++) {
          v[r * last + i] = Math.exp(a.v()[r * last + i]) / sum;
        }
      }
      return new Nd(a.d(), v);
    }

    /** Batched over the leading axes; a 2-D right operand shared by all. */
    private static Nd matMul(Nd a, Nd b) {
      int r = a.d().length;
      int m = (int) a.d()[r - 2];
      int k = (int) a.d()[r - 1];
      int n = (int) b.d()[b.d().length - 1];
      int batches = a.size() / (m * k);
      boolean shared = b.d().length == 2;
      long[] d = a.d().clone();
      d[r - 1] = n;
      double[] v = new double[batches * m * n];
      for (int h = 0; h < batches; h++) {
        int bo = shared ? 0 : h * k * n;
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < n; j++) {
            double s = 0;
            for (int t = 0; t < k; t++) {
              s += a.v()[h * m * k + i * k + t] * b.v()[bo + t * n + j];
            }
            v[h * m * n + i * n + j] = s;
          }
        }
      }
      return new Nd(d, v);
    }

    private static Nd sliceLast(Nd a, long from, long to) {
      long[] d = a.d().clone();
      int last = (int) d[d.length - 1];
      int w = (int) (Math.min(to, last) - from);
      d[d.length - 1] = w;
      double[] v = new double[a.size() / last * w];
      for (int r = 0; r < a.size() / last; r++) {
        System.arraycopy(a.v(), r * last + (int) from, v, r * w, w);
      }
      return new Nd(d, v);
    }

    private Nd gather(NodeProto n) {
      Nd a = in(n, 0);
      int axis = (int) attr(n, "axis")[0];
      long[] ix = Arrays.stream(in(n, 1).v()).mapToLong(v -> (long) v).toArray();
      long i0 = ix[0] < 0 ? ix[0] + a.d()[axis] : ix[0];
      long outer = 1;
      for (int i = 0; i < axis; i++) {
        outer *= a.d()[i];
      }
      int inner = (int) (a.size() / outer / a.d()[axis]);
      List<Long> d = new ArrayList<>();
      for (int i = 0; i < a.d().length; i++) {
        if (i != axis) {
          d.add(a.d()[i]);
        } else if (in(n, 1).d().length == 1) {
          d.add(1L);
        }
      }
      double[] v = new double[(int) outer * inner];
      for (int o = 0; o < outer; o++) {
        System.arraycopy(a.v(), (int) ((o * a.d()[axis] + i0) * inner), v, o * inner, inner);
      }
      return new Nd(d.stream().mapToLong(Long::longValue).toArray(), v, a.integer());
    }

    /** {@code a · bᵀ + c}, transB = 1 as PyTorch's Linear exports. */
    private static Nd gemm(Nd a, Nd b, Nd c) {
      int m = (int) a.d()[0];
      int k = (int) a.d()[1];
      int n = (int) b.d()[0];
      double[] v = new double[m * n];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s = c.v()[j];
          for (int t = 0; t < k; t++) {
            s += a.v()[i * k + t] * b.v()[j * k + t];
          }
          v[i * n + j] = s;
        }
      }
      return new Nd(new long[] {m, n}, v);
    }
  }
}
