package org.neurojoule.engine;

import static com.google.common.truth.Truth.assertWithMessage;
import static org.neurojoule.layer.Padding.SAME;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neurojoule.ExampleData;
import org.neurojoule.Layer;
import org.neurojoule.Model;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.ActivationLayer;
import org.neurojoule.layer.Add;
import org.neurojoule.layer.BatchNormalization;
import org.neurojoule.layer.Concatenate;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.Dense;
import org.neurojoule.layer.DepthwiseConv2D;
import org.neurojoule.layer.Flatten;
import org.neurojoule.layer.InputLayer;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.Padding;
import org.neurojoule.layer.PoolKind;
import org.neurojoule.layer.Pooling;
import org.neurojoule.layer.ReLU;
import org.neurojoule.layer.WeightShapes;

/**
 * Rates of deeper networks (strided 'same' padding with even kernels, dilation, depthwise with a
 * multiplier, pooling, BN, branches, a reused layer) against a naive float64 forward pass written
 * here, to 2e-5 relative: the engine's float32 kernels with double |x| sums must stay that close.
 */
class ReferenceRatesTest {

  static Stream<Gemm> gemms() {
    // Pure Java, OpenBLAS and oneDNN, each with every convolution on its general path; then the
    // default, where convolutions with few filters take the narrow direct kernel.
    return Stream.of(
        Gemm.java().wide(), Gemm.best().plain().wide(), Gemm.best().wide(), Gemm.best());
  }

  /** Deterministic weights like golden/README.md: scale * sin(1.3 i + phase), BN near identity. */
  static void weights(Model model) {
    int phase = 0;
    for (Layer layer : model.layers()) {
      Tensor first = model.applications(layer).get(0);
      List<WeightShapes.Weight> shapes =
          WeightShapes.of(layer.spec(), first.inputs().stream().map(Tensor::shape).toList());
      if (shapes.isEmpty()) {
        continue;
      }
      phase++;
      float[][] w = new float[shapes.size()][];
      for (int j = 0; j < w.length; j++) {
        WeightShapes.Weight s = shapes.get(j);
        int[] dims = s.shape();
        double fanIn = dims.length >= 2 ? (double) s.size() / dims[dims.length - 1] : 1;
        w[j] = new float[s.size()];
        for (int i = 0; i < w[j].length; i++) {
          double base = Math.sin(1.3 * i + phase + j);
          w[j][i] =
              (float)
                  switch (s.name()) {
                    case "gamma" -> 1 + 0.2 * base;
                    case "moving_variance" -> 1 + 0.4 * Math.abs(base);
                    case "bias", "beta", "moving_mean" -> 0.05 * base;
                    default -> 1.5 * base / Math.sqrt(fanIn);
                  };
        }
      }
      layer.setWeights(w);
    }
  }

  static Model deepCnn() {
    Tensor x =
        Model.input(17, 13, 3)
            .conv2d(8, 4, c -> c.strides(2).padding(SAME).activation(Activation.RELU))
            .conv2d(6, 3, c -> c.dilationRate(2).padding(SAME))
            .batchNormalization()
            .relu()
            .depthwiseConv2d(3, c -> c.depthMultiplier(2).strides(2).padding(SAME))
            .maxPooling2d(2, p -> p.padding(SAME))
            .conv2d(5, 2, c -> c.padding(SAME).activation(Activation.TANH))
            .averagePooling2d(2, p -> p.strides(1))
            .flatten()
            .dense(9, d -> d.activation(Activation.SIGMOID))
            .dense(4, d -> d.activation(Activation.SOFTMAX));
    return Model.of(x);
  }

  static Model branches() {
    Tensor in = Model.input(9, 9, 2);
    Tensor x = in.conv2d(4, 3, c -> c.padding(SAME));
    Tensor a = x.depthwiseConv2d(3, c -> c.padding(SAME)).relu();
    Tensor b = x.conv2d(4, 1).batchNormalization().relu();
    Tensor sum = Tensor.add(a, b);
    Layer shared = Layer.of(Conv.of(2, 4, 2, 2).strides(2));
    Tensor s1 = shared.apply(sum);
    Tensor s2 = shared.apply(a);
    Tensor out = Tensor.concatenate(s1, s2).flatten().dense(3);
    return Model.of(out);
  }

