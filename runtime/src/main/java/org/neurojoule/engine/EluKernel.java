package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.ELU;

/** The ELU layer: {@code x} above zero, {@code alpha * expm1(x)} below, in float32. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class EluKernel implements Kernel<ELU> {
  @Override
  public Class<ELU> spec() {
    return ELU.class;
  }

  @Override
  public Op op(ELU e, KernelInput layer) {
    return new EluOp((float) e.alpha());
  }

  /** Not a fusable stage: the stages' kinds are fixed, and an ELU layer is rare enough. */
  static final class EluOp extends Op {
    private final float alpha;
    private long size;

    EluOp(float alpha) {
      this.alpha = alpha;
    }

    @Override
    void prepare(Ctx ctx, int[][] in, int[] out, int maxN) {
      size = Buffers.prod(out, 0, out.length);
    }

    @Override
    void run(Ctx ctx, int n, float[][] in, float[] out, Epilogue epi) {
      float[] x = in[0];
      Parallel.forRange(
          Math.toIntExact(n * size),
          4096,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              float v = x[i];
              out[i] = v > 0 ? v : alpha * (float) Math.expm1(v);
            }
          });
    }
  }
}
