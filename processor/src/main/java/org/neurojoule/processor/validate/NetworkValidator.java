package org.neurojoule.processor.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.layer.Layers;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.processor.model.LayerDeclaration;
import org.neurojoule.processor.model.NetworkDeclaration;
import org.neurojoule.processor.model.Recipe;
import org.neurojoule.processor.model.ResolvedLayer;
import org.neurojoule.processor.model.ResolvedNetwork;
import org.neurojoule.processor.model.SpecArgumentException;
import org.neurojoule.processor.model.SpecFactory;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/**
 * Checks a declared network with the layer algebra of {@code api}, the code the runtime runs, and
 * resolves it for the writer.
 *
 * <p>It reports every independent problem: all unknown or forward {@code from} names, all values a
 * spec rejects (whatever the layer's inputs), and each layer that does not fit its inputs. A layer
 * whose input shape is unknown because an upstream layer failed is not checked against it, so one
 * mistake does not cascade down a chain; independent branches still are, and so are the layers
 * after a failed one whose output shape does not depend on the bad value (an activation, a dropout,
 * a batch normalization keep their input's shape). Messages are the runtime's own: {@link Layers}
 * places each error on the layer, numbered as the runtime numbers it (see {@link Graph}).
 */
public final class NetworkValidator {
  private final ErrorReporter reporter;

  public NetworkValidator(ErrorReporter reporter) {
    this.reporter = reporter;
  }

