package org.neurojoule.nir;

import org.neurojoule.Padding;
import org.neurojoule.Tensor;
import org.neurojoule.layer.NeuronKind;
import org.neurojoule.layer.SpikingNeuron;
import org.neurojoule.shape.ChannelAxis;

/**
 * One NIR primitive as NeuroJoule layers, with its stored weights converted to Keras' layout and
 * NeuroJoule's unit order.
 */
final class LayerMapping {
  private final NodeContext at;
  private final NirImporter.Out in;
  private final String from;

  LayerMapping(NodeContext at, NirImporter.Out in, String from) {
    this.at = at;
    this.in = in;
    this.from = from;
  }

  /** The node's output; {@code recurrent} is its folded recurrent Affine/Linear node, or null. */
  NirImporter.Out apply(NodeContext recurrent) {
    return switch (at.type()) {
      case "Affine", "Linear" -> dense(at.type().equals("Affine"));
      case "Scale" -> scale();
      case "Conv1d" -> conv(1);
      case "Conv2d" -> conv(2);
      case "SumPool2d", "AvgPool2d" -> pool();
      case "Flatten" -> flatten();
      case "Delay" -> same(at.guard(() -> in.tensor().apply(org.neurojoule.layer.Delay
          .of(perUnit("delay", at.numbers("delay"))).name(at.name()))));
      case "Threshold" -> same(at.guard(() -> in.tensor().threshold(
          perUnit("threshold", at.numbers("threshold")), t -> t.name(at.name()))));
      default -> neuron(recurrent);
    };
  }

  private NirImporter.Out same(Tensor t) {
    return new NirImporter.Out(t, in.nirShape(), in.order());
  }

  private String inputText() {
    return "its input '" + from + "' gives " + Layout.text(in.nirShape());
  }

  private NirImporter.Out dense(boolean affine) {
    NirArray w = at.numbers("weight");
    int[] ws = w.shape();
    if (ws.length != 2) {
      throw at.error("weight must be (out, in), is " + w);
    }
    int units = ws[0];
    int features = ws[1];
    if (in.nirShape().length != 1) {
      throw at.error("needs a flat input of " + features + " features, but " + inputText()
          + "; NIR applies it to the last axis, which NeuroJoule supports after a Flatten only");
    }
    if (in.nirShape()[0] != features) {
      throw at.error("weight " + w + " takes " + features + " inputs, but " + inputText());
    }
    float[] bias = affine ? vector("bias", units) : null;
    double[] wv = w.values();
    float[] kernel = new float[Math.multiplyExact(features, units)];
    for (int i = 0; i < features; i++) {
      int src = Layout.at(in.order(), i);
      for (int o = 0; o < units; o++) {
        kernel[i * units + o] = (float) wv[o * features + src];
      }
    }
    Tensor t = at.guard(() -> in.tensor().dense(units, d -> d.useBias(affine).name(at.name())));
    at.guard(() -> {
      if (affine) {
        t.layer().setWeights(kernel, bias);
      } else {
        t.layer().setWeights(kernel);
      }
      return null;
    });
    return new NirImporter.Out(t, new int[] {units}, null);
  }

