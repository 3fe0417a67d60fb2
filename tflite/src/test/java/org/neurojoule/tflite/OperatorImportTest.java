package org.neurojoule.tflite;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurojoule.Dtype;
import org.neurojoule.ExampleData;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.Precision;
import org.neurojoule.TfliteImportException;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.AddOptionsT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.ConcatenationOptionsT;
import org.tensorflow.lite.schema.Conv2DOptionsT;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.LeakyReluOptionsT;
import org.tensorflow.lite.schema.Padding;
import org.tensorflow.lite.schema.Pool2DOptionsT;
import org.tensorflow.lite.schema.ReducerOptionsT;
import org.tensorflow.lite.schema.TensorType;
import org.tensorflow.lite.schema.TransposeConvOptionsT;

/** Each operator of the table on a small file written by the test, its layers and its values. */
class OperatorImportTest {
  private static final byte F32 = TensorType.FLOAT32;

  @TempDir Path dir;

  private Model load(TinyTflite t, int... outputs) throws IOException {
    return TfliteModels.load(t.write(dir, "m.tflite", outputs));
  }

  private static float[] predict(Model m, float[] in, int... shape) {
    return m.predict(ExampleData.of(in, shape)).get(0).values();
  }

  private static List<String> types(Model m) {
    return m.layers().stream().map(Layer::type).collect(Collectors.toList());
  }

  @Test
  void transposeConv_stride2_placesEachInputOnce() throws IOException {
    TinyTflite t = new TinyTflite();
    int x = t.input(F32, 1, 2, 2, 1);
    int shape = t.ints(new int[] {1, 4, 4, 1}, 4);
    int w = t.floats(new float[] {1, 1, 1, 1}, 1, 2, 2, 1);
    int y = t.activation(F32, 1, 4, 4, 1);
    TransposeConvOptionsT o = new TransposeConvOptionsT();
    o.setPadding(Padding.VALID);
    o.setStrideH(2);
    o.setStrideW(2);
    t.op(
        BuiltinOperator.TRANSPOSE_CONV,
        o,
        BuiltinOptions.TransposeConvOptions,
        new int[] {shape, w, x},
        y);
    Model m = load(t, y);
    assertThat(types(m)).containsExactly("InputLayer", "Conv2DTranspose").inOrder();
    float[] out = predict(m, new float[] {1, 2, 3, 4}, 1, 2, 2, 1);
    // Output (r, c) takes input (r / 2, c / 2): each input repeated over a 2x2 block.
    assertThat(out[0]).isEqualTo(1f);
    assertThat(out[3]).isEqualTo(2f);
    assertThat(out[15]).isEqualTo(4f);
  }

  @Test
  void maxPool_withFusedRelu6_andMean() throws IOException {
    TinyTflite t = new TinyTflite();
    int x = t.input(F32, 1, 4, 4, 2);
    int p = t.activation(F32, 1, 2, 2, 2);
    Pool2DOptionsT o = new Pool2DOptionsT();
    o.setPadding(Padding.VALID);
    o.setStrideH(2);
    o.setStrideW(2);
    o.setFilterHeight(2);
    o.setFilterWidth(2);
    o.setFusedActivationFunction(ActivationFunctionType.RELU6);
    t.op(BuiltinOperator.MAX_POOL_2D, o, BuiltinOptions.Pool2DOptions, new int[] {x}, p);
    int axes = t.ints(new int[] {1, 2}, 2);
    int y = t.activation(F32, 1, 2);
    t.op(
        BuiltinOperator.MEAN,
        new ReducerOptionsT(),
        BuiltinOptions.ReducerOptions,
        new int[] {p, axes},
        y);
    Model m = load(t, y);
    assertThat(types(m))
        .containsExactly("InputLayer", "MaxPooling2D", "ReLU", "GlobalAveragePooling2D")
        .inOrder();
    float[] in = new float[32];
    for (int i = 0; i < 32; i++) {
      in[i] = i % 2 == 0 ? i : 1;
    }
    // Channel 0: the maxima 10, 14, 26, 30, clipped at 6; channel 1: ones.
    assertThat(predict(m, in, 1, 4, 4, 2)).isEqualTo(new float[] {6, 1});
  }

