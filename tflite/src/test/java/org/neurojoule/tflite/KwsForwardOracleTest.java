package org.neurojoule.tflite;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.neurojoule.ExampleData;
import org.neurojoule.Model;
import org.tensorflow.lite.schema.Operator;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.Tensor;
import org.tensorflow.lite.schema.TensorType;

/**
 * {@code predict} of the float32 KWS model against the same graph evaluated here in float64: its
 * weights read from the flatbuffer by this test (int8 kernels dequantized with their scale), then
 * the DS-CNN's convolutions (TensorFlow's SAME padding), ReLUs, average pooling, dense layer and
 * softmax in plain loops. The int8 model, run on dequantized values, predicts close to it.
 */
class KwsForwardOracleTest {
  private static final int H = 49;
  private static final int W = 10;

  /** The flatbuffer's tensors, read without the importer. */
  private static final class Graph {
    final ByteBuffer bb;
    final org.tensorflow.lite.schema.Model model;
    final SubGraph g;

    Graph(String name) throws IOException {
      bb =
          ByteBuffer.wrap(Files.readAllBytes(MlperfTinyOracleTest.DIR.resolve(name)))
              .order(ByteOrder.LITTLE_ENDIAN);
      model = org.tensorflow.lite.schema.Model.getRootAsModel(bb);
      g = model.subgraphs(0);
    }

    double[] values(int tensor) {
      Tensor t = g.tensors(tensor);
      ByteBuffer d =
          model.buffers((int) t.buffer()).dataAsByteBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
      int n = 1;
      for (int i = 0; i < t.shapeLength(); i++) {
        n *= t.shape(i);
      }
      // Per-channel scales run along quantized_dimension: the stride of that axis.
      int stride = 1;
      if (t.quantization() != null && t.quantization().scaleLength() > 1) {
        for (int i = t.quantization().quantizedDimension() + 1; i < t.shapeLength(); i++) {
          stride *= t.shape(i);
        }
      }
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        if (t.type() == TensorType.FLOAT32) {
          v[i] = d.getFloat();
          continue;
        }
        long q = t.type() == TensorType.INT32 ? d.getInt() : d.get();
        assertThat(t.type()).isAnyOf(TensorType.INT8, TensorType.INT32);
        int c =
            t.quantization().scaleLength() == 1 ? 0 : i / stride % t.quantization().scaleLength();
        v[i] = t.quantization().scale(c) * (q - t.quantization().zeroPoint(c));
      }
      return v;
    }

