package org.neurojoule.shape;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.StringJoiner;

/**
 * The shape of one example of a tensor: the batch dimension is never part of it.
 *
 * <p>A dimension is either a positive size or undefined ({@link #NONE}, Keras' {@code None}).
 * Following the reference, a leading undefined dimension is read as time. Shapes are immutable;
 * {@link #toString()} reads {@code 28x28x1} (undefined dimensions print as {@code ?}) and {@link
 * #toKerasString()} prints the Keras form with the batch, {@code (None, 28, 28, 1)}.
 */
public final class Shape {
  /** Marks an undefined dimension in {@link #of(int...)}. */
  public static final int NONE = -1;

  private final int[] dims;

  private Shape(int[] dims) {
    this.dims = dims;
  }

  /**
   * {@return a shape from its dimensions, {@link #NONE} for undefined ones}
   *
   * @param dims the dimensions; {@link #NONE} for undefined ones
   * @throws IllegalArgumentException if a dimension is zero or negative (other than {@code NONE})
   */
  public static Shape of(int... dims) {
    int[] copy = dims.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] <= 0 && copy[i] != NONE) {
        throw new IllegalArgumentException(
            "dimension " + i + " of a shape must be > 0 or NONE, was " + copy[i]);
      }
    }
    return new Shape(copy);
  }

  /** {@return the number of dimensions (without the batch)} */
  public int rank() {
    return dims.length;
  }

  /**
   * {@return whether dimension {@code axis} has a size} Negative axes count from the end.
   *
   * @param axis the axis (without the batch); negative values count from the end
   */
  public boolean isDefined(int axis) {
    return dims[index(axis)] != NONE;
  }

  /**
   * {@return the size of dimension {@code axis}, empty if undefined} Negative axes count from the
   * end.
   *
   * @param axis the axis (without the batch); negative values count from the end
   */
  public OptionalInt dimension(int axis) {
    int d = dims[index(axis)];
    return d == NONE ? OptionalInt.empty() : OptionalInt.of(d);
  }

  /**
   * {@return the size of dimension {@code axis} or {@link #NONE}; for code that carries NONE along}
   *
   * @param axis the axis (without the batch); negative values count from the end
   */
  public int get(int axis) {
    return dims[index(axis)];
  }

  /** {@return whether every dimension has a size} */
  public boolean isFullyDefined() {
    for (int d : dims) {
      if (d == NONE) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@return whether the first dimension is undefined, which the reference reads as a time axis}
   */
  public boolean hasLeadingTime() {
    return dims.length > 0 && dims[0] == NONE;
  }

  /**
   * {@return the number of elements, or empty if a dimension is undefined}
   *
   * @throws ArithmeticException if the count overflows a long
   */
  public java.util.OptionalLong elementCount() {
    long n = 1;
    for (int d : dims) {
      if (d == NONE) {
        return java.util.OptionalLong.empty();
      }
      n = Math.multiplyExact(n, d);
    }
    return java.util.OptionalLong.of(n);
  }

  /**
   * {@return the dimensions from {@code from} (inclusive) to {@code to} (exclusive)}
   *
   * @param from the first axis taken (inclusive)
   * @param to the first axis not taken (exclusive)
   */
  public Shape slice(int from, int to) {
    return new Shape(Arrays.copyOfRange(dims, from, to));
  }

  /**
   * {@return this shape without its first {@code n} dimensions}
   *
   * @param n the number of dimensions dropped
   */
  public Shape dropFirst(int n) {
    return slice(n, dims.length);
  }

  /**
   * {@return this shape with {@code dim} added in front}
   *
   * @param dim the size of the dimension
   */
  public Shape prepend(int dim) {
    int[] out = new int[dims.length + 1];
    out[0] = dim;
    System.arraycopy(dims, 0, out, 1, dims.length);
    return of(out);
  }

  /**
   * {@return this shape with its last dimension replaced by {@code dim}}
   *
   * @param dim the size of the dimension
   */
  public Shape withLast(int dim) {
    int[] out = dims.clone();
    out[out.length - 1] = dim;
    return of(out);
  }

  /** {@return the dimensions as a new array, {@link #NONE} for undefined ones} */
  public int[] toArray() {
    return dims.clone();
  }

  /**
   * {@return Keras' printed form, with the batch: {@code (None, 22, 22, 2)}, or {@code (None,)}}
   */
  public String toKerasString() {
    StringJoiner j = new StringJoiner(", ", "(", dims.length == 0 ? ",)" : ")");
    j.add("None");
    for (int d : dims) {
      j.add(d == NONE ? "None" : Integer.toString(d));
    }
    return j.toString();
  }

  private int index(int axis) {
    int i = axis < 0 ? dims.length + axis : axis;
    if (i < 0 || i >= dims.length) {
      throw new IndexOutOfBoundsException("axis " + axis + " of shape " + this);
    }
    return i;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /**
   * The compact form used in messages, {@code 28x28x1}; undefined dimensions print as {@code ?}.
   */
  @Override
  public String toString() {
    if (dims.length == 0) {
      return "scalar";
    }
    StringJoiner j = new StringJoiner("x");
    for (int d : dims) {
      j.add(d == NONE ? "?" : Integer.toString(d));
    }
    return j.toString();
  }
}
