package org.neurojoule.engine;

import org.neurojoule.layer.Activation;

/** Keras' activation functions in float32, applied in place to rows of the last axis. */
final class Activations {
  private Activations() {}

  static final float SELU_ALPHA = 1.6732632423543772848170429916717f;
  static final float SELU_SCALE = 1.0507009873554804934193349852946f;

  /**
   * The slope below zero of the {@code leaky_relu} activation function: {@code tf.nn.leaky_relu}'s
   * default 0.2. The {@code LeakyReLU} layer is separate and defaults to Keras 2's alpha 0.3.
   */
  static final float LEAKY_SLOPE = 0.2f;

  static void apply(Activation a, float[] v, int off, int rows, int c) {
    int n = rows * c;
    int end = off + n;
    switch (a) {
      case LINEAR -> {}
      case RELU -> {
        for (int i = off; i < end; i++) {
          v[i] = Math.max(v[i], 0f);
        }
      }
      case LEAKY_RELU -> {
        for (int i = off; i < end; i++) {
          float x = v[i];
          v[i] = x >= 0 ? x : LEAKY_SLOPE * x;
        }
      }
      case SIGMOID -> {
        for (int i = off; i < end; i++) {
          v[i] = sigmoid(v[i]);
        }
      }
      case HARD_SIGMOID -> {
        // Keras 2 (tf.keras up to 2.15): clip(0.2x + 0.5, 0, 1), not Keras 3's relu6(x + 3) / 6.
        for (int i = off; i < end; i++) {
          v[i] = Math.min(1f, Math.max(0f, 0.2f * v[i] + 0.5f));
        }
      }
      case TANH -> {
        for (int i = off; i < end; i++) {
          v[i] = (float) Math.tanh(v[i]);
        }
      }
      case SOFTMAX -> {
        for (int r = 0; r < rows; r++) {
          softmax(v, off + r * c, c);
        }
      }
      case ELU -> {
        for (int i = off; i < end; i++) {
          float x = v[i];
          v[i] = x > 0 ? x : (float) Math.expm1(x);
        }
      }
      case SELU -> {
        for (int i = off; i < end; i++) {
          float x = v[i];
          v[i] = SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (float) Math.expm1(x));
        }
      }
      case SOFTPLUS -> {
        for (int i = off; i < end; i++) {
          double x = v[i];
          v[i] = (float) (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
        }
      }
      case SOFTSIGN -> {
        for (int i = off; i < end; i++) {
          float x = v[i];
          v[i] = x / (1f + Math.abs(x));
        }
      }
      case SWISH -> {
        for (int i = off; i < end; i++) {
          float x = v[i];
          v[i] = x * sigmoid(x);
        }
      }
      case GELU -> {
        for (int i = off; i < end; i++) {
          double x = v[i];
          v[i] = (float) (0.5 * x * (1 + erf(x / Math.sqrt(2))));
        }
      }
      case HARD_SWISH -> {
        for (int i = off; i < end; i++) {
          float x = v[i];
          v[i] = x * Math.min(6f, Math.max(0f, x + 3f)) / 6f;
        }
      }
      case LOG_SOFTMAX -> {
        for (int r = 0; r < rows; r++) {
          logSoftmax(v, off + r * c, c);
        }
      }
      case EXPONENTIAL -> {
        for (int i = off; i < end; i++) {
          v[i] = (float) Math.exp(v[i]);
        }
      }
      case ABS -> {
        for (int i = off; i < end; i++) {
          v[i] = Math.abs(v[i]);
        }
      }
    }
  }

  static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-(double) x)));
  }

  static void softmax(float[] v, int off, int c) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = off; i < off + c; i++) {
      max = Math.max(max, v[i]);
    }
    double sum = 0;
    for (int i = off; i < off + c; i++) {
      float e = (float) Math.exp(v[i] - max);
      v[i] = e;
      sum += e;
    }
    float inv = (float) (1 / sum);
    for (int i = off; i < off + c; i++) {
      v[i] *= inv;
    }
  }

  /** x - max - log(sum(exp(x - max))): no overflow, and no log of an underflowed softmax. */
  static void logSoftmax(float[] v, int off, int c) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = off; i < off + c; i++) {
      max = Math.max(max, v[i]);
    }
    double sum = 0;
    for (int i = off; i < off + c; i++) {
      sum += Math.exp((double) v[i] - max);
    }
    double shift = max + Math.log(sum);
    for (int i = off; i < off + c; i++) {
      v[i] = (float) (v[i] - shift);
    }
  }

  /** erf to about 1e-15 relative (W. J. Cody's rational approximations via erfc continued). */
  static double erf(double x) {
    double ax = Math.abs(x);
    if (ax < 0.5) {
      // Taylor series: converges fast for |x| < 0.5.
      double x2 = x * x;
      double term = x;
      double sum = x;
      for (int n = 1; n < 30; n++) {
        term *= -x2 / n;
        double add = term / (2 * n + 1);
        sum += add;
        if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
          break;
        }
      }
      return 2 / Math.sqrt(Math.PI) * sum;
    }
    double r = 1 - erfc(ax);
    return x < 0 ? -r : r;
  }

  /** erfc for x >= 0.5 by a continued fraction (Lentz), accurate to double precision. */
  static double erfc(double x) {
    if (x > 27) {
      return 0;
    }
    if (x < 2) {
      // Series for erf converges; use it for moderate x.
      double x2 = x * x;
      double term = x;
      double sum = x;
      for (int n = 1; n < 200; n++) {
        term *= -x2 / n;
        double add = term / (2 * n + 1);
        sum += add;
        if (Math.abs(add) < 1e-17) {
          break;
        }
      }
      return 1 - 2 / Math.sqrt(Math.PI) * sum;
    }
    // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
    double tiny = 1e-300;
    double f = x;
    double c = x;
    double d = 0;
    for (int n = 1; n < 300; n++) {
      double an = n / 2.0;
      d = x + an * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = x + an / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
  }
}
