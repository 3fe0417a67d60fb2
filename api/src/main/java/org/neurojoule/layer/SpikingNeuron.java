package org.neurojoule.layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * A layer of NIR neurons ({@link NeuronKind}: I, IF, LI, LIF, CubaLI, CubaLIF, Threshold), one per
 * unit of its input, declared per timestep: the input is one step's shape.
 *
 * <p>Each constant is one value for all units or one per unit, in the layer's unit order (row-major
 * over the channels-last shape). Defaults: {@code r} 1, {@code vLeak} 0, {@code vThreshold} 1,
 * {@code vReset} 0, {@code wIn} 1, {@code tau} and {@code tauMem} 0.01 s, {@code tauSyn} 0.005 s.
 * Time constants are {@code > 0}, every constant finite. The constants are not parameters: a neuron
 * stores no weights unless {@code recurrent}.
 *
 * <p>{@code recurrent}: the layer feeds its own output back into its input through a full linear
 * map of its units (a recurrent edge of a NIR graph through an Affine or Linear node, folded into
 * the neuron as Keras' SimpleRNN holds its {@code recurrent_kernel}). Its weights are then {@code
 * recurrent_kernel} {@code (units, units)} (Keras layout: from-unit, to-unit) and, if {@code
 * recurrentBias}, {@code recurrent_bias} {@code (units,)}; they are parameters, and the layer makes
 * {@code units x units} connections per step.
 *
 * <p>Statistics per step: neurons = units; connections = 0, or {@code units^2} if recurrent;
 * spiking for the kinds that emit spikes (not for the integrators I, LI, CubaLI).
 *
 * @param kind the neuron model
 * @param constants the model's constants by NIR name in camel case, exactly those of {@code kind}
 * @param recurrent whether the output feeds back through a recurrent weight matrix
 * @param recurrentBias whether that feedback adds a bias
 * @param name the name the user gave, or empty for an automatic one
 */
