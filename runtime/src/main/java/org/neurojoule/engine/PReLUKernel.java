package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import java.util.List;
import org.neurojoule.layer.PReLU;
import org.neurojoule.shape.Shape;

/** PReLU: {@code x} or {@code alpha * x}, alpha broadcast from its shared-axes shape. */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class PReLUKernel implements Kernel<PReLU> {
  @Override
  public Class<PReLU> spec() {
    return PReLU.class;
  }

  @Override
  public Op op(PReLU p, KernelInput layer) {
    int[] in = layer.inputShape(0);
    int[] alphaShape = p.alphaShape(List.of(Shape.of(in)));
    return new PReLUOp(layer.weights()[0], alphaShape, in);
  }

  /** Alpha expanded to one value per element of an example, so the loop is a plain index. */
  static final class PReLUOp extends Op {
    private final float[] alpha;

    PReLUOp(float[] alpha, int[] alphaShape, int[] in) {
      this.alpha = Buffers.floats(Buffers.prod(in, 0, in.length), "PReLU's slopes for one example");
      int size = this.alpha.length;
      int[] pos = new int[in.length];
      for (int i = 0; i < size; i++) {
        int a = 0;
        for (int k = 0; k < in.length; k++) {
          a = a * alphaShape[k] + (alphaShape[k] == 1 ? 0 : pos[k]);
        }
        this.alpha[i] = alpha[a];
        for (int k = in.length - 1; k >= 0 && ++pos[k] == in[k]; k--) {
          pos[k] = 0;
        }
      }
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      float[] x = inputs[0];
      int size = alpha.length;
      for (int b = 0; b < n; b++) {
        int off = b * size;
        for (int i = 0; i < size; i++) {
          float v = x[off + i];
          output[off + i] = v >= 0 ? v : alpha[i] * v;
        }
      }
    }
  }
}
