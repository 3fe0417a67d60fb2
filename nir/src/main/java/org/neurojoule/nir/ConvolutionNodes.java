package org.neurojoule.nir;

import java.util.Arrays;
import org.neurojoule.Tensor;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.Padding;
import org.neurojoule.layer.PoolKind;
import org.neurojoule.layer.Pooling;
import org.neurojoule.shape.ChannelAxis;

/**
 * NIR's Conv1d and Conv2d (PyTorch's (out, in, k...) weight as Keras' (k..., in, out)) and its
 * SumPool2d and AvgPool2d; explicit padding becomes a ZeroPadding layer before them, and their
 * channels-first output is read channels last.
 */
final class ConvolutionNodes {
  static final NirNodeDescriptor SUM_POOL_2D = pool("SumPool2d", PoolKind.SUM);
  static final NirNodeDescriptor AVG_POOL_2D = pool("AvgPool2d", PoolKind.AVERAGE);

  private ConvolutionNodes() {}

  /** {@return NIR's {@code Conv1d} or {@code Conv2d}} */
  static NirNodeDescriptor conv(int rank) {
    return NirNodeDescriptor.of(
        "Conv" + rank + "d",
        n -> conv(n, rank),
        "weight",
        "bias",
        "groups",
        "input_shape",
        "stride",
        "dilation",
        "padding");
  }

  private static NirImporter.Out conv(NodeInput n, int rank) {
    NodeContext at = n.at();
    NirArray w = at.numbers("weight");
    int[] ws = w.shape();
    int[] nir = n.in().nirShape();
    if (ws.length != rank + 2) {
      throw at.error("weight must be (out, in, " + (rank == 1 ? "k" : "kh, kw") + "), is " + w);
    }
    if (nir.length != rank + 1) {
      throw at.error(
          "needs an input of (channels, "
              + (rank == 1 ? "length" : "height, width")
              + "), but "
              + n.inputText());
    }
    int groups = at.optional("groups").isPresent() ? at.whole("groups", 1)[0] : 1;
    if (groups < 1) {
      throw at.error("groups must be >= 1, is " + groups);
    }
    int filters = ws[0];
    // PyTorch's grouped weight is (out, in / groups, k...): each filter reads its group only.
    int cin = ws[1];
    if ((long) cin * groups != nir[0]) {
      throw at.error(
          "weight "
              + w
              + " takes "
              + cin
              + " input channels"
              + (groups == 1
                  ? ""
                  : " per group, " + (long) cin * groups + " in " + groups + " groups")
              + ", but "
              + n.inputText());
    }
    if (at.optional("input_shape").isPresent()) {
      int[] declared = at.dims("input_shape");
      int[] actual = Arrays.copyOfRange(nir, 1, nir.length);
      if (!Arrays.equals(declared, actual)) {
        throw at.error(
            "input_shape "
                + Layout.text(declared)
                + " does not match its input '"
                + n.from()
                + "', which gives "
                + Layout.text(nir));
      }
    }
    int[] kernelSize = Arrays.copyOfRange(ws, 2, ws.length);
    int[] strides = at.perAxis("stride", rank, 1, 1);
    int[] dilation = at.perAxis("dilation", rank, 1, 1);
    Padding mode = n.paddingMode();
    Tensor x = n.padded(rank);
    float[] bias = at.optional("bias").isPresent() ? n.vector("bias", filters) : null;
    float[] kernel = convKernel(w.values(), filters, cin, kernelSize);
    Tensor t =
        at.guard(
            () ->
                (rank == 1
                    ? x.conv1d(
                        filters,
                        kernelSize[0],
                        c ->
                            convOptions(
                                c, at, kernelSize, strides, dilation, groups, mode, bias != null))
                    : x.conv2d(
                        filters,
                        kernelSize[0],
                        c ->
                            convOptions(
                                c,
                                at,
                                kernelSize,
                                strides,
                                dilation,
                                groups,
                                mode,
                                bias != null))));
    at.guard(
        () -> {
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

  private static Conv convOptions(
      Conv c,
      NodeContext at,
      int[] kernelSize,
      int[] strides,
      int[] dilation,
      int groups,
      Padding mode,
      boolean useBias) {
    return c.kernelSize(kernelSize)
        .strides(strides)
        .dilationRate(dilation)
        .padding(mode)
        .groups(groups)
        .useBias(useBias)
        .name(at.name());
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

  private static NirNodeDescriptor pool(String type, PoolKind kind) {
    return NirNodeDescriptor.of(type, n -> pool(n, kind), "kernel_size", "stride", "padding");
  }

  private static NirImporter.Out pool(NodeInput n, PoolKind kind) {
    NodeContext at = n.at();
    if (n.in().nirShape().length != 3) {
      throw at.error("needs an input of (channels, height, width), but " + n.inputText());
    }
    at.param("kernel_size");
    int[] size = at.perAxis("kernel_size", 2, 1, 1);
    int[] strides = at.perAxis("stride", 2, 1, 1);
    Padding mode = n.paddingMode();
    Tensor x = n.padded(2);
    Tensor t =
        at.guard(
            () ->
                x.apply(Pooling.of(kind, 2, size).strides(strides).padding(mode).name(at.name())));
    int[] outNir = ChannelAxis.channelsFirst(t.shape().toArray());
    return new NirImporter.Out(t, outNir, Layout.order(outNir));
  }
}
