package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.Accounting;
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
   * 
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
   * 
   */
  Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting);

  /**
   * {@return whether the layer reads its input as spatial axes followed by channels (convolutions,
   * pooling, padding, cropping, up-sampling), so that channels-first data would be misread; a
   * model warns when such a layer reads an input that looks channels-first}
   */
  default boolean readsChannelsLast() {
    return false;
  }

  /**
   * {@return the declaration in a short readable form, {@code conv2d(64, 11x11, strides 4, same)}}
   */
  String describe();

  /**
   * {@return whether the layer's outputs are spikes (events), as a {@code spikingActivation}'s or
   * a spiking neuron's are, so that the layers it feeds do event-driven work: an accumulate per
   * incoming spike rather than a multiply-accumulate per connection}
   */
  default boolean emitsSpikes() {
    return false;
  }
}
