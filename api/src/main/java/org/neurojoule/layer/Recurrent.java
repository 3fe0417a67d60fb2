package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' recurrent layers {@code SimpleRNN}, {@code LSTM} and {@code GRU} over an input {@code
 * (time, features)}; the time axis may be undefined ({@link Shape#NONE}).
 *
 * <p>Output {@code (time, units)} with {@code returnSequences}, else {@code (units)} (the last
 * state). With {@code goBackwards} the input is read last step first and the sequence returned in
 * that order, as in Keras.
 *
 * <p>Parameters, as Keras counts them, with {@code g} gates (SimpleRNN 1, LSTM 4, GRU 3): {@code g
 * * units * (in + units)} plus a bias of {@code g * units}, or {@code 2 * g * units} for a GRU with
 * {@code resetAfter} (separate input and recurrent biases). With {@code recurrentBias} (PyTorch's
 * and ONNX's {@code bias_ih} and {@code bias_hh}) a SimpleRNN, LSTM or reset-before GRU stores a
 * second bias of {@code g * units} that adds to the first: the same function, but every stored
 * value is a parameter.
 *
 * <p>Statistics under {@link Accounting#COMPLETE}, per step of the recurrence: connections {@code g
 * * units * (in + units)}, the input and the recurrent connections of every gate (biases and the
 * element-wise gate products are not counted, as a Dense layer's bias is not); neurons, the
 * non-linearity evaluations: SimpleRNN {@code units} for its activation; LSTM {@code 3 * units} for
 * the input, forget and output gates' {@code recurrentActivation} and {@code 2 * units} for {@code
 * activation} (cell candidate and output); GRU {@code 2 * units} for the update and reset gates and
 * {@code units} for the candidate. A linear activation counts no neurons, as the reference's rule
 * for other layers; the layer is spiking when it has no neurons. Over an input with a defined time
 * length {@code T} the layer runs {@code T} steps within one example, so the figures are {@code T}
 * times the per-step ones; with an undefined time axis they are per timestep, like every layer on a
 * leading undefined time axis. The reference has no rule for these layers: {@link
 * Accounting#KERAS_SPIKING} counts 0 with its warning.
 *
 * @param cell which recurrent cell
 * @param units the size of the state and the output
 * @param activation the activation of the state (candidate) and, for LSTM, of the output
 * @param recurrentActivation the activation of the gates; unused by SimpleRNN
 * @param useBias whether the layer adds biases
 * @param returnSequences whether the output holds every step's state or only the last one
 * @param goBackwards whether the input is read from its last step to its first
 * @param resetAfter GRU only: whether the reset gate applies after the recurrent product (tf.keras
 *     2 and Keras 3's default) or before it (Keras 2's)
 * @param recurrentBias whether a second, recurrent bias is stored beside the input bias (PyTorch's
 *     {@code bias_hh}); not with {@code resetAfter}, which has its own
 * @param name the name the user gave, or empty for an automatic one
 */
public record Recurrent(
    Cell cell,
    int units,
    Activation activation,
    Activation recurrentActivation,
    boolean useBias,
    boolean returnSequences,
    boolean goBackwards,
    boolean resetAfter,
    boolean recurrentBias,
    Optional<String> name)
    implements LayerSpec {

  /** The recurrent cells, with their Keras class names and number of gates. */
  public enum Cell {
    /** {@code SimpleRNN}: {@code h = activation(x W + h U + b)}. */
    SIMPLE_RNN("SimpleRNN", 1),
    /** {@code LSTM}: gates input, forget, cell candidate, output, in Keras' order. */
    LSTM("LSTM", 4),
    /** {@code GRU}: gates update, reset, candidate, in Keras' order. */
    GRU("GRU", 3);

    private final String kerasClass;
    private final int gates;

    Cell(String kerasClass, int gates) {
      this.kerasClass = kerasClass;
      this.gates = gates;
    }

    /** {@return the Keras class name: {@code SimpleRNN}, {@code LSTM}, {@code GRU}} */
    public String kerasClass() {
      return kerasClass;
    }

    /** {@return the number of weight blocks of width {@code units}: 1, 4 or 3} */
    public int gates() {
      return gates;
    }

    /**
     * {@return the cell of this Keras class name}
     *
     * @param kerasClass {@code SimpleRNN}, {@code LSTM} or {@code GRU}
     * @throws ShapeException naming the valid ones for any other name
     */
    public static Cell ofKerasClass(String kerasClass) {
      for (Cell c : values()) {
        if (c.kerasClass.equals(kerasClass)) {
          return c;
        }
      }
      throw ShapeException.invalid(
          "unknown recurrent layer '" + kerasClass + "'; valid: SimpleRNN, LSTM, GRU");
    }
  }

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param cell which recurrent cell
   * @param units the size of the state and the output
   * @param activation the activation of the state (candidate) and, for LSTM, of the output
   * @param recurrentActivation the activation of the gates; unused by SimpleRNN
   * @param useBias whether the layer adds biases
   * @param returnSequences whether the output holds every step's state or only the last one
   * @param goBackwards whether the input is read from its last step to its first
   * @param resetAfter GRU only: whether the reset gate applies after the recurrent product
   * @param recurrentBias whether a second, recurrent bias is stored beside the input bias
   * @param name the name the user gave, or empty for an automatic one
   */
  public Recurrent {
    Checks.notNull(cell, "cell");
    Checks.positive("units", units);
    Checks.notNull(activation, "activation");
    Checks.notNull(recurrentActivation, "recurrentActivation");
    if (resetAfter && cell != Cell.GRU) {
      throw ShapeException.invalid("resetAfter applies to GRU only, not " + cell.kerasClass());
    }
    name = Checks.name(name);
  }

  /**
   * {@return Keras' {@code SimpleRNN}: tanh, with bias, last state only}
   *
   * @param units the size of the state and the output
   */
  public static Recurrent simpleRnn(int units) {
    return new Recurrent(
        Cell.SIMPLE_RNN,
        units,
        Activation.TANH,
        Activation.SIGMOID,
        true,
        false,
        false,
        false,
        false,
        Optional.empty());
  }

  /**
   * {@return Keras' {@code LSTM}: tanh, sigmoid gates (tf.keras 2 and Keras 3), with bias}
   *
   * @param units the size of the state and the output
   */
  public static Recurrent lstm(int units) {
    return new Recurrent(
        Cell.LSTM,
        units,
        Activation.TANH,
        Activation.SIGMOID,
        true,
        false,
        false,
        false,
        false,
        Optional.empty());
  }

  /**
   * {@return Keras' {@code GRU}: tanh, sigmoid gates, with bias, {@code resetAfter} (tf.keras 2 and
   * Keras 3)}
   *
   * @param units the size of the state and the output
   */
  public static Recurrent gru(int units) {
    return new Recurrent(
        Cell.GRU,
        units,
        Activation.TANH,
        Activation.SIGMOID,
        true,
        false,
        false,
        true,
        false,
        Optional.empty());
  }

  /**
   * {@return the layer of this cell with its Keras defaults}
   *
   * @param cell which recurrent cell
   * @param units the size of the state and the output
   */
  public static Recurrent of(Cell cell, int units) {
    return switch (Checks.notNull(cell, "cell")) {
      case SIMPLE_RNN -> simpleRnn(units);
      case LSTM -> lstm(units);
      case GRU -> gru(units);
    };
  }

  /**
   * {@return a copy with this activation}
   *
   * @param activation the activation of the state (candidate) and, for LSTM, of the output
   */
  public Recurrent activation(Activation activation) {
    return new Recurrent(
        cell,
        units,
        activation,
        recurrentActivation,
        useBias,
        returnSequences,
        goBackwards,
        resetAfter,
        recurrentBias,
        name);
  }

  /**
   * {@return a copy with this gate activation}
   *
   * @param recurrentActivation the activation of the gates
   */
  public Recurrent recurrentActivation(Activation recurrentActivation) {
    return new Recurrent(
        cell,
        units,
        activation,
        recurrentActivation,
        useBias,
        returnSequences,
        goBackwards,
        resetAfter,
        recurrentBias,
        name);
  }

  /**
   * {@return a copy with or without biases}
   *
   * @param useBias whether the layer adds biases
   */
  public Recurrent useBias(boolean useBias) {
    return new Recurrent(
        cell,
        units,
        activation,
        recurrentActivation,
        useBias,
        returnSequences,
        goBackwards,
        resetAfter,
        recurrentBias,
        name);
  }

  /**
   * {@return a copy returning every step's state, or only the last}
   *
   * @param returnSequences whether the output holds every step's state
   */
  public Recurrent returnSequences(boolean returnSequences) {
    return new Recurrent(
        cell,
        units,
        activation,
        recurrentActivation,
        useBias,
        returnSequences,
        goBackwards,
        resetAfter,
        recurrentBias,
        name);
  }

  /**
   * {@return a copy reading its input backwards, or forwards}
   *
   * @param goBackwards whether the input is read from its last step to its first
   */
  public Recurrent goBackwards(boolean goBackwards) {
    return new Recurrent(
        cell,
        units,
        activation,
        recurrentActivation,
        useBias,
        returnSequences,
        goBackwards,
        resetAfter,
        recurrentBias,
        name);
  }

  /**
   * {@return a copy with the GRU's reset gate after (true) or before the recurrent product}
   *
   * @param resetAfter whether the reset gate applies after the recurrent product
   */
  public Recurrent resetAfter(boolean resetAfter) {
    return new Recurrent(
        cell,
        units,
        activation,
        recurrentActivation,
        useBias,
        returnSequences,
        goBackwards,
        resetAfter,
        recurrentBias,
        name);
  }

  /**
   * {@return a copy with or without a second, recurrent bias (PyTorch's {@code bias_hh})}
   *
   * @param recurrentBias whether a recurrent bias of {@code gates * units} is stored beside the
   *     input bias; it needs {@code useBias}, and a GRU with {@code resetAfter} has its own
   */
  public Recurrent recurrentBias(boolean recurrentBias) {
    return new Recurrent(
        cell,
        units,
        activation,
        recurrentActivation,
        useBias,
        returnSequences,
        goBackwards,
        resetAfter,
        recurrentBias,
        name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Recurrent name(String name) {
    return new Recurrent(
        cell,
        units,
        activation,
        recurrentActivation,
        useBias,
        returnSequences,
        goBackwards,
        resetAfter,
        recurrentBias,
        Optional.of(name));
  }

  @Override
  public String type() {
    return cell.kerasClass();
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    // Checked here, not in the constructor, so that options may be set in any order.
    if (recurrentBias && (!useBias || resetAfter)) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "recurrentBias needs useBias"
              + " and no resetAfter (a reset-after GRU has its own recurrent bias)");
    }
    int in = features(inputs);
    long width = Math.multiplyExact((long) cell.gates(), units);
    if (width > Integer.MAX_VALUE || (long) in + units > Integer.MAX_VALUE) {
      throw ShapeException.of(
          ShapeError.OVERFLOW,
          inputs,
          cell.gates()
              + " gates of "
              + units
              + " units on "
              + in
              + " features need weight axes beyond "
              + Integer.MAX_VALUE);
    }
    Shape input = Checks.single(inputs);
    return returnSequences ? Shape.of(input.get(0), units) : Shape.of(units);
  }

  /**
   * Kernel {@code (cin, gates * units)}, recurrent kernel {@code (units, gates * units)}, then bias
   * {@code (gates * units,)} with {@code useBias}, or {@code (2, 3 * units)} for a GRU with {@code
   * resetAfter}, then recurrent bias {@code (gates * units,)} with {@code recurrentBias}.
   */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    int width = WeightShapes.dimension(this, "gates * units", cell.gates(), units);
    WeightShapes.Weight kernel = WeightShapes.Weight.glorot("kernel", cin, width);
    WeightShapes.Weight recurrent =
        new WeightShapes.Weight("recurrent_kernel", new int[] {units, width}, "orthogonal");
    if (!useBias) {
      return List.of(kernel, recurrent);
    }
    int[] bias = resetAfter() ? new int[] {2, width} : new int[] {width};
    WeightShapes.Weight first = WeightShapes.Weight.zeros("bias", bias);
    return recurrentBias
        ? List.of(kernel, recurrent, first, WeightShapes.Weight.zeros("recurrent_bias", width))
        : List.of(kernel, recurrent, first);
  }

  /** {@return how many weight arrays {@link #weights} gives: 2, 3 or 4} */
  public int weightArrays() {
    return 2 + (useBias ? 1 : 0) + (useBias && recurrentBias ? 1 : 0);
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    long in = features(inputs);
    long gateUnits = Math.multiplyExact((long) cell.gates(), units);
    long weights = Math.multiplyExact(gateUnits, in + units);
    long bias = useBias ? (resetAfter || recurrentBias ? 2 * gateUnits : gateUnits) : 0;
    return ParamCount.trainable(Math.addExact(weights, bias));
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    if (accounting == Accounting.KERAS_SPIKING) {
      return Optional.empty();
    }
    long in = features(inputs);
    int time = Checks.single(inputs).get(0);
    long steps = time == Shape.NONE ? 1 : time;
    long perStep = Math.multiplyExact(Math.multiplyExact((long) cell.gates(), units), in + units);
    long neurons = Math.multiplyExact(Math.multiplyExact(steps, units), nonLinearitiesPerUnit());
    return Optional.of(new LayerStats(Math.multiplyExact(steps, perStep), neurons, neurons == 0));
  }

  /**
   * Non-linear evaluations per unit and step: gates by recurrentActivation, the rest by activation.
   */
  private int nonLinearitiesPerUnit() {
    int gate = recurrentActivation.isLinear() ? 0 : 1;
    int act = activation.isLinear() ? 0 : 1;
    return switch (cell) {
      case SIMPLE_RNN -> act;
      case LSTM -> 3 * gate + 2 * act;
      case GRU -> 2 * gate + act;
    };
  }

  /** The defined feature size of an input {@code (time, features)}. */
  static int features(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    if (in.rank() != 2) {
      throw ShapeException.of(
          ShapeError.WRONG_RANK,
          inputs,
          "needs an input of rank 2 (time,"
              + " features), but the input is "
              + in
              + " (rank "
              + in.rank()
              + ")");
    }
    return Checks.channels(inputs);
  }

  @Override
  public String describe() {
    String method =
        switch (cell) {
          case SIMPLE_RNN -> "simpleRnn";
          case LSTM -> "lstm";
          case GRU -> "gru";
        };
    StringBuilder s = new StringBuilder(method).append('(').append(units);
    if (activation != Activation.TANH) {
      s.append(", ").append(activation.kerasName());
    }
    if (cell != Cell.SIMPLE_RNN && recurrentActivation != Activation.SIGMOID) {
      s.append(", gates ").append(recurrentActivation.kerasName());
    }
    if (!useBias) {
      s.append(", no bias");
    }
    if (returnSequences) {
      s.append(", sequences");
    }
    if (goBackwards) {
      s.append(", backwards");
    }
    if (cell == Cell.GRU && !resetAfter) {
      s.append(", reset before");
    }
    if (recurrentBias) {
      s.append(", recurrent bias");
    }
    return s.append(')').toString();
  }
}