  /** The checked network, or empty if anything was reported. */
  public Optional<ResolvedNetwork> validate(NetworkDeclaration network) {
    int errorsBefore = reporter.errorCount();
    List<LayerDeclaration> layers = network.layers();
    boolean hasInput = layers.stream().anyMatch(l -> l.kind().isInput());
    List<List<Integer>> inputs = resolveInputs(layers, hasInput);
    boolean connected = inputs.stream().allMatch(in -> in != null);
    // Unresolved inputs count as none: such layers are not checked against their inputs.
    Graph graph =
        new Graph(inputs.stream().map(in -> in == null ? List.<Integer>of() : in).toList());

    List<Recipe<? extends LayerSpec>> recipes = new ArrayList<>();
    for (LayerDeclaration layer : layers) {
      // "layer N" in a compile-time message is the field's position among the network's fields.
      recipes.add(recipe(layer, layer.position()));
    }

    Shape[] shapes = new Shape[layers.size()];
    for (LayerDeclaration layer : layers) {
      int i = layer.position();
      List<Integer> in = inputs.get(i);
      if (in == null || in.stream().anyMatch(j -> shapes[j] == null)) {
        continue;
      }
      if (recipes.get(i) == null) {
        shapes[i] = keptShape(layer, shapesOf(in, shapes));
        continue;
      }
      try {
        shapes[i] =
            Layers.outputShape(i, layer.name(), recipes.get(i).value(), shapesOf(in, shapes));
      } catch (ShapeException e) {
        reporter.error(e.getMessage(), layer.field(), layer.mirror(), Optional.empty());
      }
    }
    if (!connected) {
      return Optional.empty();
    }

    int[] kerasIndex = graph.kerasOrder();
    List<ResolvedLayer> resolved = new ArrayList<>();
    for (LayerDeclaration layer : layers) {
      int i = layer.position();
      if (shapes[i] != null && recipes.get(i) != null) {
        List<String> names = inputs.get(i).stream().map(j -> layers.get(j).name()).toList();
        statistics(layer, recipes.get(i), inputs.get(i), shapes, kerasIndex[i])
            .map(stats -> stats.resolve(layer, recipes.get(i), names))
            .ifPresent(resolved::add);
      }
    }
    if (reporter.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    List<String> outputs = graph.outputs().stream().map(o -> layers.get(o).name()).toList();
    return Optional.of(new ResolvedNetwork(network, resolved, outputs));
  }

  /**
   * The output shape of a layer whose spec rejected a value, where that value cannot change it: the
   * input's shape for the layers that keep it; null otherwise.
   */
  private static Shape keptShape(LayerDeclaration layer, List<Shape> in) {
    boolean keeps = layer.kind().keepsShape() && layer.timeDistributed().isEmpty();
    return keeps && in.size() == 1 ? in.get(0) : null;
  }

  /**
   * For each layer, the positions it reads; null where a {@code from} name is bad. Without any
   * input in the network (reported already), the first layer's missing input is not reported again.
   */
  private List<List<Integer>> resolveInputs(List<LayerDeclaration> layers, boolean hasInput) {
    Map<String, Integer> positions = new HashMap<>();
    layers.forEach(l -> positions.put(l.name(), l.position()));
    List<List<Integer>> all = new ArrayList<>();
    for (LayerDeclaration layer : layers) {
      int i = layer.position();
      if (layer.kind().isInput()) {
        all.add(List.of());
      } else if (layer.from().isEmpty()) {
        if (i == 0 && hasInput) {
          reporter.error(
              Messages.noPreviousLayer(layer.name()),
              layer.field(),
              layer.mirror(),
              Optional.empty());
        }
        all.add(i == 0 ? null : List.of(i - 1));
      } else {
        all.add(resolveFrom(layer, positions, layers));
      }
    }
    return all;
  }

  private List<Integer> resolveFrom(
      LayerDeclaration layer, Map<String, Integer> positions, List<LayerDeclaration> layers) {
    List<Integer> in = new ArrayList<>();
    boolean ok = true;
    for (String from : layer.from()) {
      Integer j = positions.get(from);
      Optional<AnnotationValue> value = layer.fromValue();
      if (j == null) {
        List<String> before =
            layers.subList(0, layer.position()).stream().map(LayerDeclaration::name).toList();
        reporter.error(
            Messages.unknownFrom(layer.name(), from, before), layer.field(), layer.mirror(), value);
        ok = false;
      } else if (j >= layer.position()) {
        reporter.error(
            Messages.forwardReference(layer.name(), from), layer.field(), layer.mirror(), value);
        ok = false;
      } else {
        in.add(j);
      }
    }
    return ok ? in : null;
  }

  /** The layer's spec, or null if the spec rejects values (each reported on its attribute). */
  private Recipe<? extends LayerSpec> recipe(LayerDeclaration layer, int index) {
    Recipe<? extends LayerSpec> recipe = null;
    List<SpecArgumentException> errors;
    try {
      recipe = SpecFactory.build(layer);
      errors = recipe.errors();
    } catch (SpecArgumentException e) {
      errors = List.of(e);
    }
    for (SpecArgumentException e : errors) {
      String message = e.error().inLayer(index, layer.name(), layer.methodName()).getMessage();
      boolean onAnnotation = e.attribute().isEmpty();
      reporter.error(
          message,
          layer.field(),
          onAnnotation ? layer.timeDistributed().orElse(layer.mirror()) : layer.mirror(),
          onAnnotation ? Optional.empty() : layer.attributes().written(e.attribute()));
    }
    return errors.isEmpty() ? recipe : null;
  }

  /** What the algebra computes for a layer, before it is put together with its source. */
  private record Computed(
      Shape output, ParamCount params, LayerStats complete, LayerStats reference) {
    ResolvedLayer resolve(
        LayerDeclaration layer, Recipe<? extends LayerSpec> recipe, List<String> inputs) {
      return new ResolvedLayer(
          layer, recipe.value(), recipe.code(), inputs, output, params, complete, reference);
    }
  }

  /** Parameters and statistics in both accountings, errors as the runtime's energy() reports. */
  private Optional<Computed> statistics(
      LayerDeclaration layer,
      Recipe<? extends LayerSpec> recipe,
      List<Integer> inputs,
      Shape[] shapes,
      int index) {
    LayerSpec spec = recipe.value();
    List<Shape> in = shapesOf(inputs, shapes);
    Shape out = shapes[layer.position()];
    try {
      // The order of ModelEnergy: complete statistics, the reference's, then parameters.
      LayerStats complete =
          Layers.stats(index, layer.name(), spec, in, out, Accounting.COMPLETE)
              .orElse(LayerStats.NONE);
      LayerStats reference =
          Layers.stats(index, layer.name(), spec, in, out, Accounting.KERAS_SPIKING)
              .orElse(LayerStats.NONE);
      ParamCount params = Layers.params(index, layer.name(), spec, in);
      return Optional.of(new Computed(out, params, complete, reference));
    } catch (ShapeException e) {
      reporter.error(e.getMessage(), layer.field(), layer.mirror(), Optional.empty());
      return Optional.empty();
    }
  }

  private static List<Shape> shapesOf(List<Integer> positions, Shape[] shapes) {
    return positions.stream().map(j -> shapes[j]).toList();
  }
}
