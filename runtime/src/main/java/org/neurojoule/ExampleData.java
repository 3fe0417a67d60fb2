package org.neurojoule;

import java.util.Arrays;
import java.util.Objects;

/**
 * Example inputs for firing rates: a batch of examples, float32, row-major, with the batch as the
 * first dimension of {@link #shape()}.
 */
public final class ExampleData {
  private final float[] values;
  private final int[] shape;

  private ExampleData(float[] values, int[] shape) {
    this.values = values;
    this.shape = shape;
  }

  /**
   * Data from {@code values} in row-major order with this shape (batch first). The array is
   * copied.
   *
   * @throws IllegalArgumentException if the sizes do not match, or a value is NaN or infinite
   */
  public static ExampleData of(float[] values, int... shape) {
    Objects.requireNonNull(values, "values == null");
    int[] dims = checkShape(shape);
    long n = count(dims);
    if (n != values.length) {
      throw new IllegalArgumentException("example data of shape " + Arrays.toString(dims)
          + " needs " + n + " values, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException("example data value " + i + " (at "
            + Arrays.toString(unravel(i, dims)) + ") is " + values[i]
            + "; firing rates need finite numbers");
      }
    }
    return new ExampleData(values.clone(), dims);
  }

  /** Data of this shape (batch first) with every value {@code value}. */
  public static ExampleData filled(double value, int... shape) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "example data value is " + value + "; firing rates need finite numbers");
    }
    int[] dims = checkShape(shape);
    long n = count(dims);
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("example data of shape " + Arrays.toString(dims)
          + " has " + n + " values, more than one array holds");
    }
    float[] values = new float[(int) n];
    Arrays.fill(values, (float) value);
    return new ExampleData(values, dims);
  }

  /** The shape, batch first. */
  public int[] shape() {
    return shape.clone();
  }

  /** The number of examples (the first dimension). */
  public int batchSize() {
    return shape[0];
  }

  /** The values, row-major (a copy). */
  public float[] values() {
    return values.clone();
  }

  /** The values without copying, for the engine. */
  float[] buffer() {
    return values;
  }

  private static int[] checkShape(int[] shape) {
    Objects.requireNonNull(shape, "shape == null");
    if (shape.length < 1) {
      throw new IllegalArgumentException("example data needs a shape with a batch dimension");
    }
    for (int d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            "example data dimensions must be > 0, got " + Arrays.toString(shape));
      }
    }
    return shape.clone();
  }

  private static long count(int[] dims) {
    long n = 1;
    for (int d : dims) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  private static int[] unravel(int index, int[] dims) {
    int[] at = new int[dims.length];
    for (int d = dims.length - 1; d >= 0; d--) {
      at[d] = index % dims[d];
      index /= dims[d];
    }
    return at;
  }

  @Override
  public String toString() {
    return "ExampleData" + Arrays.toString(shape);
  }
}
