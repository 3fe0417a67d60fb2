package org.neurojoule.processor.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LayerType;
import org.neurojoule.layer.SpecBinder;
import org.neurojoule.layer.TimeDistributed;
import org.neurojoule.shape.ShapeException;

/**
 * Turns a layer declaration into its spec, with the code that builds it, through the api's {@link
 * SpecBinder}: the attributes named like the factory's parameters (with their defaults) go to the
 * factory named by the annotation's {@code @LayerOf}, every other attribute the source sets to the
 * wither of the same name, and the field name to {@code name(...)}.
 */
public final class SpecFactory {
  /** The attribute that wires a layer into the graph: not the spec's. */
  private static final String FROM = "from";

  private static final String NAME = "name";

  private SpecFactory() {}

  /**
   * The spec of {@code layer}, named after its field, with every value the spec rejects.
   *
   * @throws SpecArgumentException if no factory of the spec fits the annotation
   */
  public static Recipe<? extends LayerSpec> build(LayerDeclaration layer) {
    Attributes a = layer.attributes();
    String name = layer.name();
    Recipe<LayerSpec> unnamed = unnamed(layer.kind().type(), a);
    if (layer.timeDistributed().isPresent()) {
      Recipe<TimeDistributed> wrapped =
          Recipe.wrap(TimeDistributed.class, "of", unnamed, TimeDistributed::of);
      return wrapped.then("", NAME, s -> s.name(name), name);
    }
    return unnamed.then("", NAME, s -> withName(s, name), name);
  }

  private static Recipe<LayerSpec> unnamed(LayerType type, Attributes a) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String attribute : a.names()) {
      if (!attribute.equals(FROM)) {
        values.put(attribute, a.get(attribute));
      }
    }
    List<String> factoryAttributes;
    try {
      factoryAttributes = SpecBinder.factoryAttributes(type.spec(), type.factory(), values);
    } catch (ShapeException e) {
      throw new SpecArgumentException("", e);
    }
    // An error of the factory is put on its last attribute (the sizes, where it has any).
    String blame =
        factoryAttributes.isEmpty() ? "" : factoryAttributes.get(factoryAttributes.size() - 1);
    Recipe<LayerSpec> r;
    try {
      SpecBinder.Call call = SpecBinder.factory(type.spec(), type.factory(), values);
      r =
          Recipe.start(
              type.spec(), call.name(), () -> call.apply(null), blame, call.arguments().toArray());
    } catch (ShapeException e) {
      return Recipe.failed(new SpecArgumentException(blame, e));
    }
    for (String attribute : values.keySet()) {
      if (factoryAttributes.contains(attribute) || !a.isExplicit(attribute)) {
        continue;
      }
      try {
        Optional<SpecBinder.Call> step =
            SpecBinder.wither(type.spec(), attribute, a.get(attribute));
        if (step.isPresent()) {
          SpecBinder.Call call = step.get();
          r = r.then(attribute, call.name(), s -> call.apply(s), call.arguments().toArray());
        }
      } catch (ShapeException e) {
        r = r.rejected(new SpecArgumentException(attribute, e));
      }
    }
    return r;
  }

  private static LayerSpec withName(LayerSpec spec, String name) {
    // Every spec has a name(String) wither; LayerSpec declares none.
    return SpecBinder.wither(spec.getClass(), NAME, name).orElseThrow().apply(spec);
  }
}
