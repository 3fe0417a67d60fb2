package org.neurojoule.layer;

/**
 * The parameter count of a layer, as Keras counts it.
 *
 * @param trainable weights updated by training (kernels, biases, batch-norm gamma and beta)
 * @param nonTrainable weights that are not (batch-norm moving mean and variance)
 */
public record ParamCount(long trainable, long nonTrainable) {
  /** No parameters. */
  public static final ParamCount ZERO = new ParamCount(0, 0);

  public ParamCount {
    if (trainable < 0 || nonTrainable < 0) {
      throw new IllegalArgumentException(
          "parameter counts must be >= 0, were " + trainable + " and " + nonTrainable);
    }
  }

  /** Trainable parameters only. */
  public static ParamCount trainable(long n) {
    return new ParamCount(n, 0);
  }

  /** All parameters. */
  public long total() {
    return Math.addExact(trainable, nonTrainable);
  }

  /** The sum of both counts. */
  public ParamCount plus(ParamCount other) {
    return new ParamCount(
        Math.addExact(trainable, other.trainable), Math.addExact(nonTrainable, other.nonTrainable));
  }
}
