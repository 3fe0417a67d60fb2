package org.neurojoule.tflite;

import static com.google.common.truth.Truth.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neurojoule.Dtype;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.ModelEnergy;
import org.neurojoule.Models;
import org.neurojoule.Precision;
import org.neurojoule.keras.KerasModels;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.DepthwiseConv2D;
import org.neurojoule.layer.SeparableConv2D;

/**
 * The MLPerf Tiny reference models import with the MACs of the Keras models they were converted
 * from, and with those models' parameters once batch normalization is folded into the convolutions
 * (the converter folds it), each layer recording its stored formats.
 */
class MlperfTinyOracleTest {
  static final Path DIR = Path.of("src/test/resources/tflite");
  private static final Path KERAS = Path.of("../cli/src/test/resources/mlperf-tiny");

  static Model load(String name) {
    return TfliteModels.load(DIR.resolve(name));
  }

  /** {@return the MACs of the convolution and dense layers} */
  static long macs(Model m) {
    ModelEnergy e = m.energy(o -> o.logWarnings(false));
    long macs = 0;
    for (String name : m.layerNames()) {
      Object spec = m.layer(name).spec();
      if (spec instanceof Conv
          || spec instanceof DepthwiseConv2D
          || spec instanceof Dense
          || spec instanceof SeparableConv2D) {
        macs += e.layerStats(name).connections();
      }
    }
    return macs;
  }

  /** {@return weights and biases: every weight array's values} */
  static long params(Model m) {
    return m.params().trainable() + m.params().nonTrainable();
  }

  /** {@return the bytes the weight arrays store: elements times their recorded format's width} */
  static long footprint(Model m) {
    long bytes = 0;
    for (Layer l : m.layers()) {
      if (!l.hasWeights()) {
        continue;
      }
      Precision p = l.precision().orElseThrow();
      List<float[]> w = l.weights();
      for (int i = 0; i < w.size(); i++) {
        bytes += (long) w.get(i).length * p.weight(i).bytes();
      }
    }
    return bytes;
  }

  @Test
  void kws_hasTheDsCnnCounts_andStoresInt8WeightsAndInt32Biases() {
    Model kws = load("kws_ref_model.tflite");
    // keyword_spotting/keras_model.py's ds_cnn: a 10x4 conv to 25x5x64, four (3x3 depthwise +
    // 64x64 pointwise) blocks, a 64x12 dense.
    assertThat(macs(kws))
        .isEqualTo(25 * 5 * 64 * 40 + 4 * (25 * 5 * 64 * 9 + 25 * 5 * 64 * 64) + 64 * 12);
    assertThat(macs(kws)).isEqualTo(2_656_768);
    assertThat(params(kws)).isEqualTo(22_604);
    assertThat(footprint(kws)).isEqualTo(24_368);
    for (Layer l : kws.layers()) {
      Precision p = l.precision().orElseThrow();
      assertThat(p.activations()).isEqualTo(Dtype.INT8);
      if (l.hasWeights()) {
        assertThat(p.weights()).containsExactly(Dtype.INT8, Dtype.INT32).inOrder();
      }
    }
  }

  @Test
  void kwsFloat32_isHybrid_int8PointwiseKernelsAndFloatActivations() {
    Model kws = load("kws_ref_model_float32.tflite");
    assertThat(macs(kws)).isEqualTo(2_656_768);
    assertThat(params(kws)).isEqualTo(22_604);
    assertThat(kws.layer("conv_2d_2").precision().orElseThrow())
        .isEqualTo(Precision.of(Dtype.FLOAT32, Dtype.INT8, Dtype.FLOAT32));
    assertThat(kws.layer("depthwise_conv_2d_1").precision().orElseThrow())
        .isEqualTo(Precision.of(Dtype.FLOAT32, Dtype.FLOAT32, Dtype.FLOAT32));
  }

  @Test
  void imageClassification_vww_andAnomalyDetection_countAsTheirKerasFiles() {
    String[][] pairs = {
      {"pretrainedResnet_quant.tflite", "pretrainedResnet.h5", "77706"},
      {"vww_96_int8.tflite", "vww_96.h5", "210850"},
      {"ad01_int8.tflite", "ad01.h5", "265864"},
    };
    for (String[] p : pairs) {
      Model tflite = load(p[0]);
      Model keras = KerasModels.load(KERAS.resolve(p[1]));
      assertThat(macs(tflite)).isEqualTo(macs(keras));
      assertThat(params(tflite)).isEqualTo(Long.parseLong(p[2]));
      assertThat(footprint(tflite)).isLessThan(params(tflite) * 4);
    }
  }

  @Test
  void modelsLoad_findsTheFormat() {
    assertThat(Models.formats()).contains("TFLite");
    assertThat(macs(Models.load(DIR.resolve("kws_ref_model.tflite")))).isEqualTo(2_656_768);
  }
}
