package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.ConcatWeight;

/**
 * ConcatWeight: per example and index over the axes before {@code axis}, the stored tensor's block
 * then the input's.
 */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class ConcatWeightKernel implements Kernel<ConcatWeight> {
  @Override
  public Class<ConcatWeight> spec() {
    return ConcatWeight.class;
  }

  @Override
  public Op op(ConcatWeight c, KernelInput layer) {
    int[] in = layer.inputShape(0);
    int outer = Buffers.intSize(Buffers.prod(in, 0, c.axis()), "one example");
    int inner = Buffers.intSize(Buffers.prod(in, c.axis() + 1, in.length), "one example");
    int inBlock = Math.multiplyExact(in[c.axis()], inner);
    int wBlock = Math.multiplyExact(c.shape().get(c.axis()), inner);
    return new JoinOp(layer.weights()[0], outer, wBlock, inBlock);
  }

  static final class JoinOp extends Op {
    private final float[] w;
    private final int outer;
    private final int wBlock;
    private final int inBlock;

    JoinOp(float[] w, int outer, int wBlock, int inBlock) {
      this.w = w;
      this.outer = outer;
      this.wBlock = wBlock;
      this.inBlock = inBlock;
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      int o = 0;
      for (int b = 0; b < n; b++) {
        for (int r = 0; r < outer; r++) {
          System.arraycopy(w, r * wBlock, out, o, wBlock);
          o += wBlock;
          System.arraycopy(in[0], (b * outer + r) * inBlock, out, o, inBlock);
          o += inBlock;
        }
      }
    }
  }
}
