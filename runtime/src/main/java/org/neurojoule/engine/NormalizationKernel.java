package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import java.util.List;
import org.neurojoule.layer.Normalization;
import org.neurojoule.shape.Shape;

/**
 * Normalization: {@code (x - mean) / max(sqrt(variance), 1e-7)}, Keras' formula, with the mean and
 * the divisor's reciprocal (computed in double) expanded to one per element of an example.
 */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class NormalizationKernel implements Kernel<Normalization> {
  @Override
  public Class<Normalization> spec() {
    return Normalization.class;
  }

  @Override
  public Op op(Normalization spec, KernelInput layer) {
    int[] in = layer.inputShape(0);
    List<Shape> inputs = List.of(Shape.of(in));
    float[][] w = layer.weights();
    return new NormalizationOp(in, spec.keptAxes(inputs), w[0], w[1]);
  }

  /** One mean and scale per element of an example, so the loop is a plain index. */
  static final class NormalizationOp extends Op {
    private final float[] mean;
    private final float[] scale;

    NormalizationOp(int[] in, int[] kept, float[] keptMean, float[] variance) {
      int size =
          Buffers.intSize(Buffers.prod(in, 0, in.length), "Normalization's scales for one example");
      boolean[] isKept = new boolean[in.length];
      for (int a : kept) {
        isKept[a] = true;
      }
      mean = new float[size];
      scale = new float[size];
      int[] pos = new int[in.length];
      for (int i = 0; i < size; i++) {
        int p = 0;
        for (int k = 0; k < in.length; k++) {
          if (isKept[k]) {
            p = p * in[k] + pos[k];
          }
        }
        mean[i] = keptMean[p];
        scale[i] = (float) (1 / Math.max(Math.sqrt(variance[p]), Normalization.EPSILON));
        for (int k = in.length - 1; k >= 0 && ++pos[k] == in[k]; k--) {
          pos[k] = 0;
        }
      }
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      float[] x = inputs[0];
      int size = scale.length;
      for (int b = 0; b < n; b++) {
        int off = b * size;
        for (int i = 0; i < size; i++) {
          output[off + i] = (x[off + i] - mean[i]) * scale[i];
        }
      }
    }
  }
}
