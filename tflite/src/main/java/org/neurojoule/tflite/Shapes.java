package org.neurojoule.tflite;

import java.util.Arrays;
import org.neurojoule.Tensor;
import org.neurojoule.layer.ChannelSlice;
import org.neurojoule.layer.Cropping;
import org.neurojoule.layer.Reshape;
import org.neurojoule.layer.ZeroPadding;
import org.neurojoule.tflite.Value.Act;
import org.neurojoule.tflite.Value.Const;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.StridedSliceOptions;

/** RESHAPE and SQUEEZE, PAD and PADV2, STRIDED_SLICE. */
final class Shapes {
  private Shapes() {}

  /**
   * RESHAPE or SQUEEZE to the output shape the file declares (the batch kept first), as a Reshape
   * layer that moves no values.
   */
  static Value reshape(OpCall c) {
    Act x = c.act(0);
    int[] target = c.outDims();
    Tensor t = c.apply(Reshape.of(target).name(c.name), x.tensor());
    return new Act(t, c.outDtype());
  }

  /**
   * PAD and PADV2 of the spatial axes (paddings {@code [rank, 2]}, none on the batch or the
   * channels), with PADV2's constant value.
   */
  static Value pad(OpCall c) {
    Act x = c.act(0);
    long[] p = c.constant(1).integers();
    int[] dims = x.dims();
    int rank = dims.length + 1;
    if (p.length != 2 * rank
        || p[0] != 0
        || p[1] != 0
        || p[2 * rank - 2] != 0
        || p[2 * rank - 1] != 0
        || rank < 3
        || rank > 5) {
      throw c.error(
          "paddings "
              + Arrays.toString(p)
              + " of an input of shape "
              + Arrays.toString(dims)
              + " (without the batch) are not supported; only the spatial axes of a 1D to 3D"
              + " input pad");
    }
    int[] pairs = new int[2 * (rank - 2)];
    for (int i = 0; i < pairs.length; i++) {
      long v = p[i + 2];
      if (v < 0 || v > Integer.MAX_VALUE / 2) {
        throw c.error("padding " + v + " in " + Arrays.toString(p) + " is no size");
      }
      pairs[i] = (int) v;
    }
    double value = 0;
    if (c.has(2)) {
      Const k = c.constant(2);
      if (k.values().length != 1) {
        throw c.error("the constant value has " + k.values().length + " values, not one");
      }
      value = k.values()[0];
    }
    ZeroPadding z =
        switch (rank) {
          case 3 -> ZeroPadding.zeroPadding1d(pairs);
          case 4 -> ZeroPadding.zeroPadding2d(pairs);
          default -> ZeroPadding.zeroPadding3d(pairs);
        };
    double fill = value;
    return new Act(c.apply(z.value(fill).name(c.name), x.tensor()), c.outDtype());
  }

  /**
   * STRIDED_SLICE with strides 1 and no ellipsis, new or shrunk axes: a Cropping of the spatial
   * axes and a ChannelSlice of the last one, whichever the slice changes.
   */
  static Value stridedSlice(OpCall c) {
    Act x = c.act(0);
    long[] begin = c.constant(1).integers();
    long[] end = c.constant(2).integers();
    long[] strides = c.has(3) ? c.constant(3).integers() : null;
    int[] dims = x.dims();
    int rank = dims.length + 1;
    StridedSliceOptions o =
        c.options(new StridedSliceOptions(), BuiltinOptions.StridedSliceOptions);
    int beginMask = o == null ? 0 : o.beginMask();
    int endMask = o == null ? 0 : o.endMask();
    if (o != null && (o.ellipsisMask() != 0 || o.newAxisMask() != 0 || o.shrinkAxisMask() != 0)) {
      throw c.error("ellipsis, new-axis and shrink-axis masks are not supported");
    }
    if (begin.length != rank || end.length != rank || strides != null && strides.length != rank) {
      throw c.error(
          "begin "
              + Arrays.toString(begin)
              + ", end "
              + Arrays.toString(end)
              + " and strides must each hold "
              + rank
              + " values");
    }
    int[] from = new int[rank - 1];
    int[] to = new int[rank - 1];
    for (int a = 0; a < rank; a++) {
      if (strides != null && strides[a] != 1) {
        throw c.error("strides " + Arrays.toString(strides) + " are not supported; only 1");
      }
      int size = a == 0 ? 1 : dims[a - 1];
      long b = (beginMask >> a & 1) != 0 ? 0 : clamp(begin[a], size);
      long e = (endMask >> a & 1) != 0 ? size : clamp(end[a], size);
      if (a == 0) {
        if (b != 0 || e != 1) {
          throw c.error("slicing the batch is not supported");
        }
        continue;
      }
      if (e <= b) {
        throw c.error("the slice of axis " + a + " is empty (" + b + " to " + e + ")");
      }
      from[a - 1] = (int) b;
      to[a - 1] = (int) e;
    }
    Tensor t = x.tensor();
    int last = rank - 2;
    int spatial = last;
    boolean crops = false;
    int[] crop = new int[2 * spatial];
    for (int a = 0; a < spatial; a++) {
      crop[2 * a] = from[a];
      crop[2 * a + 1] = dims[a] - to[a];
      crops |= crop[2 * a] != 0 || crop[2 * a + 1] != 0;
    }
    boolean slicesChannels = from[last] != 0 || to[last] != dims[last];
    if (crops) {
      Cropping spec =
          switch (spatial) {
            case 1 -> Cropping.cropping1d(crop);
            case 2 -> Cropping.cropping2d(crop);
            case 3 -> Cropping.cropping3d(crop);
            default ->
                throw c.error(
                    "slicing an input of shape " + Arrays.toString(dims) + " is not supported");
          };
      t = c.apply(spec.name(slicesChannels ? c.derived("_crop") : c.name), t);
    }
    if (slicesChannels || !crops) {
      t = c.apply(ChannelSlice.of(from[last], to[last]).name(c.name), t);
    }
    return new Act(t, c.outDtype());
  }

  /** A begin or end index as TFLite clamps it: negative counts from the end. */
  private static long clamp(long i, int size) {
    long v = i < 0 ? i + size : i;
    return Math.max(0, Math.min(size, v));
  }
}
