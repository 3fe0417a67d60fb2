package org.neurojoule.onnx;

import java.util.List;
import org.neurojoule.Tensor;
import org.neurojoule.layer.GlobalPooling;
import org.neurojoule.layer.PoolKind;
import org.neurojoule.layer.Pooling;
import org.neurojoule.layer.ZeroPadding;

/**
 * Pooling, padding and resizing. Explicit pads and ceil_mode become a padding layer before a VALID
 * pool: zeros for AveragePool with count_include_pad; for MaxPool the edge row repeated, which is
 * exact for any input while every window overlaps the input (each pad below the kernel), as ONNX's
 * -infinity pads never win, and keeps the layer's input finite for its firing rate.
 */
final class Pools {
  private final NodeAt at;
  private final Act x;
  private final int rank;

  Pools(NodeAt at, Act x) {
    this.at = at;
    this.x = x;
    this.rank = x.onnx().length - 1;
  }

  private void spatial() {
    if (rank < 1 || rank > 3) {
      throw at.error(
          "needs an input of (channels, 1 to 3 spatial axes), but its input gives "
              + Const.text(x.onnx()));
    }
  }

  /** MaxPool or AveragePool. */
  Act pool(PoolKind kind) {
    spatial();
    boolean max = kind == PoolKind.MAX;
    int[] k = at.perAxis("kernel_shape", rank, 1, -1);
    if (k[0] < 0) {
      throw at.error("has no kernel_shape");
    }
    int[] s = at.perAxis("strides", rank, 1, 1);
    int[] d = at.perAxis("dilations", rank, 1, 1);
    if (java.util.Arrays.stream(d).anyMatch(v -> v != 1)) {
      return dilatedPool(max, k, s, d);
    }
    long[] pads = at.integers("pads");
    long[] p = pads == null ? new long[2 * rank] : pads.clone();
    if (p.length != 2 * rank) {
      throw at.error(
          "pads " + java.util.Arrays.toString(pads) + " must hold " + 2 * rank + " values");
    }
    boolean padded = java.util.Arrays.stream(p).anyMatch(v -> v != 0);
    // ceil_mode's extra end rows below keep the last window's start inside: checked as given.
    for (int i = 0; max && i < rank; i++) {
      if (p[i] >= k[i] || p[i + rank] >= k[i]) {
        throw at.error(
            "MaxPool pads "
                + java.util.Arrays.toString(pads)
                + " must each be below"
                + " the kernel "
                + java.util.Arrays.toString(k)
                + " (a window of pads only has no"
                + " input value)");
      }
    }
    if (at.integer("ceil_mode", 0) != 0) {
      for (int i = 0; i < rank; i++) {
        long n = x.onnx()[i + 1] + p[i] + p[i + rank];
        long out = -Math.floorDiv(-(n - k[i]), s[i]) + 1;
        if ((out - 1) * s[i] >= x.onnx()[i + 1] + p[i]) {
          out--; // the last window must start inside the input or its begin padding
        }
        long extra = (out - 1) * s[i] + k[i] - n;
        if (extra > 0) {
          p[i + rank] += extra;
          padded = true;
          if (!max) {
            throw at.error(
                "AveragePool with ceil_mode, whose last window reaches past the pads,"
                    + " is not supported (it averages over fewer values)");
          }
        }
      }
    }
    if (!max && padded && at.integer("count_include_pad", 0) == 0) {
      throw at.error(
          "AveragePool with pads and count_include_pad 0 is not supported (NeuroJoule"
              + " averages over the whole window)");
    }
    org.neurojoule.layer.Padding mode = at.padding();
    Tensor in =
        Convs.padded(
            x.tensor(), at, rank, p, max ? ZeroPadding.Mode.EDGE : ZeroPadding.Mode.CONSTANT, 0);
    Pooling spec =
        Pooling.of(max ? PoolKind.MAX : PoolKind.AVERAGE, rank, k)
            .strides(s)
            .padding(mode)
            .name(at.name);
    return Act.channelsLastOf(at.guard(() -> in.apply(spec)));
  }