  /** A 1-D parameter of {@code n} values, such as a bias. */
  private float[] vector(String key, int n) {
    NirArray a = at.numbers(key);
    if (a.size() != n) {
      throw at.error(key + " " + a + " must hold " + n + " values, one per output");
    }
    float[] out = new float[n];
    double[] v = a.values();
    for (int i = 0; i < n; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }

  private NirImporter.Out scale() {
    NirArray s = at.numbers("scale");
    int units = in.units();
    if (s.size() != units) {
      throw at.error("scale " + s + " must hold one factor per unit, but " + inputText());
    }
    double[] v = s.values();
    float[] factors = new float[units];
    for (int i = 0; i < units; i++) {
      factors[i] = (float) v[Layout.at(in.order(), i)];
    }
    Tensor t = at.guard(() -> in.tensor().scale(x -> x.name(at.name())));
    at.guard(() -> {
      t.layer().setWeights(factors);
      return null;
    });
    return same(t);
  }

  private NirImporter.Out conv(int rank) {
    NirArray w = at.numbers("weight");
    int[] ws = w.shape();
    int[] nir = in.nirShape();
    if (ws.length != rank + 2) {
      throw at.error("weight must be (out, in, " + (rank == 1 ? "k" : "kh, kw") + "), is " + w);
    }
    if (nir.length != rank + 1) {
      throw at.error("needs an input of (channels, " + (rank == 1 ? "length" : "height, width")
          + "), but " + inputText());
    }
    int groups = at.optional("groups").isPresent() ? at.whole("groups", 1)[0] : 1;
    if (groups < 1) {
      throw at.error("groups must be >= 1, is " + groups);
    }
    int filters = ws[0];
    // PyTorch's grouped weight is (out, in / groups, k...): each filter reads its group only.
    int cin = ws[1];
    if ((long) cin * groups != nir[0]) {
      throw at.error("weight " + w + " takes " + cin + " input channels"
          + (groups == 1 ? "" : " per group, " + (long) cin * groups + " in " + groups
              + " groups") + ", but " + inputText());
    }
    if (at.optional("input_shape").isPresent()) {
      int[] declared = at.dims("input_shape");
      int[] actual = java.util.Arrays.copyOfRange(nir, 1, nir.length);
      if (!java.util.Arrays.equals(declared, actual)) {
        throw at.error("input_shape " + Layout.text(declared) + " does not match its input '"
            + from + "', which gives " + Layout.text(nir));
      }
    }
    int[] kernelSize = java.util.Arrays.copyOfRange(ws, 2, ws.length);
    int[] strides = at.perAxis("stride", rank, 1, 1);
    int[] dilation = at.perAxis("dilation", rank, 1, 1);
    Padding mode = NirImporter.paddingMode(at);
    Tensor x = padded(rank, mode);
    float[] bias = at.optional("bias").isPresent() ? vector("bias", filters) : null;
    float[] kernel = convKernel(w.values(), filters, cin, kernelSize);
    Tensor t = at.guard(() -> (rank == 1 ? x.conv1d(filters, kernelSize[0], c -> convOptions(c,
        kernelSize, strides, dilation, groups, mode, bias != null)) : x.conv2d(filters,
        kernelSize[0], c -> convOptions(c, kernelSize, strides, dilation, groups, mode,
        bias != null))));
    at.guard(() -> {
      if (bias != null) {
        t.layer().setWeights(kernel, bias);
      } else {
        t.layer().setWeights(kernel);
      }
      return null;
    });
    int[] outNir = ChannelAxis.channelsFirst(t.shape().toArray());
    return new NirImporter.Out(t, outNir, Layout.order(outNir));
  }

  private org.neurojoule.layer.Conv convOptions(org.neurojoule.layer.Conv c, int[] kernelSize,
      int[] strides, int[] dilation, int groups, Padding mode, boolean useBias) {
    return c.kernelSize(kernelSize).strides(strides).dilationRate(dilation).padding(mode)
        .groups(groups).useBias(useBias).name(at.name());
  }

  /** PyTorch's (out, in, k...) as Keras' (k..., in, out); {@code cin} per group when grouped. */
  private static float[] convKernel(double[] w, int filters, int cin, int[] k) {
    int area = 1;
    for (int d : k) {
      area = Math.multiplyExact(area, d);
    }
    float[] out = new float[Math.multiplyExact(Math.multiplyExact(area, cin), filters)];
    for (int o = 0; o < filters; o++) {
      for (int c = 0; c < cin; c++) {
        for (int p = 0; p < area; p++) {
          out[(p * cin + c) * filters + o] = (float) w[(o * cin + c) * area + p];
        }
      }
    }
    return out;
  }

  /** Explicit (integer) padding as a ZeroPadding layer before the convolution or pool. */
  private Tensor padded(int rank, Padding mode) {
    if (at.optional("padding").isEmpty() || at.param("padding").text() != null) {
      return in.tensor();
    }
    int[] pad = at.perAxis("padding", rank, 0, 0);
    if (java.util.Arrays.stream(pad).allMatch(p -> p == 0)) {
      return in.tensor();
    }
    return at.guard(() -> rank == 1
        ? in.tensor().zeroPadding1d(pad, z -> z.name(at.name() + "_pad"))
        : in.tensor().zeroPadding2d(pad, z -> z.name(at.name() + "_pad")));
  }

  private NirImporter.Out pool() {
    int[] nir = in.nirShape();
    if (nir.length != 3) {
      throw at.error("needs an input of (channels, height, width), but " + inputText());
    }
    at.param("kernel_size");
    int[] size = at.perAxis("kernel_size", 2, 1, 1);
    int[] strides = at.perAxis("stride", 2, 1, 1);
    Padding mode = NirImporter.paddingMode(at);
    Tensor x = padded(2, mode);
    org.neurojoule.layer.PoolKind kind = at.type().equals("SumPool2d")
        ? org.neurojoule.layer.PoolKind.SUM : org.neurojoule.layer.PoolKind.AVERAGE;
    Tensor t = at.guard(() -> x.apply(org.neurojoule.layer.Pooling.of(kind, 2, size)
        .strides(strides).padding(mode).name(at.name())));
    int[] outNir = ChannelAxis.channelsFirst(t.shape().toArray());
    return new NirImporter.Out(t, outNir, Layout.order(outNir));
  }

  private NirImporter.Out flatten() {
    int[] nir = in.nirShape();
    int start = at.optional("start_dim").isPresent() ? (int) at.numbers("start_dim").values()[0]
        : 1;
    int end = at.optional("end_dim").isPresent() ? (int) at.numbers("end_dim").values()[0] : -1;
    if (at.optional("input_type").isPresent()) {
      int[] declared = at.dims("input_type");
      if (Layout.count(declared) != Layout.count(nir)) {
        throw at.error("input_type " + Layout.text(declared) + " does not match its input '"
            + from + "', which gives " + Layout.text(nir));
      }
      int last = end < 0 ? declared.length + end : end;
      if (start != 0 || last != declared.length - 1) {
        throw at.error("flattens dims " + start + " to " + end + " of " + Layout.text(declared)
            + "; only a flatten of every dimension is supported yet");
      }
    } else if ((start != 0 && start != 1) || end != -1) {
      throw at.error("flattens dims " + start + " to " + end + "; only a flatten of every"
          + " dimension is supported yet");
    }
    Tensor t = at.guard(() -> in.tensor().flatten(f -> f.name(at.name())));
    // NeuroJoule flattens its channels-last layout, so each unit keeps its NIR index.
    return new NirImporter.Out(t, new int[] {in.units()}, in.order());
  }

  private NirImporter.Out neuron(NodeContext recurrent) {
    NeuronKind kind = NirImporter.kindOf(at.type());
    SpikingNeuron spec = SpikingNeuron.of(kind);
    for (String c : kind.constants()) {
      String key = NirImporter.nirName(c);
      boolean optional = c.equals("vReset") || c.equals("wIn");
      if (optional && at.optional(key).isEmpty()) {
        continue;
      }
      double[] values = perUnit(key, at.numbers(key));
      spec = at.guard(withConstant(spec, c, values));
    }
    float[][] weights = null;
    if (recurrent != null) {
      weights = new RecurrentWeights(recurrent, in, at.name()).values();
      spec = spec.recurrentBias(weights.length == 2).recurrent(true);
    }
    SpikingNeuron finalSpec = spec.name(at.name());
    Tensor t = at.guard(() -> in.tensor().apply(finalSpec));
    if (weights != null) {
      float[][] w = weights;
      at.guard(() -> {
        t.layer().setWeights(w);
        return null;
      });
    }
    return same(t);
  }

  private static java.util.function.Supplier<SpikingNeuron> withConstant(SpikingNeuron spec,
      String c, double[] values) {
    return () -> spec.with(c, values);
  }

  /**
   * A per-unit constant in NeuroJoule's unit order: one value if all units share it (or NIR gives
   * one), else one per unit; a count that is neither is an error.
   */
  private double[] perUnit(String key, NirArray a) {
    double[] v = a.values();
    int units = in.units();
    if (v.length == 0 || (v.length != 1 && v.length != units)) {
      throw at.error(key + " " + a + " must hold one value or one per unit, but " + inputText());
    }
    boolean uniform = true;
    for (double x : v) {
      uniform &= Double.compare(x, v[0]) == 0;
    }
    if (uniform) {
      return new double[] {v[0]};
    }
    double[] out = new double[units];
    for (int i = 0; i < units; i++) {
      out[i] = v[Layout.at(in.order(), i)];
    }
    return out;
  }
}
