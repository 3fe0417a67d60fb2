package org.neurojoule;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.shape.Shape;

/**
 * What the energy models beyond the reference's need to know of a layer besides its statistics:
 * whether it works on spikes, and the sizes of the tensors it reads and writes.
 *
 * @param name the layer's name in the model
 * @param spikeInputs whether every input of the layer comes from a layer that emits spikes
 * @param emitsSpikes whether the layer itself emits spikes, so its neurons update every timestep
 * @param inputPerConnection whether it reads an input once per connection (a convolution, which
 *     slides over its input) rather than once
 * @param params its parameters (weights and biases), summed over applications
 * @param biasesPerOutput whether it adds a bias to each output element
 * @param inputElements the elements of its inputs without batch and leading time, summed over
 *     inputs and applications; empty if a dimension is undefined or the count overflows
 * @param outputElements the same for its outputs
 * @param shapes its input and output shapes, for errors
 * @param precision the formats of its weights and activations ({@link Precision#FLOAT32} unless
 *     recorded)
 */
record LayerFacts(
    String name,
    boolean spikeInputs,
    boolean emitsSpikes,
    boolean inputPerConnection,
    long params,
    boolean biasesPerOutput,
    OptionalLong inputElements,
    OptionalLong outputElements,
    String shapes,
    Precision precision) {

  /** {@return the facts of {@code layer} in {@code model}} */
  static LayerFacts of(Model model, Layer layer) {
    LayerSpec spec = layer.spec();
    List<Tensor> nodes = model.applications(layer);
    boolean spikeInputs = !nodes.isEmpty();
    OptionalLong in = OptionalLong.of(0);
    OptionalLong out = OptionalLong.of(0);
    StringBuilder shapes = new StringBuilder();
    for (Tensor node : nodes) {
      spikeInputs &=
          !node.inputs().isEmpty()
              && node.inputs().stream().allMatch(t -> t.layer().spec().emitsSpikes());
      for (Tensor t : node.inputs()) {
        in = plus(in, t.shape());
        shapes.append(shapes.length() == 0 ? "" : ", ").append(t.shape().toKerasString());
      }
      out = plus(out, node.shape());
      shapes.append(" -> ").append(node.shape().toKerasString());
    }
    return new LayerFacts(
        model.nameOf(layer),
        spikeInputs,
        spec.emitsSpikes(),
        spec.readsInputPerConnection(),
        model.params(layer).total(),
        spec.addsBiasPerOutput(),
        in,
        out,
        shapes.toString(),
        layer.precision().orElse(Precision.FLOAT32));
  }

  /** {@return the input elements, or an error naming the layer and its shapes} */
  long requireInputElements() {
    return require(inputElements, "input");
  }

  /** {@return the output elements, or an error naming the layer and its shapes} */
  long requireOutputElements() {
    return require(outputElements, "output");
  }

  private long require(OptionalLong n, String what) {
    if (n.isEmpty()) {
      throw new IllegalArgumentException(
          "layer '"
              + name
              + "' (shapes "
              + shapes
              + "): the "
              + what
              + " size the memory-aware energy model needs is undefined or passes 2^63-1");
    }
    return n.getAsLong();
  }

  private static OptionalLong plus(OptionalLong sum, Shape shape) {
    if (sum.isEmpty()) {
      return sum;
    }
    Shape s = shape.hasLeadingTime() ? shape.dropFirst(1) : shape;
    try {
      Optional<Long> n =
          s.elementCount().isPresent()
              ? Optional.of(Math.addExact(sum.getAsLong(), s.elementCount().getAsLong()))
              : Optional.empty();
      return n.map(OptionalLong::of).orElse(OptionalLong.empty());
    } catch (ArithmeticException e) {
      return OptionalLong.empty();
    }
  }
}
