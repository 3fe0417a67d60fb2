package org.neurojoule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.neurojoule.layer.InputLayer;
import org.neurojoule.layer.KerasNames;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.Layers;
import org.neurojoule.layer.TimeDistributed;
import org.neurojoule.layer.WeightShapes;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeError;
import org.neurojoule.shape.ShapeException;

/**
 * The graph machinery behind {@link Tensor}'s fluent methods: checking a layer against the tensors
 * it is applied to, the step of a {@code TimeDistributed}, and naming and placing a layer before
 * any model exists, for error messages (its position and likely auto name are counted among the
 * layers upstream of its inputs).
 */
final class TensorGraph {
  private TensorGraph() {}

  /**
   * {@return the output shape of {@code layer} applied to {@code inputs}, checked now: an error
   * names the layer} A reused layer with weights must get inputs its weights fit.
   */
  static Shape outputShape(Layer layer, List<Tensor> inputs) {
    inputs.forEach(t -> Objects.requireNonNull(t, "input == null"));
    List<Shape> shapes = inputs.stream().map(Tensor::shape).toList();
    Shape out =
        Layers.outputShape(
            () -> positionFor(inputs), () -> provisionalName(layer, inputs), layer.spec(), shapes);
    requireSameWeights(layer, shapes, inputs);
    return out;
  }

  /**
   * {@return the spec {@code spec} builds, its argument errors placed on the layer being declared}
   *
   * @param method the fluent method declaring the layer, for messages
   */
  static LayerSpec build(List<Tensor> inputs, String method, Supplier<? extends LayerSpec> spec) {
    try {
      return Objects.requireNonNull(spec.get(), "configurer returned null");
    } catch (ShapeException e) {
      throw e.inLayer(positionFor(inputs), provisionalName(method, inputs), method);
    }
  }

  /**
   * A reused layer with weights must get inputs its weights fit, as in Keras (whose weights are
   * built for the first input): the weight shapes of every application must be the first's.
   */
  private static void requireSameWeights(Layer layer, List<Shape> shapes, List<Tensor> inputs) {
    List<Shape> first = layer.firstInputShapes();
    if (first == null || !WeightShapes.hasWeights(layer.spec())) {
      return;
    }
    List<WeightShapes.Weight> built;
    List<WeightShapes.Weight> now;
    try {
      built = WeightShapes.of(layer.spec(), first);
      now = WeightShapes.of(layer.spec(), shapes);
    } catch (ShapeException e) {
      return; // an undefined channel axis: outputShape has had its say
    }
    if (!built.equals(now)) {
      throw new IllegalArgumentException(
          "layer '"
              + provisionalName(layer, inputs)
              + "' "
              + layer.spec().describe()
              + " ("
              + layer.spec().type()
              + ") was built for input "
              + kerasShapes(first)
              + "; it cannot be applied to "
              + kerasShapes(shapes)
              + ": its weights are "
              + weightsText(built)
              + ", the new input would need "
              + weightsText(now));
    }
  }

  private static String kerasShapes(List<Shape> shapes) {
    return shapes.size() == 1
        ? shapes.get(0).toKerasString()
        : shapes.stream().map(Shape::toKerasString).toList().toString();
  }

  private static String weightsText(List<WeightShapes.Weight> weights) {
    return weights.stream()
        .map(w -> WeightShapes.shapeText(w.shape()))
        .collect(Collectors.joining(" and "));
  }

  /**
   * {@return the one layer {@code step} applies to a single timestep of {@code outer}, for {@code
   * TimeDistributed}} The step gets an input tensor of one timestep's shape.
   *
   * @throws ShapeException if {@code outer} has no time axis
   * @throws IllegalArgumentException if {@code step} does not apply exactly one layer to it
   */
  static Layer wrappedStep(Tensor outer, UnaryOperator<Tensor> step) {
    Objects.requireNonNull(step, "step == null");
    Shape shape = outer.shape();
    if (shape.rank() < 2) {
      throw ShapeException.of(
              ShapeError.WRONG_RANK,
              List.of(shape),
              "timeDistributed needs an input of (time, ...) with rank 2 or more, but the input is "
                  + shape)
          .inLayer(
              positionFor(List.of(outer)),
              provisionalName("timeDistributed", List.of(outer)),
              "timeDistributed");
    }
    Shape stepShape = TimeDistributed.stepShape(shape);
    Tensor stepInput =
        Tensor.input(new Layer(InputLayer.of(stepShape), Optional.empty()), stepShape);
    Tensor stepOutput = Objects.requireNonNull(step.apply(stepInput), "step returned null");
    if (stepOutput.inputs().size() != 1 || stepOutput.inputs().get(0) != stepInput) {
      throw new IllegalArgumentException(
          "timeDistributed(...) wraps exactly one layer applied to the step tensor it is given,"
              + " e.g. timeDistributed(t -> t.conv2d(2, 7)); got "
              + describeChain(stepOutput));
    }
    return stepOutput.layer();
  }

  /** The index the next layer after {@code inputs} has: the number of layers upstream. */
  static int positionFor(List<Tensor> inputs) {
    return upstreamLayers(inputs).size();
  }

  /** The Keras auto name {@code layer} will likely get: counted among the layers upstream. */
  static String provisionalName(Layer layer, List<Tensor> inputs) {
    return layer
        .givenName()
        .orElseGet(
            () -> {
              String prefix = layer.namePrefix();
              long same =
                  upstreamLayers(inputs).stream()
                      .filter(l -> l != layer && l.namePrefix().equals(prefix))
                      .count();
              return KerasNames.autoName(prefix, (int) same);
            });
  }

  /** The Keras auto name of the layer the fluent {@code method} declares after {@code inputs}. */
  static String provisionalName(String method, List<Tensor> inputs) {
    // Method names spell ReLU as "relu"; Keras' type names, from which prefixes come, do not.
    String type = Character.toUpperCase(method.charAt(0)) + method.substring(1);
    String prefix = KerasNames.snakeCase(type.replace("Relu", "ReLU"));
    long same = upstreamLayers(inputs).stream().filter(l -> l.namePrefix().equals(prefix)).count();
    return KerasNames.autoName(prefix, (int) same);
  }

  private static List<Layer> upstreamLayers(List<Tensor> from) {
    Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Map<Tensor, Boolean> visited = new IdentityHashMap<>();
    Deque<Tensor> todo = new ArrayDeque<>(from);
    while (!todo.isEmpty()) {
      Tensor t = todo.pop();
      if (visited.put(t, Boolean.TRUE) == null) {
        seen.add(t.layer());
        t.layer().wrapped().ifPresent(seen::add);
        todo.addAll(t.inputs());
      }
    }
    List<Layer> out = new ArrayList<>(seen);
    out.sort(Comparator.comparingLong(Layer::creationOrder));
    return out;
  }

  /** The chain that produced {@code tensor}: {@code input 28x28x1 -> conv2d(2, 7x7) -> relu}. */
  static String describeChain(Tensor tensor) {
    List<String> parts = new ArrayList<>();
    for (Tensor t = tensor; ; t = t.inputs().get(0)) {
      parts.add(0, t.layer().spec().describe());
      if (t.inputs().size() != 1) {
        break;
      }
    }
    return String.join(" -> ", parts);
  }
}