public record SpikingNeuron(
    NeuronKind kind,
    Map<String, PerUnit> constants,
    boolean recurrent,
    boolean recurrentBias,
    Optional<String> name)
    implements LayerSpec {
  /** The default membrane time constant ({@code tau}, {@code tauMem}), in seconds. */
  public static final double DEFAULT_TAU = 0.01;

  /** The default synaptic time constant ({@code tauSyn}), in seconds. */
  public static final double DEFAULT_TAU_SYN = 0.005;

  private static final List<String> TIME_CONSTANTS = List.of("tau", "tauSyn", "tauMem");

  /**
   * Checks every component; a bad one is an error naming it and its value.
   *
   * @param kind the neuron model
   * @param constants the model's constants, exactly those of {@code kind}
   * @param recurrent whether the output feeds back through a recurrent weight matrix
   * @param recurrentBias whether that feedback adds a bias
   * @param name the name the user gave, or empty for an automatic one
   */
  public SpikingNeuron {
    Checks.notNull(kind, "kind");
    Checks.notNull(constants, "constants");
    if (!constants.keySet().equals(new java.util.HashSet<>(kind.constants()))) {
      throw ShapeException.invalid(
          kind.nirType()
              + " takes the constants "
              + kind.constants()
              + ", got "
              + constants.keySet());
    }
    Map<String, PerUnit> ordered = new LinkedHashMap<>();
    for (String c : kind.constants()) {
      ordered.put(c, check(c, Checks.notNull(constants.get(c), c)));
    }
    constants = java.util.Collections.unmodifiableMap(ordered);
    if (recurrentBias && !recurrent) {
      throw ShapeException.invalid("recurrentBias needs recurrent(true)");
    }
    name = Checks.name(name);
  }

  private static PerUnit check(String what, PerUnit value) {
    for (int i = 0; i < value.size(); i++) {
      double v = value.at(i);
      String where = value.isScalar() ? what : what + "[" + i + "]";
      if (TIME_CONSTANTS.contains(what)) {
        if (!(v > 0 && v <= Float.MAX_VALUE)) {
          throw ShapeException.invalid(
              where
                  + " is a time constant in seconds and must be a"
                  + " finite number > 0, was "
                  + v);
        }
      } else {
        Checks.finiteFloat(where, v);
      }
    }
    return value;
  }

  /** {@return NIR's {@code I} with r 1} */
  public static SpikingNeuron integrator() {
    return of(NeuronKind.INTEGRATOR);
  }

  /** {@return NIR's {@code IF} with r 1, threshold 1, reset 0} */
  public static SpikingNeuron integrateAndFire() {
    return of(NeuronKind.INTEGRATE_AND_FIRE);
  }

  /** {@return NIR's {@code LI} with the defaults} */
  public static SpikingNeuron leakyIntegrator() {
    return of(NeuronKind.LEAKY_INTEGRATOR);
  }

  /** {@return NIR's {@code LIF} with the defaults} */
  public static SpikingNeuron lif() {
    return of(NeuronKind.LIF);
  }

  /** {@return NIR's {@code CubaLI} with the defaults} */
  public static SpikingNeuron cubaLeakyIntegrator() {
    return of(NeuronKind.CUBA_LEAKY_INTEGRATOR);
  }

  /** {@return NIR's {@code CubaLIF} with the defaults} */
  public static SpikingNeuron cubaLif() {
    return of(NeuronKind.CUBA_LIF);
  }

  /**
   * {@return NIR's {@code Threshold}: 1 where the input exceeds {@code threshold}, else 0}
   *
   * @param threshold one value for all units or one per unit
   */
  public static SpikingNeuron threshold(double... threshold) {
    return of(NeuronKind.THRESHOLD).with("threshold", threshold);
  }

  /**
   * {@return the neuron {@code kind} with the default constants}
   *
   * @param kind the neuron model
   */
  public static SpikingNeuron of(NeuronKind kind) {
    Map<String, PerUnit> defaults = new LinkedHashMap<>();
    for (String c : kind.constants()) {
      defaults.put(c, PerUnit.of(c, defaultOf(c)));
    }
    return new SpikingNeuron(kind, defaults, false, false, Optional.empty());
  }

  private static double defaultOf(String constant) {
    return switch (constant) {
      case "tau", "tauMem" -> DEFAULT_TAU;
      case "tauSyn" -> DEFAULT_TAU_SYN;
      case "r", "vThreshold", "wIn" -> 1;
      default -> 0;
    };
  }

  /**
   * {@return a copy with constant {@code constant} set}
   *
   * @param constant the constant's NIR name in camel case: {@code vThreshold}
   * @param values one value for all units or one per unit
   * @throws ShapeException if this kind has no such constant or a value is bad
   */
  public SpikingNeuron with(String constant, double... values) {
    if (!kind.constants().contains(constant)) {
      throw ShapeException.invalid(
          kind.nirType()
              + " has no constant "
              + constant
              + "; it takes "
              + String.join(", ", kind.constants()));
    }
    Map<String, PerUnit> next = new LinkedHashMap<>(constants);
    next.put(constant, PerUnit.of(constant, values));
    return new SpikingNeuron(kind, next, recurrent, recurrentBias, name);
  }

  /**
   * {@return the constant's values}
   *
   * @param constant the constant's NIR name in camel case
   * @throws ShapeException if this kind has no such constant
   */
  public PerUnit constant(String constant) {
    PerUnit p = constants.get(constant);
    if (p == null) {
      throw ShapeException.invalid(kind.nirType() + " has no constant " + constant);
    }
    return p;
  }

  /**
   * {@return a copy with this membrane time constant (LI, LIF)}
   *
   * @param tau seconds, one for all units or one per unit
   */
  public SpikingNeuron tau(double... tau) {
    return with("tau", tau);
  }

  /**
   * {@return a copy with this synaptic time constant (CubaLI, CubaLIF)}
   *
   * @param tauSyn seconds, one for all units or one per unit
   */
  public SpikingNeuron tauSyn(double... tauSyn) {
    return with("tauSyn", tauSyn);
  }

  /**
   * {@return a copy with this membrane time constant (CubaLI, CubaLIF)}
   *
   * @param tauMem seconds, one for all units or one per unit
   */
  public SpikingNeuron tauMem(double... tauMem) {
    return with("tauMem", tauMem);
  }

  /**
   * {@return a copy with this resistance (the input's gain)}
   *
   * @param r one for all units or one per unit
   */
  public SpikingNeuron r(double... r) {
    return with("r", r);
  }

  /**
   * {@return a copy with this leak voltage (LI, LIF, CubaLI, CubaLIF)}
   *
   * @param vLeak one for all units or one per unit
   */
  public SpikingNeuron vLeak(double... vLeak) {
    return with("vLeak", vLeak);
  }

  /**
   * {@return a copy with this firing threshold (IF, LIF, CubaLIF)}
   *
   * @param vThreshold one for all units or one per unit
   */
  public SpikingNeuron vThreshold(double... vThreshold) {
    return with("vThreshold", vThreshold);
  }

  /**
   * {@return a copy with this reset voltage (IF, LIF, CubaLIF)}
   *
   * @param vReset one for all units or one per unit
   */
  public SpikingNeuron vReset(double... vReset) {
    return with("vReset", vReset);
  }

  /**
   * {@return a copy with this input current weight (CubaLI, CubaLIF)}
   *
   * @param wIn one for all units or one per unit
   */
  public SpikingNeuron wIn(double... wIn) {
    return with("wIn", wIn);
  }

  /**
   * {@return a copy with this step threshold (Threshold)}
   *
   * @param threshold one for all units or one per unit
   */
  public SpikingNeuron thresholdValue(double... threshold) {
    return with("threshold", threshold);
  }

  /**
   * {@return a copy whose output feeds back into its input through recurrent weights, or not}
   *
   * @param recurrent whether the layer holds a recurrent kernel
   */
  public SpikingNeuron recurrent(boolean recurrent) {
    return new SpikingNeuron(kind, constants, recurrent, recurrentBias && recurrent, name);
  }

  /**
   * {@return a copy whose recurrent feedback adds a bias; implies {@code recurrent}}
   *
   * @param recurrentBias whether the recurrent feedback has a bias
   */
  public SpikingNeuron recurrentBias(boolean recurrentBias) {
    return new SpikingNeuron(kind, constants, recurrent || recurrentBias, recurrentBias, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public SpikingNeuron name(String name) {
    return new SpikingNeuron(kind, constants, recurrent, recurrentBias, Optional.of(name));
  }

  @Override
  public String type() {
    return kind.nirType();
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    long units = units(inputs);
    for (Map.Entry<String, PerUnit> c : constants.entrySet()) {
      int n = c.getValue().size();
      if (n != 1 && n != units) {
        throw ShapeException.of(
            ShapeError.INVALID_ARGUMENT,
            inputs,
            "has "
                + units
                + " units, but "
                + c.getKey()
                + " has "
                + n
                + " values; give one for all units or one"
                + " per unit");
      }
    }
    return Checks.single(inputs);
  }

  @Override
  public List<WeightShapes.Weight> weights(List<Shape> inputs) {
    return weights(Math.toIntExact(units(inputs)));
  }

  /** The recurrent weights as for {@code units} units; none unless recurrent. */
  @Override
  public List<WeightShapes.Weight> weights(int units) {
    if (!recurrent) {
      return List.of();
    }
    WeightShapes.Weight kernel = WeightShapes.Weight.glorot("recurrent_kernel", units, units);
    return recurrentBias
        ? List.of(kernel, WeightShapes.Weight.zeros("recurrent_bias", units))
        : List.of(kernel);
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    if (!recurrent) {
      return ParamCount.ZERO;
    }
    long units = units(inputs);
    long square = Math.multiplyExact(units, units);
    return ParamCount.trainable(recurrentBias ? Math.addExact(square, units) : square);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    long units = units(inputs);
    long connections = recurrent ? Math.multiplyExact(units, units) : 0;
    return Optional.of(new LayerStats(connections, units, kind.emitsSpikes()));
  }

  @Override
  public boolean emitsSpikes() {
    return kind.emitsSpikes();
  }

  @Override
  public LayerKind layerKind() {
    return LayerKind.SPIKING_NEURONS;
  }

  @Override
  public String describe() {
    StringBuilder s = new StringBuilder(kind.methodName()).append('(');
    String sep = "";
    for (Map.Entry<String, PerUnit> c : constants.entrySet()) {
      s.append(sep).append(c.getKey()).append(' ').append(c.getValue());
      sep = ", ";
    }
    return s.append(recurrent ? sep + "recurrent" : "").append(')').toString();
  }

  /**
   * {@return the number of neurons: the units of one step of the input}
   *
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException if a dimension is undefined or there are more units than an array holds
   */
  public long units(List<Shape> inputs) {
    long units = Checks.unitsPerStep(Checks.single(inputs), inputs, "input");
    if (units > Integer.MAX_VALUE - 8) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "has " + units + " units per" + " timestep, more than a constant array holds");
    }
    if (recurrent && units > 46_340) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "has "
              + units
              + " units, too"
              + " many for a recurrent kernel of units x units values in one array");
    }
    return units;
  }
}
