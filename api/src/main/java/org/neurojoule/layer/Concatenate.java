package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code Concatenate} along {@code axis} (Keras' numbering, which counts the batch as 0; the
 * default -1 is the last axis). Inputs must agree on every other axis. No parameters; KerasSpiking
 * has no rule for it (zero and a warning), {@link Accounting#COMPLETE} counts zero.
 */
public record Concatenate(int axis, Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param axis the axis; negative values count from the end
   * @param name the name the user gave, or empty for an automatic one
   */
  public Concatenate {
    if (axis == 0) {
      throw ShapeException.invalid("cannot concatenate along axis 0, the batch axis");
    }
    name = Checks.name(name);
  }

  /** {@return concatenation along the last axis} */
  public static Concatenate of() {
    return new Concatenate(-1, Optional.empty());
  }

  /**
   * {@return a copy along this axis}
   *
   * @param axis the axis; negative values count from the end
   */
  public Concatenate axis(int axis) {
    return new Concatenate(axis, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Concatenate name(String name) {
    return new Concatenate(axis, Optional.of(name));
  }

  @Override
  public String type() {
    return "Concatenate";
  }

  @Override
  public int minInputs() {
    return 2;
  }

  @Override
  public int maxInputs() {
    return Integer.MAX_VALUE;
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape first = inputs.get(0);
    int rank = first.rank();
    int at = axis < 0 ? rank + axis : axis - 1;
    if (at < 0 || at >= rank) {
      throw ShapeException.of(
          ShapeError.CONCATENATE_MISMATCH,
          inputs,
          "axis "
              + axis
              + " is out of range for inputs "
              + Layers.listShapes(inputs)
              + " of rank "
              + rank
              + " (plus the batch)");
    }
    int[] out = first.toArray();
    for (int i = 1; i < inputs.size(); i++) {
      Shape s = inputs.get(i);
      boolean fits = s.rank() == rank;
      for (int d = 0; fits && d < rank; d++) {
        fits = d == at || s.get(d) == first.get(d);
      }
      if (!fits) {
        throw ShapeException.of(
            ShapeError.CONCATENATE_MISMATCH,
            inputs,
            "cannot concatenate "
                + Layers.listShapes(inputs)
                + " along axis "
                + axis
                + ": input "
                + i
                + " is "
                + s
                + " but input 0 is "
                + first
                + "; all dimensions except the concatenation axis must be equal");
      }
      out[at] =
          out[at] == Shape.NONE || s.get(at) == Shape.NONE
              ? Shape.NONE
              : Math.addExact(out[at], s.get(at));
    }
    return Shape.of(out);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return accounting == Accounting.COMPLETE ? Optional.of(LayerStats.NONE) : Optional.empty();
  }

  @Override
  public String describe() {
    return axis == -1 ? "concatenate" : "concatenate(axis " + axis + ")";
  }
}
