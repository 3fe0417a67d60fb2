package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code Reshape}: the same elements in {@code targetShape}; at most one {@code -1} entry is
 * inferred. The element counts must match. No parameters, no statistics.
 */
public record Reshape(List<Integer> targetShape, Optional<String> name) implements LayerSpec {
  /** The entry of a target shape that Keras infers from the element count. */
  public static final int INFER = -1;

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param targetShape the new dimensions without the batch; one may be -1 (inferred)
   * @param name the name the user gave, or empty for an automatic one
   */
  public Reshape {
    targetShape = List.copyOf(Checks.notNull(targetShape, "targetShape"));
    if (targetShape.isEmpty()) {
      throw ShapeException.invalid("targetShape must have at least one dimension");
    }
    int inferred = 0;
    for (int d : targetShape) {
      if (d == INFER) {
        inferred++;
      } else if (d <= 0) {
        throw ShapeException.invalid(
            "targetShape entries must be > 0 or -1 (inferred), was " + d + " in " + targetShape);
      }
    }
    if (inferred > 1) {
      throw ShapeException.invalid("targetShape may infer (-1) only one dimension: " + targetShape);
    }
    name = Checks.name(name);
  }

  /**
   * {@return a reshape to these dimensions}
   *
   * @param targetShape the new dimensions without the batch; one may be -1 (inferred)
   */
  public static Reshape of(int... targetShape) {
    return new Reshape(java.util.Arrays.stream(targetShape).boxed().toList(), Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Reshape name(String name) {
    return new Reshape(targetShape, Optional.of(name));
  }

  @Override
  public String type() {
    return "Reshape";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    int[] out = Checks.toArray(targetShape);
    long known = 1;
    int inferAt = -1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == INFER) {
        inferAt = i;
      } else {
        known = Math.multiplyExact(known, out[i]);
      }
    }
    java.util.OptionalLong count = in.elementCount();
    if (count.isEmpty()) {
      // Keras leaves an inferred dimension undefined when the input size is unknown.
      if (inferAt >= 0) {
        out[inferAt] = Shape.NONE;
      }
      return Shape.of(out);
    }
    long elements = count.getAsLong();
    if (inferAt >= 0 ? elements % known != 0 : elements != known) {
      throw ShapeException.of(
          ShapeError.RESHAPE_MISMATCH,
          inputs,
          "cannot reshape input "
              + in
              + " ("
              + elements
              + " elements) to "
              + target()
              + (inferAt >= 0
                  ? ": " + elements + " is not a multiple of " + known
                  : " (" + known + " elements); the element counts must be equal"));
    }
    if (inferAt >= 0) {
      long inferred = elements / known;
      if (inferred > Integer.MAX_VALUE) {
        throw ShapeException.of(
            ShapeError.OVERFLOW,
            inputs,
            "cannot reshape input "
                + in
                + " ("
                + elements
                + " elements) to "
                + target()
                + ": the inferred dimension would be "
                + inferred
                + ", more than a dimension holds (at most "
                + Integer.MAX_VALUE
                + ")");
      }
      out[inferAt] = (int) inferred;
    }
    return Shape.of(out);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return Optional.of(LayerStats.NONE);
  }

  @Override
  public boolean movesValuesOnly() {
    return true;
  }

  @Override
  public String describe() {
    return "reshape(" + target() + ")";
  }

  private String target() {
    StringJoiner j = new StringJoiner("x");
    targetShape.forEach(d -> j.add(d == INFER ? "-1" : Integer.toString(d)));
    return j.toString();
  }
}
