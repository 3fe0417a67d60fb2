package org.neurojoule.tflite;

import java.util.Arrays;
import org.neurojoule.Tensor;
import org.neurojoule.layer.GlobalPooling;
import org.neurojoule.layer.PoolKind;
import org.neurojoule.layer.Pooling;
import org.neurojoule.layer.UpSampling;
import org.neurojoule.tflite.Value.Act;
import org.neurojoule.tflite.Value.Const;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.Pool2DOptions;
import org.tensorflow.lite.schema.ReducerOptions;
import org.tensorflow.lite.schema.ResizeBilinearOptions;
import org.tensorflow.lite.schema.ResizeNearestNeighborOptions;

/** Pooling, MEAN over the spatial axes, and resizing by whole factors. */
final class Pools {
  private static final System.Logger LOG = System.getLogger(Pools.class.getName());

  private Pools() {}

  static Value average(OpCall c) {
    return pool(c, PoolKind.AVERAGE);
  }

  static Value max(OpCall c) {
    return pool(c, PoolKind.MAX);
  }

  private static Value pool(OpCall c, PoolKind kind) {
    Act x = c.act(0);
    Convolutions.spatial(c, x);
    Pool2DOptions o = c.options(new Pool2DOptions(), BuiltinOptions.Pool2DOptions);
    if (o == null) {
      throw c.error("has no Pool2DOptions (the filter size)");
    }
    Pooling spec =
        Pooling.of(kind, 2, o.filterHeight(), o.filterWidth())
            .strides(o.strideH(), o.strideW())
            .padding(Convolutions.padding(c, o.padding()))
            .name(c.name);
    Tensor t = c.apply(spec, x.tensor());
    return new Act(c.fused(t, o.fusedActivationFunction()), c.outDtype());
  }

  /**
   * MEAN over the spatial axes (1 and 2 of an NHWC tensor, or 1 of a sequence): a global average
   * pooling, its keep_dims kept. Other axes are not supported.
   */
  static Value mean(OpCall c) {
    Act x = c.act(0);
    Const axes = c.constant(1);
    int rank = x.dims().length + 1;
    long[] a = axes.integers();
    long[] norm = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      norm[i] = a[i] < 0 ? a[i] + rank : a[i];
    }
    Arrays.sort(norm);
    ReducerOptions o = c.options(new ReducerOptions(), BuiltinOptions.ReducerOptions);
    boolean keep = o != null && o.keepDims();
    long[] spatial = rank == 4 ? new long[] {1, 2} : rank == 3 ? new long[] {1} : null;
    if (spatial == null || !Arrays.equals(norm, spatial)) {
      throw c.error(
          "MEAN over axes "
              + Arrays.toString(a)
              + " of an input of shape "
              + Arrays.toString(x.dims())
              + " (without the batch) is not supported; only over the spatial axes"
              + " (a global average pooling)");
    }
    GlobalPooling spec = GlobalPooling.of(PoolKind.AVERAGE, rank - 2).keepdims(keep).name(c.name);
    return new Act(c.apply(spec, x.tensor()), c.outDtype());
  }

  static Value resizeNearest(OpCall c) {
    ResizeNearestNeighborOptions o =
        c.options(new ResizeNearestNeighborOptions(), BuiltinOptions.ResizeNearestNeighborOptions);
    if (o != null && o.alignCorners()) {
      throw c.error("align_corners is not supported");
    }
    return resize(c);
  }

  /**
   * RESIZE_BILINEAR by whole factors: counted as an UpSampling2D, whose forward pass repeats each
   * value where TFLite interpolates (a warning says so).
   */
  static Value resizeBilinear(OpCall c) {
    ResizeBilinearOptions o =
        c.options(new ResizeBilinearOptions(), BuiltinOptions.ResizeBilinearOptions);
    if (o != null && o.alignCorners()) {
      throw c.error("align_corners is not supported");
    }
    LOG.log(
        System.Logger.Level.WARNING,
        c.label
            + ": "
            + c.place()
            + ": imported as an UpSampling2D that repeats values; predictions through it differ"
            + " from TFLite's bilinear interpolation (the counts do not)");
    return resize(c);
  }

  private static Value resize(OpCall c) {
    Act x = c.act(0);
    int[] in = Convolutions.spatial(c, x);
    long[] size = c.constant(1).integers();
    if (size.length != 2
        || size[0] < in[0]
        || size[1] < in[1]
        || size[0] % in[0] != 0
        || size[1] % in[1] != 0) {
      throw c.error(
          "size "
              + Arrays.toString(size)
              + " is not a whole multiple of the input's "
              + in[0]
              + "x"
              + in[1]
              + "; only upsampling by whole factors is supported");
    }
    UpSampling spec =
        UpSampling.upSampling2d((int) (size[0] / in[0]), (int) (size[1] / in[1])).name(c.name);
    return new Act(c.apply(spec, x.tensor()), c.outDtype());
  }
}
