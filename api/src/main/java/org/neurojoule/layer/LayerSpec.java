package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * A layer as declared: its kind and arguments, independent of where it is used.
 *
 * <p>Every rule of the layer algebra lives in the implementations: the output shape, the Keras
 * parameter count and the energy statistics, all from the input shapes (without the batch). The
 * fluent builder calls these at run time and the annotation processor at compile time, through
 * {@link Layers}, so the two cannot disagree. Specs are immutable values; their bare-named methods
 * ({@code strides(4)}, {@code padding(SAME)}) return modified copies.
 *
 * <p>A new layer type is a spec, an annotation that names it with {@link
 * org.neurojoule.annotation.LayerOf}, a fluent method and a forward-pass kernel; the README's
 * "Adding a layer type" shows the steps.
 */
public interface LayerSpec {

  /** {@return the Keras class name, shown in summaries: {@code Conv2D}, {@code ReLU}, ...} */
  String type();

  /**
   * {@return the name the user gave, if any; otherwise the model names the layer after its type}
   */
  Optional<String> name();

  /** {@return the stem of automatic names: Keras' snake case of {@link #type()}, {@code re_lu}} */
  default String namePrefix() {
    return KerasNames.snakeCase(type());
  }

  /** {@return the fewest inputs the layer takes} */
  default int minInputs() {
    return 1;
  }

  /** {@return the most inputs the layer takes} */
  default int maxInputs() {
    return 1;
  }

  /**
   * {@return the shape of one example of the output}
   *
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException if the layer cannot be applied to these inputs
   */
  Shape outputShape(List<Shape> inputs);

  /**
   * {@return the Keras parameter count for these inputs}
   *
   * @param inputs the shapes of the inputs (without the batch)
   */
  default ParamCount params(List<Shape> inputs) {
    return ParamCount.ZERO;
  }

  /**
   * {@return the weight arrays the layer holds when applied to inputs of these shapes (without the
   * batch), in Keras' order and layout; empty for a layer without weights}
   *
   * <p>The default gives {@link #weights(int)} for the single input's last axis; a layer whose
   * weights depend on more of its input overrides this too.
   *
   * @param inputs the shapes of the inputs (without the batch)
   * @throws ShapeException if a size the weights need is undefined or the inputs do not fit
   */
  default List<WeightShapes.Weight> weights(List<Shape> inputs) {
    return WeightShapes.ofLastAxis(this, inputs);
  }

  /**
   * {@return the weight arrays for an input whose last axis has {@code cin} entries (a layer whose
   * weights depend on more of its input gives them as for an input of shape {@code (cin,)}); empty,
   * the default, for a layer without weights}
   *
   * @param cin the size of the input's last axis
   */
  default List<WeightShapes.Weight> weights(int cin) {
    return List.of();
  }

  /**
   * {@return the statistics of one application on one timestep, or empty when {@code accounting}
   * has no rule for this layer (the reference then warns and counts nothing)}
   *
   * @param inputs the shapes of the inputs (without the batch)
   * @param output the output shape (without the batch)
   * @param accounting which statistics to count
   * @throws ShapeException if a size the statistics need is undefined
   */
  Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting);

  /**
   * {@return whether the layer reads its input as spatial axes followed by channels (convolutions,
   * pooling, padding, cropping, up-sampling), so that channels-first data would be misread; a model
   * warns when such a layer reads an input that looks channels-first}
   */
  default boolean readsChannelsLast() {
    return false;
  }

  /**
   * {@return the declaration in a short readable form, {@code conv2d(64, 11x11, strides 4, same)}}
   */
  String describe();

  /**
   * {@return whether the layer's outputs are spikes (events), as a {@code spikingActivation}'s or a
   * spiking neuron's are, so that the layers it feeds do event-driven work: an accumulate per
   * incoming spike rather than a multiply-accumulate per connection}
   */
  default boolean emitsSpikes() {
    return false;
  }

  /**
   * {@return what the layer does, for a comparison's breakdown of energy by kind; {@link
   * LayerKind#OTHER}, the default, for a layer of no listed kind}
   */
  default LayerKind layerKind() {
    return LayerKind.OTHER;
  }

  /** {@return whether this is a model's input, which computes nothing: its output is the data} */
  default boolean isInput() {
    return false;
  }

  /**
   * {@return the layer this one applies to every timestep of its input, as {@code TimeDistributed}
   * does, taking that layer's kind and kernel; empty, the default, for a layer that is no such
   * wrapper}
   */
  default Optional<LayerSpec> wrapped() {
    return Optional.empty();
  }

  /**
   * {@return whether the layer only moves values (flatten, reshape, dropout at inference), so that
   * its output is spikes where its input is}
   */
  default boolean movesValuesOnly() {
    return false;
  }

  /**
   * {@return whether the layer reads its input once per connection rather than once, as a
   * convolution does, which slides over its input}
   */
  default boolean readsInputPerConnection() {
    return false;
  }

  /** {@return whether the layer adds a bias to each output element, as a dense layer may} */
  default boolean addsBiasPerOutput() {
    return false;
  }

  /**
   * {@return how many synaptic operations a nonzero value at each position of the layer's single
   * input causes (a spike times its fan-out), where the layer has an exact rule; empty, the
   * default, where its connections are spread evenly over its input ({@link #fanOutPerValue})}
   *
   * @param input the concrete shape of one example of the input (without the batch)
   * @throws ShapeException if the input has an undefined size or too many positions
   */
  default Optional<long[]> fanOutPerPosition(Shape input) {
    return Optional.empty();
  }

  /**
   * {@return how many synaptic operations one nonzero input value causes on average: by default the
   * layer's connections spread evenly over its input values}
   *
   * @param connections the layer's connections in one application
   * @param inputValues the values of its inputs in one application
   */
  default double fanOutPerValue(long connections, long inputValues) {
    return inputValues == 0 ? 0 : (double) connections / inputValues;
  }
}