    Operator op(int i) {
      return g.operators(i);
    }
  }

  /** TensorFlow's SAME convolution (groups = 1 or depthwise), stride s, then ReLU. */
  private static double[][][] conv(
      double[][][] x, double[] w, double[] b, int kh, int kw, int s, int cout, boolean depthwise) {
    int h = x.length;
    int wd = x[0].length;
    int cin = x[0][0].length;
    int oh = (h + s - 1) / s;
    int ow = (wd + s - 1) / s;
    int padTop = Math.max((oh - 1) * s + kh - h, 0) / 2;
    int padLeft = Math.max((ow - 1) * s + kw - wd, 0) / 2;
    double[][][] y = new double[oh][ow][cout];
    for (int i = 0; i < oh; i++) {
      for (int j = 0; j < ow; j++) {
        for (int o = 0; o < cout; o++) {
          double sum = b[o];
          for (int p = 0; p < kh; p++) {
            for (int q = 0; q < kw; q++) {
              int r = i * s + p - padTop;
              int c = j * s + q - padLeft;
              if (r < 0 || r >= h || c < 0 || c >= wd) {
                continue;
              }
              if (depthwise) {
                // TFLite's depthwise filter [1, kh, kw, channels].
                sum += x[r][c][o] * w[(p * kw + q) * cout + o];
              } else {
                // TFLite's filter [out, kh, kw, in].
                for (int k = 0; k < cin; k++) {
                  sum += x[r][c][k] * w[((o * kh + p) * kw + q) * cin + k];
                }
              }
            }
          }
          y[i][j][o] = Math.max(0, sum);
        }
      }
    }
    return y;
  }

  private static double[] reference(Graph f, float[] input) {
    double[][][] x = new double[H][W][1];
    for (int i = 0; i < H; i++) {
      for (int j = 0; j < W; j++) {
        x[i][j][0] = input[i * W + j];
      }
    }
    // Operator 0: the 10x4 stride-2 convolution; 1 to 8: depthwise and pointwise pairs.
    x = conv(x, f.values(f.op(0).inputs(1)), f.values(f.op(0).inputs(2)), 10, 4, 2, 64, false);
    for (int blk = 0; blk < 4; blk++) {
      Operator dw = f.op(1 + 2 * blk);
      Operator pw = f.op(2 + 2 * blk);
      x = conv(x, f.values(dw.inputs(1)), f.values(dw.inputs(2)), 3, 3, 1, 64, true);
      x = conv(x, f.values(pw.inputs(1)), f.values(pw.inputs(2)), 1, 1, 1, 64, false);
    }
    double[] pooled = new double[64];
    for (double[][] row : x) {
      for (double[] px : row) {
        for (int c = 0; c < 64; c++) {
          pooled[c] += px[c] / (x.length * x[0].length);
        }
      }
    }
    double[] fw = f.values(f.op(11).inputs(1));
    double[] fb = f.values(f.op(11).inputs(2));
    double[] logits = new double[12];
    double max = Double.NEGATIVE_INFINITY;
    for (int u = 0; u < 12; u++) {
      logits[u] = fb[u];
      for (int i = 0; i < 64; i++) {
        logits[u] += fw[u * 64 + i] * pooled[i];
      }
      max = Math.max(max, logits[u]);
    }
    double sum = 0;
    for (int u = 0; u < 12; u++) {
      logits[u] = Math.exp(logits[u] - max);
      sum += logits[u];
    }
    for (int u = 0; u < 12; u++) {
      logits[u] /= sum;
    }
    return logits;
  }

  private static float[] input(long seed) {
    // MFCC-like features: the training data's range is about -30 to 30.
    Random r = new Random(seed);
    float[] v = new float[H * W];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() * 10);
    }
    return v;
  }

  private static float[] predict(Model m, float[] in) {
    return m.predict(ExampleData.of(in, 1, H, W, 1)).get(0).values();
  }

  @Test
  void float32Kws_predictsTheFloat64EvaluationOfItsGraph() throws IOException {
    predictsTheFloat64Evaluation("kws_ref_model_float32.tflite");
  }

  /** The int8 model's weights and biases, dequantized per channel by the test's own loop. */
  @Test
  void int8Kws_predictsTheFloat64EvaluationOfItsDequantizedGraph() throws IOException {
    predictsTheFloat64Evaluation("kws_ref_model.tflite");
  }

  private static void predictsTheFloat64Evaluation(String file) throws IOException {
    Graph f = new Graph(file);
    // The layout the loops above assume: the operators in the DS-CNN's order.
    assertThat(f.g.operatorsLength()).isEqualTo(13);
    Model m = MlperfTinyOracleTest.load(file);
    for (long seed = 1; seed <= 3; seed++) {
      float[] in = input(seed);
      double[] expected = reference(f, in);
      float[] got = predict(m, in);
      assertThat(got).hasLength(12);
      for (int u = 0; u < 12; u++) {
        // float32 arithmetic over ~600 products per value against float64.
        assertThat((double) got[u]).isWithin(1e-4).of(expected[u]);
      }
    }
  }

  /**
   * The int8 model is the float model's conversion with 8-bit weights rounded per channel and 8-bit
   * activations, which predict does not simulate (it runs on the dequantized weights in float). Its
   * weights alone move the class probabilities, on these inputs, by up to about 0.19 (measured),
   * never its top class: the test asserts the same top class and a difference below 0.25.
   */
  @Test
  void int8Kws_predictsCloseToTheFloat32Model() {
    Model f32 = MlperfTinyOracleTest.load("kws_ref_model_float32.tflite");
    Model i8 = MlperfTinyOracleTest.load("kws_ref_model.tflite");
    double worst = 0;
    for (long seed = 1; seed <= 5; seed++) {
      float[] in = input(seed);
      float[] a = predict(f32, in);
      float[] b = predict(i8, in);
      int argA = 0;
      int argB = 0;
      for (int u = 0; u < 12; u++) {
        argA = a[u] > a[argA] ? u : argA;
        argB = b[u] > b[argB] ? u : argB;
        worst = Math.max(worst, Math.abs(a[u] - b[u]));
      }
      assertThat(argB).isEqualTo(argA);
    }
    assertThat(worst).isLessThan(0.25);
  }
}