  @Test
  void arithmetic_withConstantsAndActivations_andConcatenation() throws IOException {
    TinyTflite t = new TinyTflite();
    int x = t.input(F32, 1, 3);
    int k = t.floats(new float[] {1, 2, 3}, 3);
    int mul = t.activation(F32, 1, 3);
    t.op(BuiltinOperator.MUL, null, (byte) 0, new int[] {x, k}, mul);
    int one = t.floats(new float[] {1}, 1);
    int sub = t.activation(F32, 1, 3);
    t.op(BuiltinOperator.SUB, null, (byte) 0, new int[] {mul, one}, sub);
    int add = t.activation(F32, 1, 3);
    AddOptionsT relu = new AddOptionsT();
    relu.setFusedActivationFunction(ActivationFunctionType.RELU);
    t.op(BuiltinOperator.ADD, relu, BuiltinOptions.AddOptions, new int[] {sub, x}, add);
    int cat = t.activation(F32, 1, 6);
    ConcatenationOptionsT c = new ConcatenationOptionsT();
    c.setAxis(1);
    t.op(
        BuiltinOperator.CONCATENATION,
        c,
        BuiltinOptions.ConcatenationOptions,
        new int[] {add, x},
        cat);
    Model m = load(t, cat);
    assertThat(types(m))
        .containsExactly("InputLayer", "MulWeight", "AddWeight", "Add", "ReLU", "Concatenate")
        .inOrder();
    // relu(x * k - 1 + x), then x: x = (-1, 1, 2).
    assertThat(predict(m, new float[] {-1, 1, 2}, 1, 3)).isEqualTo(new float[] {0, 2, 7, -1, 1, 2});
  }

  @Test
  void squeeze_pad_andStridedSlice() throws IOException {
    TinyTflite t = new TinyTflite();
    int x = t.input(F32, 1, 2, 2, 2);
    int pads = t.ints(new int[] {0, 0, 1, 1, 1, 1, 0, 0}, 4, 2);
    int padded = t.activation(F32, 1, 4, 4, 2);
    t.op(BuiltinOperator.PAD, null, (byte) 0, new int[] {x, pads}, padded);
    int begin = t.ints(new int[] {0, 1, 1, 1}, 4);
    int end = t.ints(new int[] {1, 3, 2, 2}, 4);
    int sliced = t.activation(F32, 1, 2, 1, 1);
    t.op(BuiltinOperator.STRIDED_SLICE, null, (byte) 0, new int[] {padded, begin, end}, sliced);
    int squeezed = t.activation(F32, 1, 2);
    t.op(BuiltinOperator.SQUEEZE, null, (byte) 0, new int[] {sliced}, squeezed);
    Model m = load(t, squeezed);
    assertThat(types(m))
        .containsExactly("InputLayer", "ZeroPadding2D", "Cropping2D", "ChannelSlice", "Reshape")
        .inOrder();
    // Rows 1-2, column 1 of the padded input, channel 1: x[0][0][1] and x[1][0][1].
    assertThat(predict(m, new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 2, 2))
        .isEqualTo(new float[] {2, 6});
  }

  @Test
  void activations_mapOntoTheirLayers() throws IOException {
    TinyTflite t = new TinyTflite();
    int v = t.input(F32, 1, 4);
    int[] codes = {
      BuiltinOperator.RELU,
      BuiltinOperator.LOGISTIC,
      BuiltinOperator.TANH,
      BuiltinOperator.HARD_SWISH,
      BuiltinOperator.RELU6,
      BuiltinOperator.SOFTMAX
    };
    for (int code : codes) {
      int next = t.activation(F32, 1, 4);
      t.op(code, null, (byte) 0, new int[] {v}, next);
      v = next;
    }
    int leaky = t.activation(F32, 1, 4);
    LeakyReluOptionsT o = new LeakyReluOptionsT();
    o.setAlpha(0.2f);
    t.op(BuiltinOperator.LEAKY_RELU, o, BuiltinOptions.LeakyReluOptions, new int[] {v}, leaky);
    Model m = load(t, leaky);
    assertThat(types(m))
        .containsExactly(
            "InputLayer",
            "ReLU",
            "Activation",
            "Activation",
            "Activation",
            "ReLU",
            "Softmax",
            "LeakyReLU")
        .inOrder();
    float[] out = predict(m, new float[] {-1, 0, 1, 2}, 1, 4);
    double sum = 0;
    for (float f : out) {
      sum += f;
    }
    assertThat(sum).isWithin(1e-6).of(1.0);
  }

