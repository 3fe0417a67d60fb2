package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.onnx.OnnxProtos.integer;
import static org.neurojoule.onnx.OnnxProtos.ints;
import static org.neurojoule.onnx.OnnxProtos.value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** Neg, Exp, Abs, Softplus, Softsign; Pad modes; MaxPool pads; Softmax over any one axis. */
class ElementwiseImportTest {
  @TempDir Path dir;

  private static AttributeProto text(String name, String v) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.STRING)
        .setS(com.google.protobuf.ByteString.copyFromUtf8(v))
        .build();
  }

  /** One node {@code op} named 'n' from the graph input x to the output y. */
  private Model one(int opset, NodeProto.Builder node, long... dims) throws IOException {
    GraphProto g =
        GraphProto.newBuilder()
            .setName("g")
            .addInput(value("x", dims))
            .addOutput(value("y"))
            .addNode(node.setName("n").addInput("x").addOutput("y"))
            .build();
    Path f = dir.resolve("m.onnx");
    Files.write(
        f,
        ModelProto.newBuilder()
            .setIrVersion(7)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset))
            .setGraph(g)
            .build()
            .toByteArray());
    return OnnxModels.load(f);
  }

  private static NodeProto.Builder op(String type) {
    return NodeProto.newBuilder().setOpType(type);
  }

  @Test
  void negExpAbs_computeTheirFunction_andCountLikeOtherActivations() throws IOException {
    float[] x = {-2, -0.5f, 0, 1.5f};
    assertThat(one(13, op("Neg"), 1, 4).predict(ExampleData.of(x, 1, 4)).get(0).values())
        .isEqualTo(new float[] {2, 0.5f, 0f, -1.5f});
    Model exp = one(13, op("Exp"), 1, 4);
    assertThat(exp.layer("n").spec().describe()).contains("exponential");
    float[] e = exp.predict(ExampleData.of(x, 1, 4)).get(0).values();
    for (int i = 0; i < 4; i++) {
      assertThat((double) e[i]).isWithin(1e-6 * Math.exp(x[i])).of(Math.exp(x[i]));
    }
    assertThat(one(13, op("Abs"), 1, 4).predict(ExampleData.of(x, 1, 4)).get(0).values())
        .isEqualTo(new float[] {2, 0.5f, 0, 1.5f});
    // An activation's neurons are its units in both modes; Neg is a rescaling (no neurons).
    assertThat(exp.energy(o -> o.accounting(Accounting.KERAS_SPIKING)).totals().neurons())
        .isEqualTo(4);
    assertThat(one(13, op("Softsign"), 1, 4).predict(ExampleData.of(x, 1, 4)).get(0).values())
        .isEqualTo(new float[] {-2 / 3f, -0.5f / 1.5f, 0, 1.5f / 2.5f});
  }

  @Test
  void softmaxOverAMiddleAxis_permutesItLastAndBack() throws IOException {
    // ONNX (C, H, W) = (2, 3, 2), softmax over H (opset 13 axis 2): each column sums to one.
    Model m = one(13, op("Softmax").addAttribute(integer("axis", 2)), 1, 2, 3, 2);
    float[] x = new float[12];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(i);
    }
    // Channels last: (H, W, C).
    float[] y = m.predict(ExampleData.of(x, 1, 3, 2, 2)).get(0).values();
    for (int w = 0; w < 2; w++) {
      for (int c = 0; c < 2; c++) {
        double sum = 0;
        double norm = 0;
        for (int h = 0; h < 3; h++) {
          norm += Math.exp(x[(h * 2 + w) * 2 + c]);
        }
        for (int h = 0; h < 3; h++) {
          int i = (h * 2 + w) * 2 + c;
          assertThat((double) y[i]).isWithin(1e-6).of(Math.exp(x[i]) / norm);
          sum += y[i];
        }
        assertThat(sum).isWithin(1e-6).of(1);
      }
    }
    assertThat(m.layer("n_to_last").spec().describe()).isEqualTo("permute[2, 3, 1]");
  }

  @Test
  void softmaxBeforeOpset13_overSeveralWideAxes_isAClearError() {
    OnnxImportException e =
        assertThrows(
            OnnxImportException.class,
            () -> one(11, op("LogSoftmax").addAttribute(integer("axis", 2)), 1, 2, 3, 4));
    assertThat(e)
        .hasMessageThat()
        .endsWith(
            "m.onnx: node 'n' (LogSoftmax): LogSoftmax before"
                + " opset 13 normalizes the dims (3, 4) from axis 2 as one; supported where one of them"
                + " is above 1, or from axis 1");
  }

  @Test
  void softmaxBeforeOpset13_fromAxis1_normalizesEveryUnit() throws IOException {
    Model m = one(11, op("Softmax"), 1, 2, 2, 1);
    float[] y = m.predict(ExampleData.of(new float[] {0, 1, 2, 3}, 1, 2, 1, 2)).get(0).values();
    double norm = 1 + Math.E + Math.exp(2) + Math.exp(3);
    for (int i = 0; i < 4; i++) {
      assertThat((double) y[i]).isWithin(1e-6).of(Math.exp(i) / norm);
    }
  }

  @Test
  void padModes_andAValue() throws IOException {
    for (String mode : new String[] {"reflect", "edge"}) {
      Model m =
          one(
              10,
              op("Pad")
                  .addAttribute(text("mode", mode))
                  .addAttribute(ints("pads", 0, 0, 2, 0, 0, 1)),
              1,
              1,
              3);
      float[] y = m.predict(ExampleData.of(new float[] {1, 2, 3}, 1, 3, 1)).get(0).values();
      assertThat(y)
          .isEqualTo(
              mode.equals("reflect")
                  ? new float[] {3, 2, 1, 2, 3, 2}
                  : new float[] {1, 1, 1, 2, 3, 3});
      assertThat(m.layer("n_pad").spec().type()).isEqualTo("Padding1D");
    }
    Model c =
        one(
            10,
            op("Pad")
                .addAttribute(ints("pads", 0, 0, 1, 0, 0, 0))
                .addAttribute(
                    AttributeProto.newBuilder()
                        .setName("value")
                        .setType(AttributeProto.AttributeType.FLOAT)
                        .setF(7)),
            1,
            1,
            2);
    assertThat(c.predict(ExampleData.of(new float[] {1, 2}, 1, 2, 1)).get(0).values())
        .isEqualTo(new float[] {7, 1, 2});
    OnnxImportException e =
        assertThrows(
            OnnxImportException.class,
            () ->
                one(
                    10,
                    op("Pad")
                        .addAttribute(text("mode", "wrap"))
                        .addAttribute(ints("pads", 0, 0, 1, 0, 0, 1)),
                    1,
                    1,
                    3));
    assertThat(e)
        .hasMessageThat()
        .endsWith(
            "node 'n' (Pad): Pad mode 'wrap' is not supported"
                + " (constant, reflect and edge are)");
    OnnxImportException tooWide =
        assertThrows(
            OnnxImportException.class,
            () ->
                one(
                    10,
                    op("Pad")
                        .addAttribute(text("mode", "reflect"))
                        .addAttribute(ints("pads", 0, 0, 3, 0, 0, 0)),
                    1,
                    1,
                    3));
    assertThat(tooWide).hasMessageThat().contains("node 'n' (Pad): ");
    assertThat(tooWide)
        .hasMessageThat()
        .contains("reflect padding 3 of axis 0 needs an axis" + " longer than that");
  }

  @Test
  void maxPoolPads_onNegativeInputs_neverWin() throws IOException {
    Model m =
        one(
            12,
            op("MaxPool")
                .addAttribute(ints("kernel_shape", 2))
                .addAttribute(ints("strides", 2))
                .addAttribute(ints("pads", 1, 1)),
            1,
            1,
            4);
    float[] y = m.predict(ExampleData.of(new float[] {-1, -2, -3, -4}, 1, 4, 1)).get(0).values();
    assertThat(y).isEqualTo(new float[] {-1, -2, -4});
    OnnxImportException e =
        assertThrows(
            OnnxImportException.class,
            () ->
                one(
                    12,
                    op("MaxPool")
                        .addAttribute(ints("kernel_shape", 2))
                        .addAttribute(ints("pads", 2, 0)),
                    1,
                    1,
                    4));
    assertThat(e)
        .hasMessageThat()
        .endsWith(
            "node 'n' (MaxPool): MaxPool pads [2, 0] must each"
                + " be below the kernel [2] (a window of pads only has no input value)");
  }
}
