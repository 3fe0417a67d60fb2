package org.neurojoule.nir;

import java.util.Arrays;

/**
 * One parameter of a NIR node as stored: its dimensions and values (numbers row-major, as doubles),
 * or its text for a string dataset (a padding of {@code "same"}).
 *
 * @param shape the dimensions; empty for a scalar
 * @param values the numbers row-major; empty for text
 * @param text the string, or null for numbers
 */
record NirArray(int[] shape, double[] values, String text) {
  /**
   * Copies the arrays.
   *
   * @param shape the dimensions; empty for a scalar
   * @param values the numbers row-major; empty for text
   * @param text the string, or null for numbers
   */
  public NirArray {
    shape = shape.clone();
    values = values.clone();
  }

  /**
   * {@return numbers of this shape}
   *
   * @param shape the dimensions
   * @param values the numbers row-major
   */
  public static NirArray of(int[] shape, double... values) {
    return new NirArray(shape, values, null);
  }

  /**
   * {@return a scalar or a 1-D array of these numbers}
   *
   * @param values the numbers
   */
  public static NirArray vector(double... values) {
    return new NirArray(new int[] {values.length}, values, null);
  }

  /**
   * {@return a string}
   *
   * @param text the string
   */
  public static NirArray text(String text) {
    return new NirArray(new int[0], new double[0], text);
  }

  /** {@return the dimensions (a copy)} */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** {@return the numbers row-major (a copy)} */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** {@return how many numbers are stored} */
  public int size() {
    return values.length;
  }

  /** {@code (16, 2, 5, 5)}, or {@code ()} for a scalar. */
  String shapeText() {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      b.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return b.append(shape.length == 1 ? ",)" : ")").toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NirArray a
        && Arrays.equals(shape, a.shape)
        && Arrays.equals(values, a.values)
        && java.util.Objects.equals(text, a.text);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return text != null ? '"' + text + '"' : shapeText();
  }
}