  @Test
  void prelu_resize_andQuantizePassThrough() throws IOException {
    TinyTflite t = new TinyTflite();
    int x = t.input(F32, 1, 2, 2, 2);
    int q = t.activation(TensorType.INT8, 1, 2, 2, 2);
    t.quantize(q, TinyTflite.quant(new float[] {0.1f}, new long[] {0}, 0));
    t.op(BuiltinOperator.QUANTIZE, null, (byte) 0, new int[] {x}, q);
    int dq = t.activation(F32, 1, 2, 2, 2);
    t.op(BuiltinOperator.DEQUANTIZE, null, (byte) 0, new int[] {q}, dq);
    int alpha = t.floats(new float[] {0.5f, 0.25f}, 1, 1, 2);
    int pr = t.activation(F32, 1, 2, 2, 2);
    t.op(BuiltinOperator.PRELU, null, (byte) 0, new int[] {dq, alpha}, pr);
    int size = t.ints(new int[] {4, 4}, 2);
    int up = t.activation(F32, 1, 4, 4, 2);
    t.op(BuiltinOperator.RESIZE_NEAREST_NEIGHBOR, null, (byte) 0, new int[] {pr, size}, up);
    Model m = load(t, up);
    assertThat(types(m)).containsExactly("InputLayer", "PReLU", "UpSampling2D").inOrder();
    float[] out = predict(m, new float[] {-4, -4, 1, 1, 1, 1, 1, 1}, 1, 2, 2, 2);
    assertThat(out[0]).isEqualTo(-2f);
    assertThat(out[1]).isEqualTo(-1f);
    assertThat(out[2]).isEqualTo(-2f); // the nearest neighbour of output (0, 1) is input (0, 0)
  }

  @Test
  void float16Weights_throughDequantize_recordFloat16() throws IOException {
    TinyTflite t = new TinyTflite();
    int x = t.input(F32, 1, 3);
    ByteBuffer half = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    // 1, 2, -0.5, 0.25, 0, 3 as IEEE half precision.
    for (short s : new short[] {0x3c00, 0x4000, (short) 0xb800, 0x3400, 0x0000, 0x4200}) {
      half.putShort(s);
    }
    int w16 = t.raw(TensorType.FLOAT16, half.array(), null, 2, 3);
    int w = t.activation(F32, 2, 3);
    t.op(BuiltinOperator.DEQUANTIZE, null, (byte) 0, new int[] {w16}, w);
    int b = t.floats(new float[] {0, 1}, 2);
    int y = t.activation(F32, 1, 2);
    t.op(
        BuiltinOperator.FULLY_CONNECTED,
        new FullyConnectedOptionsT(),
        BuiltinOptions.FullyConnectedOptions,
        new int[] {x, w, b},
        y);
    Model m = load(t, y);
    Layer fc = m.layer("fully_connected_1");
    assertThat(fc.precision().orElseThrow())
        .isEqualTo(Precision.of(Dtype.FLOAT32, Dtype.FLOAT16, Dtype.FLOAT32));
    // (1, 2, -0.5) . (1, 1, 1) = 2.5; (0.25, 0, 3) . (1, 1, 1) + 1 = 4.25.
    assertThat(predict(m, new float[] {1, 1, 1}, 1, 3)).isEqualTo(new float[] {2.5f, 4.25f});
  }

