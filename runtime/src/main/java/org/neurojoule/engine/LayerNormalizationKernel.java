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

  /** Each entry's group (index over the other axes) and parameter index, precomputed. */
  static final class LayerNormOp extends Op {
    private final int[] group;
    private final int[] param;
    private final int groups;
    private final double epsilon;
    private final float[] gamma;
    private final float[] beta;

    LayerNormOp(int[] in, int[] axes, double epsilon, float[] gamma, float[] beta) {
      int size = Buffers.intSize(Ops.prod(in, 0, in.length), "LayerNormalization's index maps");
      boolean[] normalized = new boolean[in.length];
      for (int a : axes) {
        normalized[a] = true;
      }
      group = new int[size];
      param = new int[size];
      int[] pos = new int[in.length];
      int g = 0;
      for (int i = 0; i < size; i++) {
        int gi = 0;
        int pi = 0;
        for (int k = 0; k < in.length; k++) {
          if (normalized[k]) {
            pi = pi * in[k] + pos[k];
          } else {
            gi = gi * in[k] + pos[k];
          }
        }
        group[i] = gi;
        param[i] = pi;
        g = Math.max(g, gi + 1);
        for (int k = in.length - 1; k >= 0 && ++pos[k] == in[k]; k--) {
          pos[k] = 0;
        }
      }
      this.groups = g;
      this.epsilon = epsilon;
      this.gamma = gamma;
      this.beta = beta;
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      float[] x = inputs[0];
      int size = group.length;
      double per = (double) size / groups;
      double[] mean = new double[groups];
      double[] var = new double[groups];
      for (int b = 0; b < n; b++) {
        int off = b * size;
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(var, 0);
        for (int i = 0; i < size; i++) {
          mean[group[i]] += x[off + i];
        }
        for (int k = 0; k < groups; k++) {
          mean[k] /= per;
        }
        for (int i = 0; i < size; i++) {
          double d = x[off + i] - mean[group[i]];
          var[group[i]] += d * d;
        }
        for (int k = 0; k < groups; k++) {
          var[k] = 1 / Math.sqrt(var[k] / per + epsilon);
        }
        for (int i = 0; i < size; i++) {
          double y = (x[off + i] - mean[group[i]]) * var[group[i]];
          if (gamma != null) {
            y *= gamma[param[i]];
          }
          if (beta != null) {
            y += beta[param[i]];
          }
          output[off + i] = (float) y;
        }
      }
    }
  }
}
