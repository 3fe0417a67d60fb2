package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * KerasSpiking's {@code Lowpass} and {@code Alpha}: a filter of each unit's time series. Its input
 * is {@code (time, units...)}, the first axis always time.
 *
 * <p>Lowpass, per unit and step: {@code a = exp(-dt / max(tau, 1e-8))}, {@code y = (1 - a) * x + a
 * * y}, starting from {@code initial_level}. Alpha, {@code H(s) = 1 / (tau s + 1)^2}:
 * KerasSpiking's zero-order-hold discretisation of the state {@code (dy, y)} with {@code A =
 * [[-2/tau, -1/tau^2], [1, 0]]}, {@code B = [1/tau^2, 0]}; with {@code r = dt / tau} and {@code e =
 * exp(-r)}: {@code dy' = e (1 - r) dy - e r / tau y + e r / tau x}, {@code y' = e dt dy + e (1 + r)
 * y + (1 - e (1 + r)) x}, starting from {@code (0, initial_level)}.
 *
 * <p>Weights, in KerasSpiking's order: {@code initial_level} and {@code tau}, one per unit ({@code
 * (1, units...)} for Lowpass, {@code (units,)} flattened for Alpha); trainable when {@code
 * applyDuringTraining}, as in KerasSpiking, which only changes what Keras reports: at inference
 * both filter. The reference has no rule for them (0 with a warning under {@link
 * Accounting#KERAS_SPIKING}); under {@link Accounting#COMPLETE} one neuron per unit and timestep (a
 * filter update is a state update, like a neuron's) and no connections.
 *
 * @param kind Lowpass or Alpha
 * @param tauInitializer the initial time constant in seconds (KerasSpiking's constant {@code
 *     tau_initializer}), {@code > 0}
 * @param dt the timestep in seconds
 * @param levelInitializer the initial filter state (KerasSpiking's constant {@code
 *     level_initializer})
 * @param applyDuringTraining whether Keras trains the filter (its weights are then trainable)
 * @param returnSequences whether the output is every step's value, or only the last one's
 * @param name the name the user gave, or empty for an automatic one
 */
