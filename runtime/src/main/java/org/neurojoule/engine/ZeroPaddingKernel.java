package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.ZeroPadding;

/** ZeroPadding1D/2D/3D: an index map whose out-of-range entries are zero. */
@AutoService(Kernel.class)
public final class ZeroPaddingKernel implements Kernel<ZeroPadding> {
  @Override
  public Class<ZeroPadding> spec() {
    return ZeroPadding.class;
  }

  @Override
  public Op op(ZeroPadding z, KernelInput layer) {
    int[] scale = new int[z.rank()];
    int[] offset = new int[z.rank()];
    for (int i = 0; i < z.rank(); i++) {
      scale[i] = 1;
      offset[i] = -z.padding().get(2 * i);
    }
    return new AxisMapOp(scale, offset);
  }

  /**
   * Copies channel rows along spatial axes: output index {@code o} of axis {@code i} reads input
   * index {@code floor(o / scale[i]) + offset[i]}, or zero where that is outside the input. Padding,
   * cropping and nearest up-sampling are all such maps.
   */
  static final class AxisMapOp extends Op {
    private final int[] scale;
    private final int[] offset;
    private int[] in;
    private int[] out;

    AxisMapOp(int[] scale, int[] offset) {
      this.scale = scale.clone();
      this.offset = offset.clone();
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      this.in = in[0].clone();
      this.out = out.clone();
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      int rank = scale.length;
      int c = out[rank];
      int inSize = Math.toIntExact(Ops.prod(in, 0, in.length));
      int outSize = Math.toIntExact(Ops.prod(out, 0, out.length));
      int rows = outSize / c;
      int[] pos = new int[rank];
      for (int b = 0; b < n; b++) {
        java.util.Arrays.fill(pos, 0);
        for (int row = 0; row < rows; row++) {
          int src = 0;
          for (int i = 0; i < rank && src >= 0; i++) {
            int j = Math.floorDiv(pos[i], scale[i]) + offset[i];
            src = j < 0 || j >= in[i] ? -1 : src * in[i] + j;
          }
          int to = b * outSize + row * c;
          if (src < 0) {
            java.util.Arrays.fill(output, to, to + c, 0f);
          } else {
            System.arraycopy(inputs[0], b * inSize + src * c, output, to, c);
          }
          for (int i = rank - 1; i >= 0 && ++pos[i] == out[i]; i--) {
            pos[i] = 0;
          }
        }
      }
    }
  }
}
