package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.ChannelSlice;

/** ChannelSlice: each position's channels {@code [begin, end)} copied. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class ChannelSliceKernel implements Kernel<ChannelSlice> {
  @Override
  public Class<ChannelSlice> spec() {
    return ChannelSlice.class;
  }

  @Override
  public Op op(ChannelSlice s, KernelInput layer) {
    return new SliceOp(s.begin(), s.end() - s.begin());
  }

  static final class SliceOp extends Op {
    private final int begin;
    private final int width;
    private int channels;
    private long positions;

    SliceOp(int begin, int width) {
      this.begin = begin;
      this.width = width;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      int[] shape = in[0];
      channels = shape[shape.length - 1];
      positions = 1;
      for (int k = 0; k < shape.length - 1; k++) {
        positions *= shape[k];
      }
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      long rows = n * positions;
      for (long r = 0; r < rows; r++) {
        System.arraycopy(
            in[0], Math.toIntExact(r * channels + begin), out, Math.toIntExact(r * width), width);
      }
    }
  }
}