  @Test
  void uint8AndPerChannelInt16Weights_dequantizeWithTheirScales() throws IOException {
    TinyTflite t = new TinyTflite();
    int x = t.input(TensorType.UINT8, 1, 1, 1, 1);
    t.quantize(x, TinyTflite.quant(new float[] {1f}, new long[] {128}, 0));
    ByteBuffer raw = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    raw.putShort((short) 100).putShort((short) -200);
    int w =
        t.raw(
            TensorType.INT16,
            raw.array(),
            TinyTflite.quant(new float[] {0.01f, 0.02f}, new long[] {0, 0}, 0),
            2,
            1,
            1,
            1);
    int y = t.activation(TensorType.UINT8, 1, 1, 1, 2);
    t.quantize(y, TinyTflite.quant(new float[] {0.5f}, new long[] {130}, 0));
    Conv2DOptionsT o = new Conv2DOptionsT();
    o.setStrideH(1);
    o.setStrideW(1);
    t.op(BuiltinOperator.CONV_2D, o, BuiltinOptions.Conv2DOptions, new int[] {x, w, -1}, y);
    Model m = load(t, y);
    Layer conv = m.layer("conv_2d_0");
    assertThat(conv.precision().orElseThrow()).isEqualTo(Precision.of(Dtype.UINT8, Dtype.INT16));
    assertThat(conv.weights().get(0)[0]).isWithin(1e-6f).of(1f);
    assertThat(conv.weights().get(0)[1]).isWithin(1e-6f).of(-4f);
    assertThat(m.layers().get(0).precision().orElseThrow().activations()).isEqualTo(Dtype.UINT8);
  }

  @Test
  void unknownOperator_isAnErrorNamingIt_orAZeroCostLayer() throws IOException {
    TinyTflite t = new TinyTflite();
    int x = t.input(F32, 1, 4);
    int y = t.activation(F32, 1, 4);
    t.op(BuiltinOperator.RELU, null, (byte) 0, new int[] {x}, y);
    int z = t.activation(F32, 1, 4);
    // CUMSUM's code is past 127: only builtin_code holds it.
    t.op(BuiltinOperator.CUMSUM, null, (byte) 0, new int[] {y}, z);
    Path f = t.write(dir, "cumsum.tflite", z);
    TfliteImportException e = assertThrows(TfliteImportException.class, () -> TfliteModels.load(f));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            f
                + ": subgraph 0, operator 1 (CUMSUM): operator CUMSUM has no NeuroJoule mapping;"
                + " import it as a zero-cost layer with allowUnknown"
                + " (the CLI's --allow-unknown)");
    Model m = TfliteModels.load(f, o -> o.allowUnknown(true));
    assertThat(types(m)).containsExactly("InputLayer", "ReLU", "CUMSUM").inOrder();
    assertThat(m.outputs().get(0).shape().toArray()).isEqualTo(new int[] {4});
  }

  @Test
  void anOperatorReadingItsOwnOutput_isAnErrorNamingIt() throws IOException {
    TinyTflite t = new TinyTflite();
    int x = t.input(F32, 1, 4);
    int y = t.activation(F32, 1, 4);
    t.op(BuiltinOperator.ADD, null, (byte) 0, new int[] {x, y}, y);
    Path f = t.write(dir, "cycle.tflite", y);
    TfliteImportException e = assertThrows(TfliteImportException.class, () -> TfliteModels.load(f));
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            f
                + ": subgraph 0, operator 0 (ADD), input 1 reads tensor 1 't1', which is no input,"
                + " no constant and no output of an earlier operator (a cycle, or a damaged file)");
  }

  @Test
  void supportedOperators_listTheTable() {
    assertThat(TfliteModels.supportedOperators())
        .containsAtLeast(
            "CONV_2D",
            "DEPTHWISE_CONV_2D",
            "FULLY_CONNECTED",
            "TRANSPOSE_CONV",
            "AVERAGE_POOL_2D",
            "MAX_POOL_2D",
            "MEAN",
            "ADD",
            "SUB",
            "MUL",
            "CONCATENATION",
            "RESHAPE",
            "SQUEEZE",
            "PAD",
            "STRIDED_SLICE",
            "SOFTMAX",
            "LOGISTIC",
            "TANH",
            "RELU",
            "RELU6",
            "LEAKY_RELU",
            "HARD_SWISH",
            "PRELU",
            "RESIZE_NEAREST_NEIGHBOR",
            "RESIZE_BILINEAR",
            "QUANTIZE",
            "DEQUANTIZE");
  }
}
