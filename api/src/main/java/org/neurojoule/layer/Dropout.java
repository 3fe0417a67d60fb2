package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code Dropout}: identity at inference. {@code rate} is in [0, 1). No parameters, no
 * statistics.
 */
public record Dropout(double rate, Optional<String> name) implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param rate the fraction of inputs dropped in training, in [0, 1)
   * @param name the name the user gave, or empty for an automatic one
   */
  public Dropout {
    if (!(rate >= 0 && rate < 1)) {
      throw ShapeException.invalid("dropout rate must be in [0, 1), was " + rate);
    }
    name = Checks.name(name);
  }

  /**
   * {@return dropout at this rate}
   *
   * @param rate the fraction of inputs dropped in training, in [0, 1)
   */
  public static Dropout of(double rate) {
    return new Dropout(rate, Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Dropout name(String name) {
    return new Dropout(rate, Optional.of(name));
  }

  @Override
  public String type() {
    return "Dropout";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    return Checks.single(inputs);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return Optional.of(LayerStats.NONE);
  }

  /** {@inheritDoc} At inference, dropout is the identity. */
  @Override
  public boolean movesValuesOnly() {
    return true;
  }

  @Override
  public String describe() {
    return "dropout(" + rate + ")";
  }
}