  /**
   * A pool with dilations, after ONNX's output-size rule: {@code floor} (or with ceil_mode {@code
   * ceil}) {@code ((n + pads - ((k - 1) * d + 1)) / s) + 1}, a last window that would start past
   * the input and its begin pad dropped. The window skips the taps in the padding when its pads are
   * auto_pad SAME_UPPER's split (MaxPool's -infinity pads, AveragePool without count_include_pad,
   * both exact); AveragePool with count_include_pad pads zeros before a VALID pool. Edge rows would
   * not be exact for a dilated MaxPool (a window need not read the edge it copies), so other pads
   * are refused.
   */
  private Act dilatedPool(boolean max, int[] k, int[] s, int[] d) {
    org.neurojoule.layer.Padding mode = at.padding();
    long[] pads = at.integers("pads");
    long[] p = pads == null || mode == org.neurojoule.layer.Padding.SAME ? null : pads.clone();
    if (p != null && (p.length != 2 * rank || java.util.Arrays.stream(p).anyMatch(v -> v < 0))) {
      throw at.error(
          "pads " + java.util.Arrays.toString(pads) + " must hold " + 2 * rank + " sizes >= 0");
    }
    boolean ceil = at.integer("ceil_mode", 0) != 0;
    boolean padded = false;
    boolean sameSplit = true;
    long[] full = new long[2 * rank];
    for (int i = 0; p != null && i < rank; i++) {
      long n = x.onnx()[i + 1];
      long span = (long) (k[i] - 1) * d[i] + 1;
      long total = n + p[i] + p[i + rank];
      if (n < 1 || total < span) {
        throw at.error(
            "its dilated window of "
                + span
                + " on spatial axis "
                + i
                + " does not fit the input "
                + Const.text(x.onnx())
                + " with pads "
                + java.util.Arrays.toString(pads));
      }
      long out =
          ceil ? Math.floorDiv(total - span + s[i] - 1, s[i]) + 1 : (total - span) / s[i] + 1;
      if (ceil && (out - 1) * s[i] >= n + p[i]) {
        out--; // the last window must start inside the input or its begin padding
      }
      full[i] = p[i];
      full[i + rank] = Math.max(p[i + rank], (out - 1) * s[i] + span - n - p[i]);
      padded |= full[i] != 0 || full[i + rank] != 0;
      long sameOut = (n + s[i] - 1) / s[i];
      long sameTotal = Math.max((sameOut - 1) * s[i] + span - n, 0);
      sameSplit &= out == sameOut && p[i] == sameTotal / 2;
      if (!max && ceil && full[i + rank] != p[i + rank]) {
        throw at.error(
            "AveragePool with ceil_mode, whose last window reaches past the pads,"
                + " is not supported (it averages over fewer values)");
      }
    }
    boolean countPad = !max && at.integer("count_include_pad", 0) != 0;
    Tensor in = x.tensor();
    if (padded && countPad) {
      in = Convs.padded(in, at, rank, full);
    } else if (padded && sameSplit) {
      mode = org.neurojoule.layer.Padding.SAME;
    } else if (padded) {
      throw at.error(
          (max ? "MaxPool" : "AveragePool")
              + " with dilations "
              + java.util.Arrays.toString(d)
              + " and pads "
              + java.util.Arrays.toString(pads)
              + (ceil ? " (ceil_mode)" : "")
              + " is not supported: only pads that split as auto_pad SAME_UPPER's"
              + (max ? "" : ", or count_include_pad 1,")
              + " map to NeuroJoule's pooling");
    }
    Tensor input = in;
    Pooling spec =
        Pooling.of(max ? PoolKind.MAX : PoolKind.AVERAGE, rank, k)
            .strides(s)
            .dilationRate(d)
            .padding(mode)
            .name(at.name);
    return Act.channelsLastOf(at.guard(() -> input.apply(spec)));
  }

  /** GlobalMaxPool or GlobalAveragePool, keeping the spatial axes as 1s. */
  Act global(PoolKind kind) {
    spatial();
    return Act.channelsLastOf(
        at.guard(
            () -> x.tensor().apply(GlobalPooling.of(kind, rank).keepdims(true).name(at.name))));
  }

  /** ReduceMean over every spatial axis: a global average pooling. */
  Act reduceMean(Const axesInput) {
    spatial();
    long[] axes = axesInput != null ? axesInput.longs() : at.integers("axes");
    boolean spatialAxes = axes != null && axes.length == rank;
    for (int i = 0; spatialAxes && i < axes.length; i++) {
      long a = axes[i] < 0 ? axes[i] + rank + 2 : axes[i];
      spatialAxes = a == i + 2;
    }
    if (!spatialAxes) {
      throw at.error(
          "ReduceMean over axes "
              + java.util.Arrays.toString(axes)
              + " of "
              + Const.text(x.onnx())
              + " is not supported yet (only over every spatial axis)");
    }
    boolean keep = at.integer("keepdims", 1) != 0;
    Tensor t =
        at.guard(
            () ->
                x.tensor()
                    .apply(GlobalPooling.of(PoolKind.AVERAGE, rank).keepdims(keep).name(at.name)));
    return keep ? Act.channelsLastOf(t) : Act.of(t, new int[] {x.onnx()[0]});
  }

