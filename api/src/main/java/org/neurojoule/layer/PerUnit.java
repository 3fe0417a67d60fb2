package org.neurojoule.layer;

import java.util.Arrays;
import org.neurojoule.shape.ShapeException;

/**
 * A neuron constant: one value for every unit, or one value per unit in the layer's unit order
 * (row-major over its channels-last shape). Immutable; equal when the values are.
 */
public final class PerUnit {
  private final double[] values;

  private PerUnit(double[] values) {
    this.values = values;
  }

  /**
   * {@return the constant with these values: one for all units, or one per unit}
   *
   * @param what the constant's name, for messages
   * @param values the values, at least one
   * @throws ShapeException if there are none
   */
  public static PerUnit of(String what, double... values) {
    Checks.notNull(values, what);
    if (values.length == 0) {
      throw ShapeException.invalid(
          what + " needs one value for all units or one per unit," + " got none");
    }
    return new PerUnit(values.clone());
  }

  /** {@return how many values are stored: 1 when the value is broadcast to every unit} */
  public int size() {
    return values.length;
  }

  /** {@return whether one value stands for every unit} */
  public boolean isScalar() {
    return values.length == 1;
  }

  /**
   * {@return the value of unit {@code unit}}
   *
   * @param unit the unit's index in the layer's unit order
   */
  public double at(int unit) {
    return values[values.length == 1 ? 0 : unit];
  }

  /** {@return a copy of the stored values} */
  public double[] values() {
    return values.clone();
  }

  /** {@return whether every unit has the same value} */
  boolean isUniform() {
    return Arrays.stream(values).allMatch(v -> Double.compare(v, values[0]) == 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PerUnit p && Arrays.equals(values, p.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  /** {@code 0.01}, or {@code [38 values]} for per-unit values that differ. */
  @Override
  public String toString() {
    return isUniform() ? Double.toString(values[0]) : "[" + values.length + " values]";
  }
}
