package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * Keras' {@code Embedding}: looks each integer id of its input up in a table of {@code inputDim}
 * rows of {@code outputDim} values.
 *
 * <p>The input holds ids, of any rank (a leading undefined time axis included); the output adds an
 * axis of {@code outputDim}. Parameters: {@code inputDim * outputDim}. A lookup copies a row and
 * does no multiply-add, so {@link Accounting#COMPLETE} counts no connections and no neurons; the
 * reference has no rule (0 and a warning under {@link Accounting#KERAS_SPIKING}). {@code maskZero}
 * changes no count. {@code inputLength} (old Keras configs) is the length the input's last axis
 * must have, if set.
 *
 * @param inputDim the number of ids: the ids are {@code 0 .. inputDim - 1}
 * @param outputDim the length of each embedding vector
 * @param maskZero whether id 0 is padding, masked downstream (counts are unchanged)
 * @param inputLength the length of the input sequences, or 0 for any
 * @param name the name the user gave, or empty for an automatic one
 */
public record Embedding(
    int inputDim, int outputDim, boolean maskZero, int inputLength, Optional<String> name)
    implements LayerSpec {

  /**
   * Checks every component; a bad one is an error naming it.
   *
   * @param inputDim the number of ids
   * @param outputDim the length of each embedding vector
   * @param maskZero whether id 0 is padding
   * @param inputLength the length of the input sequences, or 0 for any
   * @param name the name the user gave, or empty for an automatic one
   */
  public Embedding {
    Checks.positive("inputDim", inputDim);
    Checks.positive("outputDim", outputDim);
    if (inputLength < 0) {
      throw ShapeException.invalid("inputLength must be > 0 (or 0 for any), was " + inputLength);
    }
    name = Checks.name(name);
  }

  /**
   * {@return Keras' {@code Embedding} with its defaults}
   *
   * @param inputDim the number of ids: the ids are {@code 0 .. inputDim - 1}
   * @param outputDim the length of each embedding vector
   */
  public static Embedding of(int inputDim, int outputDim) {
    return new Embedding(inputDim, outputDim, false, 0, Optional.empty());
  }

  /**
   * {@return a copy with or without masking of id 0}
   *
   * @param maskZero whether id 0 is padding (counts are unchanged)
   */
  public Embedding maskZero(boolean maskZero) {
    return new Embedding(inputDim, outputDim, maskZero, inputLength, name);
  }

  /**
   * {@return a copy requiring this input length}
   *
   * @param inputLength the length the input's last axis must have
   */
  public Embedding inputLength(int inputLength) {
    return new Embedding(
        inputDim, outputDim, maskZero, Checks.positive("inputLength", inputLength), name);
  }

  /**
   * {@return a copy with this name}
   *
   * @param name the name
   */
  public Embedding name(String name) {
    return new Embedding(inputDim, outputDim, maskZero, inputLength, Optional.of(name));
  }

  @Override
  public String type() {
    return "Embedding";
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    Shape in = Checks.single(inputs);
    if (inputLength > 0 && in.rank() > 0 && in.isDefined(-1) && in.get(-1) != inputLength) {
      throw ShapeException.of(
          ShapeError.INVALID_ARGUMENT,
          inputs,
          "inputLength is "
              + inputLength
              + ", but the input "
              + in.toKerasString()
              + " has sequences of "
              + in.get(-1));
    }
    int[] d = in.toArray();
    int[] out = java.util.Arrays.copyOf(d, d.length + 1);
    out[d.length] = outputDim;
    return Shape.of(out);
  }

  /** Embeddings {@code (inputDim, outputDim)}, whatever the input (it may be undefined). */
  @Override
  public List<WeightShapes.Weight> weights(List<Shape> inputs) {
    return weights(1);
  }

  /** Embeddings {@code (inputDim, outputDim)}, initialized uniformly in [-0.05, 0.05]. */
  @Override
  public List<WeightShapes.Weight> weights(int cin) {
    return List.of(
        new WeightShapes.Weight("embeddings", new int[] {inputDim, outputDim}, "uniform"));
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    return ParamCount.trainable(Math.multiplyExact((long) inputDim, outputDim));
  }

  @Override
  public Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return accounting == Accounting.KERAS_SPIKING ? Optional.empty() : Optional.of(LayerStats.NONE);
  }

  @Override
  public String describe() {
    return "embedding(" + inputDim + ", " + outputDim + (maskZero ? ", mask zero" : "") + ")";
  }
}