  Act pad(Const padsInput, List<Object> ins) {
    spatial();
    String modeName = at.text("mode", "constant");
    ZeroPadding.Mode mode =
        switch (modeName) {
          case "constant" -> ZeroPadding.Mode.CONSTANT;
          case "reflect" -> ZeroPadding.Mode.REFLECT;
          case "edge" -> ZeroPadding.Mode.EDGE;
          default ->
              throw at.error(
                  "Pad mode '"
                      + modeName
                      + "' is not supported (constant, reflect"
                      + " and edge are)");
        };
    long[] pads = padsInput != null ? padsInput.longs() : at.integers("pads");
    int full = rank + 2;
    if (pads == null || pads.length != 2 * full) {
      throw at.error("pads must hold " + 2 * full + " values");
    }
    if (pads[0] != 0 || pads[1] != 0 || pads[full] != 0 || pads[full + 1] != 0) {
      throw at.error(
          "pads "
              + java.util.Arrays.toString(pads)
              + " pad the batch or the"
              + " channels; only spatial padding is supported");
    }
    double value = padValue(ins, mode);
    long[] spatialPads = new long[2 * rank];
    for (int i = 0; i < rank; i++) {
      spatialPads[i] = pads[i + 2];
      spatialPads[i + rank] = pads[full + i + 2];
    }
    if (java.util.Arrays.stream(spatialPads).anyMatch(v -> v < 0)) {
      throw at.error("negative pads " + java.util.Arrays.toString(pads) + " are not supported");
    }
    Tensor t = Convs.padded(x.tensor(), at, rank, spatialPads, mode, value);
    return t == x.tensor() ? x : Act.channelsLastOf(t);
  }

  /** The constant: opset 11's optional scalar input 2, else the {@code value} attribute. */
  private double padValue(List<Object> ins, ZeroPadding.Mode mode) {
    double value = at.real("value", 0);
    if (ins.size() > 2 && ins.get(2) != null) {
      if (!(ins.get(2) instanceof Const c) || c.declaredOnly() || c.count() != 1) {
        throw at.error("constant_value '" + at.inputs().get(2) + "' must be a constant scalar");
      }
      value = c.values()[0];
    }
    if (mode != ZeroPadding.Mode.CONSTANT && value != 0) {
      throw at.error(
          "Pad mode "
              + mode.name().toLowerCase(java.util.Locale.ROOT)
              + " takes no"
              + " value, but has "
              + value);
    }
    return value;
  }

  /** Nearest-neighbour Resize/Upsample by whole factors: an UpSampling layer. */
  Act resize(List<Object> ins) {
    spatial();
    String mode = at.text("mode", "nearest");
    if (!mode.equals("nearest")) {
      throw at.error("mode '" + mode + "' is not supported (only nearest)");
    }
    int scalesAt = at.op().equals("Upsample") ? 1 : 2;
    double[] scales = null;
    if (ins.size() > scalesAt && ins.get(scalesAt) instanceof Const c && c.count() > 0) {
      scales = c.values();
    } else if (ins.size() > 3 && ins.get(3) instanceof Const c && c.count() > 0) {
      scales = new double[c.values().length];
      long[] full = Folding.withBatch(x.onnx());
      for (int i = 0; i < scales.length && i < full.length; i++) {
        scales[i] = c.values()[i] / full[i];
      }
    } else if (at.has("scales")) {
      throw at.error("Upsample with a scales attribute (opset 7) is not supported");
    }
    if (scales == null || scales.length != rank + 2 || scales[0] != 1 || scales[1] != 1) {
      throw at.error(
          "needs constant scales (or sizes) of 1 for batch and channels, has "
              + java.util.Arrays.toString(scales));
    }
    int[] size = new int[rank];
    for (int i = 0; i < rank; i++) {
      double f = scales[i + 2];
      if (f != Math.rint(f) || f < 1) {
        throw at.error(
            "scale " + f + " is not a whole factor; only whole factors map to" + " UpSampling");
      }
      size[i] = (int) f;
    }
    Tensor t =
        at.guard(
            () ->
                switch (rank) {
                  case 1 -> x.tensor().upSampling1d(size, u -> u.name(at.name));
                  case 2 -> x.tensor().upSampling2d(size, u -> u.name(at.name));
                  default -> x.tensor().upSampling3d(size, u -> u.name(at.name));
                });
    return Act.channelsLastOf(t);
  }
}