public record Filter(
    Kind kind,
    double tauInitializer,
    double dt,
    double levelInitializer,
    boolean applyDuringTraining,
    boolean returnSequences,
    Optional<String> name)
    implements LayerSpec {
  /** KerasSpiking's default timestep, in seconds. */
  public static final double DEFAULT_DT = 0.001;

  /** KerasSpiking's least time constant in the forward pass. */
  public static final double MIN_TAU = 1e-8;

  /** The filter: its Keras class. */
  public enum Kind {
    /** {@code keras_spiking.Lowpass}. */
    LOWPASS("Lowpass"),
    /** {@code keras_spiking.Alpha}. */
    ALPHA("Alpha");

    private final String kerasClass;

    Kind(String kerasClass) {
      this.kerasClass = kerasClass;
    }

    /** {@return the Keras class name} */
    public String kerasClass() {
      return kerasClass;
    }
  }

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param kind Lowpass or Alpha
   * @param tauInitializer the initial time constant in seconds, {@code > 0}
   * @param dt the timestep in seconds
   * @param levelInitializer the initial filter state
   * @param applyDuringTraining whether Keras trains the filter
   * @param returnSequences whether the output is every step's value, or only the last one's
   * @param name the name the user gave, or empty for an automatic one
   */
  public Filter {
    Checks.notNull(kind, "kind");
    Checks.positiveFloat("tauInitializer", tauInitializer);
    Checks.positiveFloat("dt", dt);
    Checks.finiteFloat("levelInitializer", levelInitializer);
    name = Checks.name(name);
  }

  /**
   * {@return KerasSpiking's {@code Lowpass(tau_initializer)} with its defaults}
   *
   * @param tauInitializer the initial time constant in seconds
   */
  public static Filter lowpass(double tauInitializer) {
    return new Filter(Kind.LOWPASS, tauInitializer, DEFAULT_DT, 0, true, true, Optional.empty());
  }

  /**
   * {@return KerasSpiking's {@code Alpha(tau_initializer)} with its defaults}
   *
   * @param tauInitializer the initial time constant in seconds
   */
  public static Filter alpha(double tauInitializer) {
    return new Filter(Kind.ALPHA, tauInitializer, DEFAULT_DT, 0, true, true, Optional.empty());
  }

  /**
   * {@return a copy with this timestep}
   *
   * @param dt the timestep in seconds
   */
  public Filter dt(double dt) {
    return new Filter(
        kind, tauInitializer, dt, levelInitializer, applyDuringTraining, returnSequences, name);
  }

  /**
   * {@return a copy starting from this filter state}
   *
   * @param levelInitializer the initial filter state
   */
  public Filter levelInitializer(double levelInitializer) {
    return new Filter(
        kind, tauInitializer, dt, levelInitializer, applyDuringTraining, returnSequences, name);
  }

  /**
   * {@return a copy that Keras trains or not}
   *
   * @param applyDuringTraining whether Keras trains the filter
   */
  public Filter applyDuringTraining(boolean applyDuringTraining) {
    return new Filter(
        kind, tauInitializer, dt, levelInitializer, applyDuringTraining, returnSequences, name);
  }

  /**
   * {@return a copy returning every step's value, or only the last one's}
   *
   * @param returnSequences whether the output is every step's value
   */
  public Filter returnSequences(boolean returnSequences) {
    return new Filter(
        kind, tauInitializer, dt, levelInitializer, applyDuringTraining, returnSequences, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Filter name(String name) {
    return new Filter(
        kind,
        tauInitializer,
        dt,
        levelInitializer,
        applyDuringTraining,
        returnSequences,
        Optional.of(name));
  }

  @Override
  public String type() {
    return kind.kerasClass();
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    units(inputs);
    return returnSequences ? in : in.dropFirst(1);
  }

  /** Initial level then tau, {@code (1, units...)} for Lowpass, {@code (units,)} for Alpha. */
  @Override
  public List<WeightShapes.Weight> weights(List<Shape> inputs) {
    long units = units(inputs);
    if (kind == Kind.ALPHA) {
      return weightsOf(new int[] {Math.toIntExact(units)});
    }
    return weightsOf(Checks.single(inputs).dropFirst(1).prepend(1).toArray());
  }

  /** The weights as for an input of shape {@code (time, cin)}. */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    return weightsOf(kind == Kind.ALPHA ? new int[] {cin} : new int[] {1, cin});
  }

  private List<WeightShapes.Weight> weightsOf(int[] shape) {
    return List.of(
        new WeightShapes.Weight("initial_level", shape, "constant(" + levelInitializer + ")"),
        new WeightShapes.Weight("tau", shape, "constant(" + tauInitializer + ")"));
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    long n = Math.multiplyExact(2, units(inputs));
    return applyDuringTraining ? ParamCount.trainable(n) : new ParamCount(0, n);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return accounting == Accounting.KERAS_SPIKING
        ? Optional.empty()
        : Optional.of(LayerStats.neuronsOnly(units(inputs)));
  }

  @Override
  public String describe() {
    return kind.kerasClass().toLowerCase(java.util.Locale.ROOT)
        + "(tau "
        + tauInitializer
        + (dt == DEFAULT_DT ? "" : ", dt " + dt)
        + (returnSequences ? "" : ", last step")
        + ")";
  }

  /**
   * {@return the number of units of one timestep: the input's size without its time axis}
   *
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException if the input has no time axis or a unit axis is undefined
   */
  public long units(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    if (in.rank() < 2) {
      throw ShapeException.of(
          ShapeError.WRONG_RANK,
          inputs,
          "filters over time and needs an"
              + " input of (time, units...), but the input is "
              + in.toKerasString()
              + "; start the"
              + " model with Model.input(NONE, ...) for a time axis");
    }
    long units =
        in.dropFirst(1)
            .elementCount()
            .orElseThrow(
                () ->
                    Checks.undefined(
                        inputs,
                        "keeps a state per unit, but "
                            + in.toKerasString()
                            + " has an undefined dimension after"
                            + " the time axis; give it a size"));
    if (units > Integer.MAX_VALUE) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "has "
              + units
              + " units per"
              + " timestep in "
              + in.toKerasString()
              + ", more than a weight array holds (at most "
              + Integer.MAX_VALUE
              + ")");
    }
    return units;
  }
}
