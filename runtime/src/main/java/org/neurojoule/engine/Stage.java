package org.neurojoule.engine;

import org.neurojoule.layer.Activation;

/**
 * One element-wise step on rows of the last axis (length = channels): bias then activation,
 * batch-normalization's folded affine map, ReLU with its options, leaky ReLU, or identity. The
 * producing kernel applies a chain of stages to each output row while it is in cache (fusion).
 */
final class Stage {
  enum Kind {
    BIAS_ACT,
    AFFINE,
    RELU,
    LEAKY,
    IDENTITY
  }

  final Kind kind;
  final float[] bias;
  final float[] scale;
  final Activation activation;
  final float maxValue;
  final float slope;
  final float threshold;

  private Stage(
      Kind kind,
      float[] bias,
      float[] scale,
      Activation activation,
      float maxValue,
      float slope,
      float threshold) {
    this.kind = kind;
    this.bias = bias;
    this.scale = scale;
    this.activation = activation;
    this.maxValue = maxValue;
    this.slope = slope;
    this.threshold = threshold;
  }

  /** Adds {@code bias} (null for none), then applies {@code activation}. */
  static Stage biasAct(float[] bias, Activation activation) {
    return new Stage(Kind.BIAS_ACT, bias, null, activation, 0, 0, 0);
  }

  /** {@code x * scale[c] + shift[c]}. */
  static Stage affine(float[] scale, float[] shift) {
    return new Stage(Kind.AFFINE, shift, scale, Activation.LINEAR, 0, 0, 0);
  }

  /**
   * Keras' ReLU layer: {@code max_value} (NaN for none), {@code negative_slope}, {@code threshold}.
   */
  static Stage relu(float maxValue, float slope, float threshold) {
    if (Float.isNaN(maxValue) && slope == 0 && threshold == 0) {
      return biasAct(null, Activation.RELU);
    }
    return new Stage(Kind.RELU, null, null, Activation.LINEAR, maxValue, slope, threshold);
  }

  static Stage leaky(float alpha) {
    return new Stage(Kind.LEAKY, null, null, Activation.LINEAR, 0, alpha, 0);
  }

  static Stage identity() {
    return new Stage(Kind.IDENTITY, null, null, Activation.LINEAR, 0, 0, 0);
  }

  /** Applies the stage to {@code rows} rows of {@code c} values at {@code v[off...]}, in place. */
  void apply(float[] v, int off, int rows, int c) {
    switch (kind) {
      case BIAS_ACT -> {
        if (bias != null) {
          for (int r = 0; r < rows; r++) {
            int o = off + r * c;
            for (int i = 0; i < c; i++) {
              v[o + i] += bias[i];
            }
          }
        }
        Activations.apply(activation, v, off, rows, c);
      }
      case AFFINE -> {
        for (int r = 0; r < rows; r++) {
          int o = off + r * c;
          for (int i = 0; i < c; i++) {
            v[o + i] = v[o + i] * scale[i] + bias[i];
          }
        }
      }
      case RELU -> {
        int n = rows * c;
        for (int i = off; i < off + n; i++) {
          float x = v[i];
          float y = x >= threshold ? x : slope * (x - threshold);
          if (!Float.isNaN(maxValue) && y > maxValue) {
            y = maxValue;
          }
          v[i] = y;
        }
      }
      case LEAKY -> {
        int n = rows * c;
        for (int i = off; i < off + n; i++) {
          float x = v[i];
          v[i] = x >= 0 ? x : slope * x;
        }
      }
      case IDENTITY -> {}
    }
  }
}
