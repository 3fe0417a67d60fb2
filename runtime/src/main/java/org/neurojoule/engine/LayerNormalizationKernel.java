package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import java.util.List;
import org.neurojoule.layer.LayerNormalization;
import org.neurojoule.layer.WeightShapes;
import org.neurojoule.shape.Shape;

/**
 * LayerNormalization: per example and group of entries sharing the axes not normalized, the mean
 * and variance over the normalized axes (in double), then {@code (x - mean) / sqrt(var + eps)},
 * scaled by gamma and shifted by beta.
 */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class LayerNormalizationKernel implements Kernel<LayerNormalization> {
  @Override
  public Class<LayerNormalization> spec() {
    return LayerNormalization.class;
  }

  @Override
  public Op op(LayerNormalization ln, KernelInput layer) {
    int[] in = layer.inputShape(0);
    float[][] w = WeightShapes.hasWeights(ln) ? layer.weights() : new float[0][];
    int i = 0;
    float[] gamma = ln.scale() ? w[i++] : null;
    float[] beta = ln.center() ? w[i] : null;
    return new LayerNormOp(in, ln.axes(List.of(Shape.of(in))), ln.epsilon(), gamma, beta);
  }

  /**
   * Walks an example's entries in order, keeping their multi-index; an entry's group is its index
   * over the axes not normalized, its parameter index that over the normalized ones (computed on
   * the way rather than stored, so the op needs no memory per entry).
   */
  static final class LayerNormOp extends Op {
    private final int[] in;
    private final boolean[] normalized;
    private final int size;
    private final int groups;
    private final double epsilon;
    private final float[] gamma;
    private final float[] beta;
    private double[] mean;
    private double[] inv;

    LayerNormOp(int[] in, int[] axes, double epsilon, float[] gamma, float[] beta) {
      this.in = in.clone();
      this.size = Buffers.intSize(Buffers.prod(in, 0, in.length), "one example");
      normalized = new boolean[in.length];
      long per = 1;
      for (int a : axes) {
        normalized[a] = true;
        per *= in[a];
      }
      this.groups = (int) (size / per);
      this.epsilon = epsilon;
      this.gamma = gamma;
      this.beta = beta;
    }

    @Override
    void prepare(Ctx ctx, int[][] inShape, int[] out, int maxN) {
      mean = Buffers.doubles(groups, "LayerNormalization's means for one example");
      inv = Buffers.doubles(groups, "LayerNormalization's deviations for one example");
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      float[] x = inputs[0];
      double per = (double) size / groups;
      int[] pos = new int[in.length];
      int[] gp = new int[2];
      for (int b = 0; b < n; b++) {
        int off = b * size;
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(inv, 0);
        java.util.Arrays.fill(pos, 0);
        for (int i = 0; i < size; i++) {
          mean[index(pos, gp)[0]] += x[off + i];
        }
        for (int k = 0; k < groups; k++) {
          mean[k] /= per;
        }
        for (int i = 0; i < size; i++) {
          int g = index(pos, gp)[0];
          double d = x[off + i] - mean[g];
          inv[g] += d * d;
        }
        for (int k = 0; k < groups; k++) {
          inv[k] = 1 / Math.sqrt(inv[k] / per + epsilon);
        }
        for (int i = 0; i < size; i++) {
          index(pos, gp);
          double y = (x[off + i] - mean[gp[0]]) * inv[gp[0]];
          if (gamma != null) {
            y *= gamma[gp[1]];
          }
          if (beta != null) {
            y += beta[gp[1]];
          }
          output[off + i] = (float) y;
        }
      }
    }

    /** The group and parameter index of {@code pos} into {@code gp}; then advances {@code pos}. */
    private int[] index(int[] pos, int[] gp) {
      int g = 0;
      int p = 0;
      for (int k = 0; k < in.length; k++) {
        if (normalized[k]) {
          p = p * in[k] + pos[k];
        } else {
          g = g * in[k] + pos[k];
        }
      }
      gp[0] = g;
      gp[1] = p;
      for (int k = in.length - 1; k >= 0 && ++pos[k] == in[k]; k--) {
        pos[k] = 0;
      }
      return gp;
    }
  }
}