  static Stream<Object[]> cases() {
    return gemms().flatMap(g -> Stream.of(new Object[] {g, "deep"}, new Object[] {g, "branches"}));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void ratesMatchFloat64Reference(Gemm gemm, String which) {
    Model model = which.equals("deep") ? deepCnn() : branches();
    weights(model);
    int[] shape = model.inputs().get(0).shape().toArray();
    int n = 5;
    int per = 1;
    for (int d : shape) {
      per *= d;
    }
    float[] x = new float[n * per];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) ((i % 17) / 16.0 - 0.3);
    }
    int[] full = new int[shape.length + 1];
    full[0] = n;
    System.arraycopy(shape, 0, full, 1, shape.length);
    Map<Layer, Double> rates =
        FiringRates.of(model, ExampleData.of(x, full), 2, Optional.empty(), gemm);
    Map<Layer, Double> expected = reference(model, x, n);
    for (Layer layer : model.layers()) {
      double e = expected.get(layer);
      assertWithMessage(model.nameOf(layer)).that(rates.get(layer)).isWithin(2e-5 * e).of(e);
    }
  }

  // ---------------------------------------------------------------- naive float64 forward pass

  static Map<Layer, Double> reference(Model model, float[] x, int n) {
    Map<Tensor, double[][]> values = new IdentityHashMap<>();
    int per = x.length / n;
    for (Tensor t : model.executionOrder()) {
      double[][] out = new double[n][];
      for (int b = 0; b < n; b++) {
        if (t.layer().spec() instanceof InputLayer) {
          out[b] = new double[per];
          for (int i = 0; i < per; i++) {
            out[b][i] = x[b * per + i];
          }
        } else {
          int bb = b;
          List<double[]> ins = t.inputs().stream().map(in -> values.get(in)[bb]).toList();
          out[b] = layer(t, ins);
        }
      }
      values.put(t, out);
    }
    Map<Layer, Double> rates = new IdentityHashMap<>();
    for (Layer layer : model.layers()) {
      // KerasSpiking: sum over a layer's applications of np.mean(np.abs(inputs)).
      double rate = 0;
      for (Tensor app : model.applications(layer)) {
        double sum = 0;
        long count = 0;
        List<Tensor> from = layer.spec() instanceof InputLayer ? List.of(app) : app.inputs();
        for (Tensor in : from) {
          for (double[] v : values.get(in)) {
            for (double d : v) {
              sum += Math.abs(d);
            }
            count += v.length;
          }
        }
        rate += sum / count;
      }
      rates.put(layer, rate);
    }
    return rates;
  }

  static double[] layer(Tensor t, List<double[]> ins) {
    LayerSpec spec = t.layer().spec();
    int[] in = t.inputs().get(0).shape().toArray();
    int[] out = t.shape().toArray();
    List<float[]> w = t.layer().weights();
    double[] x = ins.get(0);
    if (spec instanceof Conv c) {
      double[] y =
          conv(
              x,
              in,
              out,
              c.kernelSize(),
              c.strides(),
              c.dilationRate(),
              c.padding(),
              w.get(0),
              false,
              1);
      return act(bias(y, c.useBias() ? w.get(1) : null), c.activation(), out[out.length - 1]);
    } else if (spec instanceof DepthwiseConv2D d) {
      double[] y =
          conv(
              x,
              in,
              out,
              d.kernelSize(),
              d.strides(),
              d.dilationRate(),
              d.padding(),
              w.get(0),
              true,
              d.depthMultiplier());
      return act(bias(y, d.useBias() ? w.get(1) : null), d.activation(), out[2]);
    } else if (spec instanceof Dense d) {
      int k = in[in.length - 1];
      int u = d.units();
      int rows = x.length / k;
      double[] y = new double[rows * u];
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < u; j++) {
          double s = d.useBias() ? w.get(1)[j] : 0;
          for (int i = 0; i < k; i++) {
            s += x[r * k + i] * w.get(0)[i * u + j];
          }
          y[r * u + j] = s;
        }
      }
      return act(y, d.activation(), u);
    } else if (spec instanceof BatchNormalization) {
      int c = in[in.length - 1];
      double[] y = x.clone();
      for (int i = 0; i < y.length; i++) {
        int ch = i % c;
        y[i] = (x[i] - w.get(2)[ch]) / Math.sqrt(w.get(3)[ch] + 1e-3) * w.get(0)[ch] + w.get(1)[ch];
      }
      return y;
    } else if (spec instanceof ReLU) {
      return act(x, Activation.RELU, 1);
    } else if (spec instanceof ActivationLayer a) {
      return act(x, a.activation(), out[out.length - 1]);
    } else if (spec instanceof Flatten) {
      return x.clone();
    } else if (spec instanceof Add) {
      double[] y = x.clone();
      for (int i = 1; i < ins.size(); i++) {
        for (int j = 0; j < y.length; j++) {
          y[j] += ins.get(i)[j];
        }
      }
      return y;
    } else if (spec instanceof Concatenate) {
      int c0 = 0;
      int total = out[out.length - 1];
      int pixels = ins.get(0).length / t.inputs().get(0).shape().get(-1);
      double[] y = new double[pixels * total];
      for (int i = 0; i < ins.size(); i++) {
        int ci = t.inputs().get(i).shape().get(-1);
        for (int p = 0; p < pixels; p++) {
          for (int ch = 0; ch < ci; ch++) {
            y[p * total + c0 + ch] = ins.get(i)[p * ci + ch];
          }
        }
        c0 += ci;
      }
      return y;
    } else if (spec instanceof Pooling p) {
      return pool(x, in, out, p.poolSize(), p.strides(), p.padding(), p.kind() == PoolKind.MAX);
    }
    throw new IllegalArgumentException(spec.toString());
  }

  static int pad(int inLen, int outLen, int k, int s, int d, Padding padding) {
    if (padding != SAME) {
      return 0;
    }
    return Math.max((outLen - 1) * s + (k - 1) * d + 1 - inLen, 0) / 2;
  }

  static double[] conv(
      double[] x,
      int[] in,
      int[] out,
      List<Integer> k,
      List<Integer> s,
      List<Integer> d,
      Padding padding,
      float[] w,
      boolean depthwise,
      int dm) {
    int h = in[0];
    int wd = in[1];
    int cin = in[2];
    int oh = out[0];
    int ow = out[1];
    int co = out[2];
    int ph = pad(h, oh, k.get(0), s.get(0), d.get(0), padding);
    int pw = pad(wd, ow, k.get(1), s.get(1), d.get(1), padding);
    double[] y = new double[oh * ow * co];
    for (int oy = 0; oy < oh; oy++) {
      for (int ox = 0; ox < ow; ox++) {
        for (int f = 0; f < co; f++) {
          double acc = 0;
          for (int i = 0; i < k.get(0); i++) {
            for (int j = 0; j < k.get(1); j++) {
              int iy = oy * s.get(0) - ph + i * d.get(0);
              int ix = ox * s.get(1) - pw + j * d.get(1);
              if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                continue;
              }
              if (depthwise) {
                int c = f / dm;
                int m = f % dm;
                acc += x[(iy * wd + ix) * cin + c] * w[((i * k.get(1) + j) * cin + c) * dm + m];
              } else {
                for (int c = 0; c < cin; c++) {
                  acc += x[(iy * wd + ix) * cin + c] * w[((i * k.get(1) + j) * cin + c) * co + f];
                }
              }
            }
          }
          y[(oy * ow + ox) * co + f] = acc;
        }
      }
    }
    return y;
  }

  static double[] pool(
      double[] x,
      int[] in,
      int[] out,
      List<Integer> k,
      List<Integer> s,
      Padding padding,
      boolean max) {
    int h = in[0];
    int wd = in[1];
    int c = in[2];
    int ph = pad(h, out[0], k.get(0), s.get(0), 1, padding);
    int pw = pad(wd, out[1], k.get(1), s.get(1), 1, padding);
    double[] y = new double[out[0] * out[1] * c];
    for (int oy = 0; oy < out[0]; oy++) {
      for (int ox = 0; ox < out[1]; ox++) {
        for (int ch = 0; ch < c; ch++) {
          double acc = max ? Double.NEGATIVE_INFINITY : 0;
          int count = 0;
          for (int i = 0; i < k.get(0); i++) {
            for (int j = 0; j < k.get(1); j++) {
              int iy = oy * s.get(0) - ph + i;
              int ix = ox * s.get(1) - pw + j;
              if (iy < 0 || iy >= h || ix < 0 || ix >= wd) {
                continue;
              }
              double v = x[(iy * wd + ix) * c + ch];
              acc = max ? Math.max(acc, v) : acc + v;
              count++;
            }
          }
          y[(oy * out[1] + ox) * c + ch] = max ? acc : acc / count;
        }
      }
    }
    return y;
  }

  static double[] bias(double[] y, float[] b) {
    if (b != null) {
      for (int i = 0; i < y.length; i++) {
        y[i] += b[i % b.length];
      }
    }
    return y;
  }

  static double[] act(double[] x, Activation a, int c) {
    double[] y = x.clone();
    for (int i = 0; i < y.length; i++) {
      double v = y[i];
      y[i] =
          switch (a) {
            case RELU -> Math.max(0, v);
            case TANH -> Math.tanh(v);
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            default -> v;
          };
    }
    if (a == Activation.SOFTMAX) {
      for (int r = 0; r < y.length / c; r++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < c; i++) {
          max = Math.max(max, y[r * c + i]);
        }
        double sum = 0;
        for (int i = 0; i < c; i++) {
          y[r * c + i] = Math.exp(y[r * c + i] - max);
          sum += y[r * c + i];
        }
        for (int i = 0; i < c; i++) {
          y[r * c + i] /= sum;
        }
      }
    }
    return y;
  }
}
