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

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param trainable the parameters learned in training
   * @param nonTrainable the parameters not learned in training, such as moving statistics
   */
  public ParamCount {
    if (trainable < 0 || nonTrainable < 0) {
      throw new IllegalArgumentException(
          "parameter counts must be >= 0, were " + trainable + " and " + nonTrainable);
    }
  }

  /**
   * {@return trainable parameters only}
   *
   * @param n the number of parameters
   */
  public static ParamCount trainable(long n) {
    return new ParamCount(n, 0);
  }

  /** {@return all parameters} */
  public long total() {
    return Math.addExact(trainable, nonTrainable);
  }

  /**
   * {@return the sum of both counts}
   *
   * @param other the count added
   */
  public ParamCount plus(ParamCount other) {
    return new ParamCount(
        Math.addExact(trainable, other.trainable), Math.addExact(nonTrainable, other.nonTrainable));
  }
}
