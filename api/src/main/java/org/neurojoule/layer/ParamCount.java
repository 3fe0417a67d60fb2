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

  /**
   * {@return all parameters}
   *
   * @throws ArithmeticException saying so if they are more than {@code 2^63-1}
   */
  public long total() {
    return sum("parameters", trainable, nonTrainable);
  }

  /**
   * {@return the sum of both counts}
   *
   * @param other the count added
   * @throws ArithmeticException saying which count passes {@code 2^63-1}
   */
  public ParamCount plus(ParamCount other) {
    return new ParamCount(
        sum("trainable parameters", trainable, other.trainable),
        sum("non-trainable parameters", nonTrainable, other.nonTrainable));
  }

  /** {@code a + b}, or an error that says what overflowed (callers add where). */
  static long sum(String what, long a, long b) {
    long s = a + b;
    if (s < 0) { // both are >= 0, so only an overflow is negative
      throw new ArithmeticException(
          what + " beyond 2^63-1 (" + Long.MAX_VALUE + "): " + a + " + " + b);
    }
    return s;
  }
}
