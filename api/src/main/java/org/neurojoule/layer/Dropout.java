package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.Accounting;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code Dropout}: identity at inference. {@code rate} is in [0, 1). No parameters, no
 * statistics.
 */
public record Dropout(double rate, Optional<String> name) implements LayerSpec {

  public Dropout {
    if (!(rate >= 0 && rate < 1)) {
      throw ShapeException.invalid("dropout rate must be in [0, 1), was " + rate);
    }
    name = Checks.name(name);
  }

  /** Dropout at this rate. */
  public static Dropout of(double rate) {
    return new Dropout(rate, Optional.empty());
  }

  /** A copy with this name. */
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

  @Override
  public String describe() {
    return "dropout(" + rate + ")";
  }
}
