package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code RepeatVector}: repeats a vector {@code (features)} {@code n} times, giving {@code
 * (n, features)}.
 *
 * <p>No parameters. It moves data: connections and neurons are 0 under {@link Accounting#COMPLETE};
 * the reference has no rule for it (0 with a warning under {@link Accounting#KERAS_SPIKING}).
 *
 * @param n the number of repeats, {@code >= 1}
 * @param name the name the user gave, or empty for an automatic one
 */
public record RepeatVector(int n, Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param n the number of repeats, {@code >= 1}
   * @param name the name the user gave, or empty for an automatic one
   */
  public RepeatVector {
    Checks.positive("n", n);
    name = Checks.name(name);
  }

  /**
   * {@return Keras' {@code RepeatVector}}
   *
   * @param n the number of repeats, {@code >= 1}
   */
  public static RepeatVector of(int n) {
    return new RepeatVector(n, Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public RepeatVector name(String name) {
    return new RepeatVector(n, Optional.of(name));
  }

  @Override
  public String type() {
    return "RepeatVector";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    if (in.rank() != 1) {
      throw ShapeException.of(
          ShapeError.WRONG_RANK,
          inputs,
          "needs an input of rank 1"
              + " (features), but the input is "
              + in
              + " (rank "
              + in.rank()
              + ")");
    }
    return Shape.of(n, in.get(0));
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return accounting == Accounting.KERAS_SPIKING ? Optional.empty() : Optional.of(LayerStats.NONE);
  }

  @Override
  public String describe() {
    return "repeatVector(" + n + ")";
  }
}
