package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import org.neurojoule.layer.Bidirectional;
import org.neurojoule.layer.Bidirectional.MergeMode;

/**
 * Bidirectional: the forward and the backward layer on the same input; the backward sequence is
 * reversed in time to align with the forward one (as Keras does), then they merge.
 */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class BidirectionalKernel implements Kernel<Bidirectional> {
  @Override
  public Class<Bidirectional> spec() {
    return Bidirectional.class;
  }

  @Override
  public Op op(Bidirectional b, KernelInput layer) {
    float[][] w = layer.weights();
    int forwardArrays = b.layer().weightArrays();
    return new BidirectionalOp(
        b.mergeMode(),
        new RecurrentKernel.Cell(b.layer(), w, 0),
        new RecurrentKernel.Cell(b.backwardLayer(), w, forwardArrays));
  }

  static final class BidirectionalOp extends RecurrentKernel.SequenceOp {
    private final MergeMode mode;
    private final RecurrentKernel.Cell forward;
    private final RecurrentKernel.Cell backward;

    BidirectionalOp(MergeMode mode, RecurrentKernel.Cell forward, RecurrentKernel.Cell backward) {
      this.mode = mode;
      this.forward = forward;
      this.backward = backward;
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      int inSize = time * in;
      int u = forward.units;
      int steps = forward.spec.returnSequences() ? time : 1;
      Parallel.forRange(
          n,
          1,
          (from, to) -> {
            float[] f = new float[steps * u];
            float[] r = new float[steps * u];
            for (int b = from; b < to; b++) {
              forward.run(inputs[0], b * inSize, time, in, f, 0);
              backward.run(inputs[0], b * inSize, time, in, r, 0);
              int at = b * outSize;
              for (int s = 0; s < steps; s++) {
                int rs = steps - 1 - s;
                for (int j = 0; j < u; j++) {
                  float x = f[s * u + j];
                  float y = r[rs * u + j];
                  switch (mode) {
                    case CONCAT -> {
                      output[at + s * 2 * u + j] = x;
                      output[at + s * 2 * u + u + j] = y;
                    }
                    case SUM -> output[at + s * u + j] = x + y;
                    case MUL -> output[at + s * u + j] = x * y;
                    case AVE -> output[at + s * u + j] = (x + y) / 2;
                    default -> throw new IllegalStateException(mode.toString());
                  }
                }
              }
            }
          });
    }
  }
}
