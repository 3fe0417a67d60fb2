package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * KerasSpiking's {@code SpikingActivation}: the activation turned into spikes over time.
 *
 * <p>Its input is {@code (time, units...)}: the first axis is always time. Per element and step,
 * {@code v += activation(x) * dt}, {@code n = floor(v)}, {@code v -= n}, output {@code n / dt}.
 * Output shape = input shape; no parameters; neurons = the product of the input shape without the
 * time axis; spiking. {@code dt} is {@code > 0} and within float32's range ({@code Float.MIN_VALUE}
 * to {@code Float.MAX_VALUE} seconds): the forward pass divides by it in float32.
 */
public record SpikingActivation(
    Activation activation, double dt, OptionalLong seed, Optional<String> name)
    implements LayerSpec {
  /** KerasSpiking's default timestep, in seconds. */
  public static final double DEFAULT_DT = 0.001;

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param activation the activation function
   * @param dt the timestep in seconds
   * @param seed the seed of the initial voltages, or empty for random ones
   * @param name the name the user gave, or empty for an automatic one
   */
  public SpikingActivation {
    Checks.notNull(activation, "activation");
    Checks.positiveFloat("dt", dt);
    Checks.notNull(seed, "seed");
    name = Checks.name(name);
  }

  /**
   * {@return spiking {@code activation} with the default dt and a random initial voltage}
   *
   * @param activation the activation function
   */
  public static SpikingActivation of(Activation activation) {
    return new SpikingActivation(activation, DEFAULT_DT, OptionalLong.empty(), Optional.empty());
  }

  /**
   * {@return a copy with this timestep}
   *
   * @param dt the timestep in seconds
   */
  public SpikingActivation dt(double dt) {
    return new SpikingActivation(activation, dt, seed, name);
  }

  /**
   * {@return a copy whose initial voltages come from this seed}
   *
   * @param seed the seed of the initial voltages
   */
  public SpikingActivation seed(long seed) {
    return new SpikingActivation(activation, dt, OptionalLong.of(seed), name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public SpikingActivation name(String name) {
    return new SpikingActivation(activation, dt, seed, Optional.of(name));
  }

  @Override
  public String type() {
    return "SpikingActivation";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    if (in.rank() < 2) {
      throw ShapeException.of(
          ShapeError.WRONG_RANK,
          inputs,
          "runs over time and needs an input of (time, units...), but the input is "
              + in
              + "; start the model with Model.input(NONE, ...) for a time axis");
    }
    return in;
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    Shape in = Checks.single(inputs);
    long neurons =
        in.dropFirst(1)
            .elementCount()
            .orElseThrow(
                () ->
                    Checks.undefined(
                        inputs,
                        "statistics need the units per timestep, but "
                            + in.toKerasString()
                            + " has an undefined dimension after the time axis"));
    return Optional.of(new LayerStats(0, neurons, true));
  }

  @Override
  public LayerKind layerKind() {
    return LayerKind.SPIKING_NEURONS;
  }

  @Override
  public String describe() {
    return "spikingActivation(" + activation.kerasName() + ")";
  }

  @Override
  public boolean emitsSpikes() {
    return true;
  }
}
