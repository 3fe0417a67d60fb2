package org.neurojoule.onnx;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.Dtype;
import org.neurojoule.ExampleData;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Precision;

/**
 * A conv net quantized by onnxruntime's static quantizer ({@code quantized/}, made by {@code
 * make_quantized_convnet.py}): in QDQ format, and in operator format (QLinearConv, QLinearMatMul).
 * Each imports with the float model's layers, parameters and MACs, records the types the file
 * stores, and predicts what onnxruntime computes for the same input within one step of the output's
 * scale: onnxruntime rounds every activation to its 8-bit grid, the import carries exact values,
 * and the rounding that reaches the output stays below one of its steps (0.85 of a step in QDQ,
 * 0.48 in operator format for this input).
 */
class OnnxRuntimeQuantizedTest {
  /** The scale of the output's QuantizeLinear (QDQ) and of QLinearMatMul's output (QOp). */
  private static final double QDQ_OUTPUT_STEP = 0.012706739827990532;

  private static final double QOP_OUTPUT_STEP = 0.01299566961824894;

  private static Model load(String name) {
    return OnnxModels.load(TorchvisionImportTest.file("quantized/convnet_" + name + ".onnx"));
  }

  @Test
  void qdq_hasTheFloatModelsLayersParamsAndMacs() {
    Model f = load("float");
    Model q = load("qdq");
    // onnxruntime drops each Relu before a QuantizeLinear whose range starts at 0: put back.
    assertThat(types(q)).containsExactlyElementsIn(types(f)).inOrder();
    assertThat(q.params()).isEqualTo(f.params());
    assertThat(macs(q)).isEqualTo(macs(f));
    assertThat(macs(f)).isGreaterThan(0);
  }

  @Test
  void qop_hasTheFloatModelsLayersParamsAndMacs() {
    Model f = load("float");
    Model q = load("qop");
    assertThat(types(q)).containsExactlyElementsIn(types(f)).inOrder();
    assertThat(q.params()).isEqualTo(f.params());
    assertThat(macs(q)).isEqualTo(macs(f));
  }

  @Test
  void qdq_recordsInt8WeightsAndActivations() {
    Model q = load("qdq");
    Precision conv = Precision.of(Dtype.INT8, Dtype.INT8, Dtype.INT32);
    for (String name : List.of("conv1", "dwconv", "conv2", "conv3")) {
      assertWithMessage(name).that(q.layer(name).precision()).hasValue(conv);
    }
    assertThat(q.layer("fc").precision()).hasValue(Precision.of(Dtype.INT8, Dtype.INT8));
    // The classifier's bias: an int8 tensor of its own scale, added.
    assertThat(q.layer("fc_bias").precision()).hasValue(Precision.of(Dtype.INT8, Dtype.INT8));
    for (Layer l : q.layers()) {
      if (!l.type().equals("ZeroPadding2D")) {
        assertWithMessage(l.toString())
            .that(l.precision().map(Precision::activations))
            .hasValue(Dtype.INT8);
      }
    }
  }

  @Test
  void qop_recordsUint8ActivationsAndPerChannelInt8Weights() {
    Model q = load("qop");
    Precision conv = Precision.of(Dtype.UINT8, Dtype.INT8, Dtype.INT32);
    for (String name : List.of("conv1_quant", "dwconv_quant", "conv2_quant", "conv3_quant")) {
      assertWithMessage(name).that(q.layer(name).precision()).hasValue(conv);
    }
    assertThat(q.layer("fc_quant").precision()).hasValue(Precision.of(Dtype.UINT8, Dtype.INT8));
    // Float between its DequantizeLinear and the output: nothing recorded.
    assertThat(q.layer("fc_bias").precision()).isEmpty();
    assertThat(q.layer("relu1").precision()).isEmpty();
  }

  @Test
  void predict_matchesOnnxruntime() throws IOException {
    assertThat(maxDifference("float")).isLessThan(1e-5);
    assertThat(maxDifference("qdq")).isLessThan(QDQ_OUTPUT_STEP);
    assertThat(maxDifference("qop")).isLessThan(QOP_OUTPUT_STEP);
  }

  private static double maxDifference(String name) throws IOException {
    Model m = load(name);
    Const in = ForwardOracleTest.tensor(TorchvisionImportTest.file("quantized/input_0.pb"));
    Const ort =
        ForwardOracleTest.tensor(TorchvisionImportTest.file("quantized/output_" + name + ".pb"));
    ExampleData y = m.predict(ForwardOracleTest.channelsLast(in)).get(0);
    assertThat(y.values().length).isEqualTo(ort.count());
    double d = 0;
    for (int i = 0; i < y.values().length; i++) {
      d = Math.max(d, Math.abs(y.values()[i] - ort.values()[i]));
    }
    return d;
  }

  private static List<String> types(Model m) {
    return m.layers().stream().map(Layer::type).toList();
  }

  private static long macs(Model m) {
    ModelEnergy e = m.energy(o -> o);
    return m.layerNames().stream().mapToLong(n -> e.layerStats(n).connections()).sum();
  }
}
