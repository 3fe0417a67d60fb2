package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * NIR's {@code Delay}: {@code y(t) = x(t - delay)} per unit, a buffer with no arithmetic. Output
 * shape = input shape; no parameters (the delays are constants); no connections or neurons.
 *
 * @param delay seconds, {@code >= 0}, one for all units or one per unit
 * @param name the name the user gave, or empty for an automatic one
 */
public record Delay(PerUnit delay, Optional<String> name) implements LayerSpec {
  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param delay seconds, {@code >= 0}, one for all units or one per unit
   * @param name the name the user gave, or empty for an automatic one
   */
  public Delay {
    Checks.notNull(delay, "delay");
    for (int i = 0; i < delay.size(); i++) {
      Checks.nonNegativeFloat(delay.isScalar() ? "delay" : "delay[" + i + "]", delay.at(i));
    }
    name = Checks.name(name);
  }

  /**
   * {@return a delay by these times}
   *
   * @param delay seconds, one for all units or one per unit
   */
  public static Delay of(double... delay) {
    return new Delay(PerUnit.of("delay", delay), Optional.empty());
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Delay name(String name) {
    return new Delay(delay, Optional.of(name));
  }

  @Override
  public String type() {
    return "Delay";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    long units = Checks.unitsPerStep(Checks.single(inputs), inputs, "input");
    if (delay.size() != 1 && delay.size() != units) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "has "
              + units
              + " units, but delay has "
              + delay.size()
              + " values; give one for all units or one per"
              + " unit");
    }
    return Checks.single(inputs);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return Optional.of(LayerStats.NONE);
  }

  @Override
  public String describe() {
    return "delay(" + delay + ")";
  }
}
