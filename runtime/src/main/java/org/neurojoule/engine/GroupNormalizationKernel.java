package org.neurojoule.engine;

import com.google.auto.service.AutoService;
import java.util.List;
import org.neurojoule.layer.GroupNormalization;
import org.neurojoule.layer.WeightShapes;
import org.neurojoule.shape.Shape;

/**
 * GroupNormalization: per example and group of channels, the mean and variance over the group's
 * channels and every other position (in double), then {@code (x - mean) / sqrt(var + eps)}, scaled
 * by gamma and shifted by beta of the entry's channel.
 */
@AutoService(Kernel.class)
@SuppressWarnings("rawtypes") // the service is the generic Kernel<S>, named raw
public final class GroupNormalizationKernel implements Kernel<GroupNormalization> {
  @Override
  public Class<GroupNormalization> spec() {
    return GroupNormalization.class;
  }

  @Override
  public Op op(GroupNormalization gn, KernelInput layer) {
    int[] in = layer.inputShape(0);
    List<Shape> shapes = List.of(Shape.of(in));
    float[][] w = WeightShapes.hasWeights(gn) ? layer.weights() : new float[0][];
    int i = 0;
    float[] gamma = gn.scale() ? w[i++] : null;
    float[] beta = gn.center() ? w[i] : null;
    int axis = gn.channelAxis(shapes);
    return new GroupNormOp(
        in, axis, gn.channels(shapes) / gn.groups(), gn.groups(), gn.epsilon(), gamma, beta);
  }

  /**
   * An entry at flat index {@code i} of an example has channel {@code (i / inner) % channels},
   * {@code inner} being the size of the axes after the channels; its group is that channel divided
   * by the group's width.
   */
  static final class GroupNormOp extends Op {
    private final int size;
    private final int inner;
    private final int channels;
    private final int width;
    private final int groups;
    private final double epsilon;
    private final float[] gamma;
    private final float[] beta;

    GroupNormOp(
        int[] in, int axis, int width, int groups, double epsilon, float[] gamma, float[] beta) {
      this.size = Buffers.intSize(Buffers.prod(in, 0, in.length), "one example");
      this.inner = (int) Buffers.prod(in, axis + 1, in.length);
      this.channels = in[axis];
      this.width = width;
      this.groups = groups;
      this.epsilon = epsilon;
      this.gamma = gamma;
      this.beta = beta;
    }

    @Override
    void run(Ctx ctx, int n, float[][] inputs, float[] output, Epilogue epi) {
      float[] x = inputs[0];
      double per = (double) size / groups;
      double[] mean = new double[groups];
      double[] inv = new double[groups];
      for (int b = 0; b < n; b++) {
        int off = b * size;
        java.util.Arrays.fill(mean, 0);
        java.util.Arrays.fill(inv, 0);
        for (int i = 0; i < size; i++) {
          mean[group(i)] += x[off + i];
        }
        for (int g = 0; g < groups; g++) {
          mean[g] /= per;
        }
        for (int i = 0; i < size; i++) {
          double d = x[off + i] - mean[group(i)];
          inv[group(i)] += d * d;
        }
        for (int g = 0; g < groups; g++) {
          inv[g] = 1 / Math.sqrt(inv[g] / per + epsilon);
        }
        for (int i = 0; i < size; i++) {
          int c = channel(i);
          int g = c / width;
          double y = (x[off + i] - mean[g]) * inv[g];
          if (gamma != null) {
            y *= gamma[c];
          }
          if (beta != null) {
            y += beta[c];
          }
          output[off + i] = (float) y;
        }
      }
    }

    private int channel(int i) {
      return (i / inner) % channels;
    }

    private int group(int i) {
      return channel(i) / width;
    }
  }
}
