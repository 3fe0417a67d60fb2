package org.neurojoule.layer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code Bidirectional}: a recurrent layer run forwards and a copy of it (own weights) run
 * backwards over the same input, their outputs merged.
 *
 * <p>The backward copy has {@code goBackwards} flipped; with {@code returnSequences} its output is
 * reversed along time before the merge, so both align step by step, as in Keras. Output: the
 * wrapped layer's, with twice the units under {@link MergeMode#CONCAT}. Parameters: twice the
 * wrapped layer's; weights the forward layer's then the backward layer's. Statistics: those of both
 * directions (twice the wrapped layer's, see {@link Recurrent}); the element-wise merge counts
 * nothing, as {@code Add} does. The reference has no rule for it ({@link Accounting#KERAS_SPIKING}:
 * 0 with its warning).
 *
 * @param layer the wrapped recurrent layer, as it runs forwards
 * @param mergeMode how the two directions' outputs combine
 * @param name the name the user gave, or empty for an automatic one
 */
public record Bidirectional(Recurrent layer, MergeMode mergeMode, Optional<String> name)
    implements LayerSpec {

  /** How the outputs of the two directions combine, by Keras' {@code merge_mode} names. */
  public enum MergeMode {
    /** Side by side on the last axis (Keras' default). */
    CONCAT,
    /** Element-wise sum. */
    SUM,
    /** Element-wise product. */
    MUL,
    /** Element-wise mean. */
    AVE;

    /** {@return Keras' name: {@code concat}, {@code sum}, {@code mul}, {@code ave}} */
    public String kerasName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param layer the wrapped recurrent layer, as it runs forwards
   * @param mergeMode how the two directions' outputs combine
   * @param name the name the user gave, or empty for an automatic one
   */
  public Bidirectional {
    Checks.notNull(layer, "layer");
    Checks.notNull(mergeMode, "mergeMode");
    name = Checks.name(name);
  }

  /**
   * {@return {@code layer} in both directions, concatenated}
   *
   * @param layer the wrapped recurrent layer, as it runs forwards
   */
  public static Bidirectional of(Recurrent layer) {
    return new Bidirectional(layer, MergeMode.CONCAT, Optional.empty());
  }

  /**
   * {@return the recurrent layer of this Keras class with its defaults, in both directions}
   *
   * @param layer the Keras class of the wrapped layer: {@code SimpleRNN}, {@code LSTM}, {@code GRU}
   * @param units the size of the wrapped layer's state
   */
  public static Bidirectional recurrent(String layer, int units) {
    return of(Recurrent.of(Recurrent.Cell.ofKerasClass(layer), units));
  }

  /**
   * {@return a copy with this merge mode}
   *
   * @param mergeMode how the two directions' outputs combine
   */
  public Bidirectional mergeMode(MergeMode mergeMode) {
    return new Bidirectional(layer, mergeMode, name);
  }

  /**
   * {@return a copy whose wrapped layer has this activation}
   *
   * @param activation the wrapped layer's activation
   */
  public Bidirectional activation(Activation activation) {
    return new Bidirectional(layer.activation(activation), mergeMode, name);
  }

  /**
   * {@return a copy whose wrapped layer has this gate activation}
   *
   * @param recurrentActivation the wrapped layer's gate activation
   */
  public Bidirectional recurrentActivation(Activation recurrentActivation) {
    return new Bidirectional(layer.recurrentActivation(recurrentActivation), mergeMode, name);
  }

  /**
   * {@return a copy whose wrapped layer has biases or not}
   *
   * @param useBias whether the wrapped layer adds biases
   */
  public Bidirectional useBias(boolean useBias) {
    return new Bidirectional(layer.useBias(useBias), mergeMode, name);
  }

  /**
   * {@return a copy whose wrapped layer returns every step or only the last}
   *
   * @param returnSequences whether the output holds every step
   */
  public Bidirectional returnSequences(boolean returnSequences) {
    return new Bidirectional(layer.returnSequences(returnSequences), mergeMode, name);
  }

  /**
   * {@return a copy whose forward layer reads backwards (and backward layer forwards), or not}
   *
   * @param goBackwards whether the wrapped layer reads its input from the last step
   */
  public Bidirectional goBackwards(boolean goBackwards) {
    return new Bidirectional(layer.goBackwards(goBackwards), mergeMode, name);
  }

  /**
   * {@return a copy whose wrapped GRU has the reset gate after the recurrent product, or before}
   *
   * @param resetAfter whether the reset gate applies after the recurrent product
   */
  public Bidirectional resetAfter(boolean resetAfter) {
    return new Bidirectional(layer.resetAfter(resetAfter), mergeMode, name);
  }

  /**
   * {@return a copy whose wrapped layer stores a second, recurrent bias (PyTorch's {@code
   * bias_hh}), or not}
   *
   * @param recurrentBias whether the wrapped layer stores a recurrent bias beside its input bias
   */
  public Bidirectional recurrentBias(boolean recurrentBias) {
    return new Bidirectional(layer.recurrentBias(recurrentBias), mergeMode, name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Bidirectional name(String name) {
    return new Bidirectional(layer, mergeMode, Optional.of(name));
  }

  /** {@return the backward copy: the wrapped layer with {@code goBackwards} flipped} */
  public Recurrent backwardLayer() {
    return layer.goBackwards(!layer.goBackwards());
  }

  @Override
  public String type() {
    return "Bidirectional";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape out = layer.outputShape(inputs);
    if (mergeMode != MergeMode.CONCAT) {
      return out;
    }
    return out.withLast(Math.multiplyExact(out.get(-1), 2));
  }

  /** The forward layer's weights, then the backward layer's. */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    List<WeightShapes.Weight> w = new java.util.ArrayList<>(layer.weights(cin));
    w.addAll(backwardLayer().weights(cin));
    return List.copyOf(w);
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    ParamCount one = layer.params(inputs);
    return one.plus(one);
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    Shape one = layer.outputShape(inputs);
    Optional<LayerStats> forward = layer.stats(inputs, one, accounting);
    Optional<LayerStats> backward = backwardLayer().stats(inputs, one, accounting);
    if (forward.isEmpty() || backward.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(forward.get().plus(backward.get()));
    } catch (ArithmeticException e) {
      throw ShapeException.invalid(e.getMessage());
    }
  }

  @Override
  public String describe() {
    return "bidirectional("
        + layer.describe()
        + (mergeMode == MergeMode.CONCAT ? "" : ", " + mergeMode.kerasName())
        + ")";
  }
}
