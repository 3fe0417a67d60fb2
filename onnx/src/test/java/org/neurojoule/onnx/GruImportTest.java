package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.onnx.OnnxProtos.integer;
import static org.neurojoule.onnx.OnnxProtos.ints;
import static org.neurojoule.onnx.OnnxProtos.value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.neurojoule.OnnxImportException;
import org.neurojoule.layer.Recurrent;
import org.neurojoule.onnx.proto.OnnxProto.AttributeProto;
import org.neurojoule.onnx.proto.OnnxProto.GraphProto;
import org.neurojoule.onnx.proto.OnnxProto.ModelProto;
import org.neurojoule.onnx.proto.OnnxProto.NodeProto;
import org.neurojoule.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.neurojoule.onnx.proto.OnnxProto.TensorProto;

/**
 * A GRU as PyTorch exports {@code nn.GRU(batch_first=True)} followed by {@code y[:, -1]}, built
 * here, against the ONNX GRU equations in float64.
 */
class GruImportTest {
  private static final int TIME = 5;
  private static final int IN = 3;
  private static final int H = 4;

  @TempDir Path dir;

  private static TensorProto tensor(String name, float[] v, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1);
    Arrays.stream(dims).forEach(t::addDims);
    for (float f : v) {
      t.addFloatData(f);
    }
    return t.build();
  }

  private static float[] random(Random r, int n) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) (r.nextGaussian() * 0.5);
    }
    return f;
  }

  private Path write(NodeProto gru, float[] w, float[] rw, float[] b) throws IOException {
    return write(gru, w, rw, b, false);
  }

  /** With {@code channelsFirst}, the input is a conv1d's {@code (1, IN, TIME)}, then transposed. */
  private Path write(NodeProto gru, float[] w, float[] rw, float[] b, boolean channelsFirst)
      throws IOException {
    GraphProto.Builder start = GraphProto.newBuilder().setName("g");
    if (channelsFirst) {
      start
          .addInput(value("c", 1, IN, TIME))
          .addNode(
              NodeProto.newBuilder()
                  .setOpType("Transpose")
                  .setName("to_steps")
                  .addInput("c")
                  .addOutput("x")
                  .addAttribute(ints("perm", 0, 2, 1)));
    } else {
      start.addInput(value("x", 1, TIME, IN));
    }
    GraphProto g =
        start
            .addOutput(value("y"))
            .addInitializer(tensor("W", w, 1, 3 * H, IN))
            .addInitializer(tensor("R", rw, 1, 3 * H, H))
            .addInitializer(tensor("B", b, 1, 6 * H))
            .addInitializer(
                TensorProto.newBuilder().setName("axis").setDataType(7).addDims(1).addInt64Data(1))
            .addInitializer(
                TensorProto.newBuilder().setName("last").setDataType(7).addInt64Data(-1))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Transpose")
                    .setName("tm")
                    .addInput("x")
                    .addOutput("xt")
                    .addAttribute(ints("perm", 1, 0, 2)))
            .addNode(gru)
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Squeeze")
                    .setName("sq")
                    .addInput("ys")
                    .addInput("axis")
                    .addOutput("yq"))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Transpose")
                    .setName("bf")
                    .addInput("yq")
                    .addOutput("yb")
                    .addAttribute(ints("perm", 1, 0, 2)))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Gather")
                    .setName("last_step")
                    .addInput("yb")
                    .addInput("last")
                    .addOutput("y")
                    .addAttribute(integer("axis", 1)))
            .build();
    Path f = dir.resolve("gru.onnx");
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

  private static NodeProto.Builder gru() {
    return NodeProto.newBuilder()
        .setOpType("GRU")
        .setName("gru")
        .addInput("xt")
        .addInput("W")
        .addInput("R")
        .addInput("B")
        .addOutput("ys")
        .addAttribute(integer("hidden_size", H));
  }

  @Test
  void linearBeforeReset_isKerasResetAfter_bothMatchTheOnnxEquations() throws IOException {
    for (int lbr = 0; lbr <= 1; lbr++) {
      Random r = new Random(11 + lbr);
      float[] w = random(r, 3 * H * IN);
      float[] rw = random(r, 3 * H * H);
      float[] b = random(r, 6 * H);
      Model m =
          OnnxModels.load(
              write(gru().addAttribute(integer("linear_before_reset", lbr)).build(), w, rw, b));
      assertThat(m.layer("gru").spec().type()).isEqualTo("GRU");
      // Both biases are stored weights: a reset-after GRU's own two, else recurrentBias.
      assertThat(m.params().total()).isEqualTo(3L * H * (IN + H) + 6 * H);
      assertThat(((Recurrent) m.layer("gru").spec()).recurrentBias()).isEqualTo(lbr == 0);
      float[] x = random(r, TIME * IN);
      // ONNX (time, features) is channels last here: (features, time).
      float[] nj = new float[x.length];
      for (int t = 0; t < TIME; t++) {
        for (int f = 0; f < IN; f++) {
          nj[f * TIME + t] = x[t * IN + f];
        }
      }
      float[] got = m.predict(ExampleData.of(nj, 1, IN, TIME)).get(0).values();
      double[] want = naiveGru(x, w, rw, b, lbr == 1);
      assertThat(got).hasLength(H);
      for (int j = 0; j < H; j++) {
        assertThat((double) got[j]).isWithin(1e-5).of(want[j]);
      }
    }
  }

  @Test
  void rnn_keepsBothStoredBiases_andMatchesTheOnnxEquation() throws IOException {
    Random r = new Random(5);
    float[] w = random(r, H * IN);
    float[] rw = random(r, H * H);
    float[] b = random(r, 2 * H);
    // PyTorch's batch_first export: Transpose, RNN, Squeeze, Transpose back, the last step.
    GraphProto g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", 1, TIME, IN))
            .addOutput(value("y"))
            .addInitializer(tensor("W", w, 1, H, IN))
            .addInitializer(tensor("R", rw, 1, H, H))
            .addInitializer(tensor("B", b, 1, 2 * H))
            .addInitializer(
                TensorProto.newBuilder().setName("axis").setDataType(7).addDims(1).addInt64Data(1))
            .addInitializer(
                TensorProto.newBuilder().setName("last").setDataType(7).addInt64Data(-1))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Transpose")
                    .setName("tm")
                    .addInput("x")
                    .addOutput("xt")
                    .addAttribute(ints("perm", 1, 0, 2)))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("RNN")
                    .setName("rnn")
                    .addInput("xt")
                    .addInput("W")
                    .addInput("R")
                    .addInput("B")
                    .addOutput("ys")
                    .addAttribute(integer("hidden_size", H)))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Squeeze")
                    .setName("sq")
                    .addInput("ys")
                    .addInput("axis")
                    .addOutput("yq"))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Transpose")
                    .setName("bf")
                    .addInput("yq")
                    .addOutput("yb")
                    .addAttribute(ints("perm", 1, 0, 2)))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Gather")
                    .setName("last_step")
                    .addInput("yb")
                    .addInput("last")
                    .addOutput("y")
                    .addAttribute(integer("axis", 1)))
            .build();
    Path f = dir.resolve("rnn.onnx");
    Files.write(
        f,
        ModelProto.newBuilder()
            .setIrVersion(7)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(13))
            .setGraph(g)
            .build()
            .toByteArray());
    Model m = OnnxModels.load(f);
    // Every stored value: W, R and both biases (Wb and Rb, PyTorch's bias_ih and bias_hh).
    assertThat(m.params().total()).isEqualTo((long) H * IN + H * H + 2 * H);
    assertThat(((Recurrent) m.layer("rnn").spec()).recurrentBias()).isTrue();
    float[] x = random(r, TIME * IN);
    float[] nj = new float[x.length];
    for (int t = 0; t < TIME; t++) {
      for (int k = 0; k < IN; k++) {
        nj[k * TIME + t] = x[t * IN + k];
      }
    }
    float[] got = m.predict(ExampleData.of(nj, 1, IN, TIME)).get(0).values();
    // Ht = tanh(Xt W^T + Ht-1 R^T + Wb + Rb); the output is the last step's.
    assertThat(got).hasLength(H);
    double[] h = new double[H];
    for (int t = 0; t < TIME; t++) {
      double[] next = new double[H];
      for (int j = 0; j < H; j++) {
        double s = b[j] + b[H + j];
        for (int k = 0; k < IN; k++) {
          s += w[j * IN + k] * x[t * IN + k];
        }
        for (int k = 0; k < H; k++) {
          s += rw[j * H + k] * h[k];
        }
        next[j] = Math.tanh(s);
      }
      h = next;
    }
    for (int j = 0; j < H; j++) {
      assertThat((double) got[j]).isWithin(1e-5).of(h[j]);
    }
  }

  @Test
  void afterAConv1dLayoutTranspose_theSequenceNeedsNoPermute() throws IOException {
    // (C, L) -> (L, C) -> time-major: the values stay (time, features) here throughout.
    Random r = new Random(5);
    float[] w = random(r, 3 * H * IN);
    float[] rw = random(r, 3 * H * H);
    float[] b = random(r, 6 * H);
    Model m = OnnxModels.load(write(gru().build(), w, rw, b, true));
    float[] x = random(r, TIME * IN);
    // ONNX (IN, TIME) is channels last here: (TIME, IN), x's own order.
    float[] got = m.predict(ExampleData.of(x, 1, TIME, IN)).get(0).values();
    double[] want = naiveGru(x, w, rw, b, false);
    for (int j = 0; j < H; j++) {
      assertThat((double) got[j]).isWithin(1e-5).of(want[j]);
    }
    assertThat(m.layerNames()).doesNotContain("to_steps");
    assertThat(m.layerNames()).doesNotContain("tm");
  }

  /** ONNX's GRU: gates z, r, h; Ht = (1 - z) h~ + z Ht-1. */
  private static double[] naiveGru(float[] x, float[] w, float[] rw, float[] b, boolean lbr) {
    double[] h = new double[H];
    for (int t = 0; t < TIME; t++) {
      double[] xw = new double[3 * H];
      double[] hr = new double[3 * H];
      for (int g = 0; g < 3 * H; g++) {
        xw[g] = b[g];
        for (int k = 0; k < IN; k++) {
          xw[g] += w[g * IN + k] * x[t * IN + k];
        }
        hr[g] = b[3 * H + g];
        for (int k = 0; k < H; k++) {
          hr[g] += rw[g * H + k] * h[k];
        }
      }
      double[] z = new double[H];
      double[] rr = new double[H];
      for (int j = 0; j < H; j++) {
        z[j] = 1 / (1 + Math.exp(-(xw[j] + hr[j])));
        rr[j] = 1 / (1 + Math.exp(-(xw[H + j] + hr[H + j])));
      }
      double[] next = new double[H];
      for (int j = 0; j < H; j++) {
        double cand;
        if (lbr) {
          cand = Math.tanh(xw[2 * H + j] + rr[j] * hr[2 * H + j]);
        } else {
          double s = xw[2 * H + j] + b[3 * H + 2 * H + j];
          for (int k = 0; k < H; k++) {
            s += rw[(2 * H + j) * H + k] * rr[k] * h[k];
          }
          cand = Math.tanh(s);
        }
        next[j] = (1 - z[j]) * cand + z[j] * h[j];
      }
      h = next;
    }
    return h;
  }

  @Test
  void theWholeSequenceAsTheGraphOutput_isPermutedBackToThisLayout() throws IOException {
    Random r = new Random(13);
    float[] w = random(r, 3 * H * IN);
    float[] rw = random(r, 3 * H * H);
    float[] b = random(r, 6 * H);
    Path f = write(gru().build(), w, rw, b);
    ModelProto p = ModelProto.parseFrom(Files.readAllBytes(f));
    // Drop the Gather: the output is yb, the batch-first (1, time, hidden) sequence.
    GraphProto.Builder g =
        p.getGraph().toBuilder().removeNode(4).clearOutput().addOutput(value("yb"));
    Files.write(f, p.toBuilder().setGraph(g).build().toByteArray());
    Model m = OnnxModels.load(f);
    assertThat(m.layerNames()).containsExactly("x", "tm", "gru", "yb_layout").inOrder();
    float[] x = random(r, TIME * IN);
    float[] nj = new float[x.length];
    for (int t = 0; t < TIME; t++) {
      for (int k = 0; k < IN; k++) {
        nj[k * TIME + t] = x[t * IN + k];
      }
    }
    ExampleData out = m.predict(ExampleData.of(nj, 1, IN, TIME)).get(0);
    // ONNX (time, hidden) channels last: (hidden, time); the last step is column TIME - 1.
    assertThat(out.shape()).asList().containsExactly(1, H, TIME).inOrder();
    double[] last = naiveGru(x, w, rw, b, false);
    for (int j = 0; j < H; j++) {
      assertThat((double) out.values()[j * TIME + TIME - 1]).isWithin(1e-5).of(last[j]);
    }
  }

  @Test
  void expandOfAConstantToAnAbsurdShape_isAClearError_notAnOutOfMemoryError() throws IOException {
    GraphProto g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", 1, IN))
            .addOutput(value("y"))
            .addInitializer(tensor("zero", new float[] {0}, 1, 1, 1))
            .addInitializer(
                TensorProto.newBuilder()
                    .setName("to")
                    .setDataType(7)
                    .addDims(3)
                    .addInt64Data(1)
                    .addInt64Data(1L << 20)
                    .addInt64Data(1L << 20))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Expand")
                    .setName("states")
                    .addInput("zero")
                    .addInput("to")
                    .addOutput("h0"))
            .addNode(
                NodeProto.newBuilder()
                    .setOpType("Relu")
                    .setName("relu")
                    .addInput("x")
                    .addOutput("y"))
            .build();
    Path f = dir.resolve("expand.onnx");
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
            "expand.onnx: node 'states' (Expand): expands to"
                + " (1, 1048576, 1048576), more than 268435456 values");
  }

  @Test
  void wrongRecurrentWeightDims_nameTheWeight() throws IOException {
    Random r = new Random(9);
    Path f = write(gru().build(), random(r, 3 * H * IN), random(r, 3 * H * H), random(r, 6 * H));
    ModelProto p = ModelProto.parseFrom(Files.readAllBytes(f));
    GraphProto.Builder g = p.getGraph().toBuilder();
    g.setInitializer(1, tensor("R", random(r, 3 * H * (H - 1)), 1, 3 * H, H - 1));
    Files.write(f, p.toBuilder().setGraph(g).build().toByteArray());
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxModels.load(f));
    assertThat(e)
        .hasMessageThat()
        .endsWith("gru.onnx: node 'gru' (GRU): R (1, 12, 3) must be" + " (1, 12, 4)");
  }

  @Test
  void bidirectional_isAClearError() throws IOException {
    Random r = new Random(3);
    Path f =
        write(
            gru()
                .addAttribute(
                    AttributeProto.newBuilder()
                        .setName("direction")
                        .setType(AttributeProto.AttributeType.STRING)
                        .setS(com.google.protobuf.ByteString.copyFromUtf8("bidirectional")))
                .build(),
            random(r, 3 * H * IN),
            random(r, 3 * H * H),
            random(r, 6 * H));
    OnnxImportException e = assertThrows(OnnxImportException.class, () -> OnnxModels.load(f));
    assertThat(e)
        .hasMessageThat()
        .endsWith(
            "gru.onnx: node 'gru' (GRU): direction"
                + " bidirectional is not supported yet (forward is)");
  }

  @Test
  void aGruOnAnInputThatIsNotTimeMajor_namesTheLayout() throws IOException {
    Random r = new Random(5);
    NodeProto direct =
        NodeProto.newBuilder()
            .setOpType("GRU")
            .setName("gru")
            .addInput("x")
            .addInput("W")
            .addInput("R")
            .addInput("B")
            .addOutput("ys")
            .build();
    GraphProto g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", 1, TIME, IN))
            .addOutput(value("ys"))
            .addInitializer(tensor("W", random(r, 3 * H * IN), 1, 3 * H, IN))
            .addInitializer(tensor("R", random(r, 3 * H * H), 1, 3 * H, H))
            .addInitializer(tensor("B", random(r, 6 * H), 1, 6 * H))
            .addNode(direct)
            .build();
    Path f = dir.resolve("direct.onnx");
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
            "direct.onnx: node 'gru' (GRU): needs its input X"
                + " in the layout (time, batch, features), as PyTorch's Transpose of a batch_first input"
                + " gives it; its input 'x' is not such a sequence");
  }
}
