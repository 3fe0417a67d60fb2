package org.neurojoule.layer;

import java.util.List;
import java.util.Optional;
import org.neurojoule.shape.Shape;

/**
 * A layer type of the user's own. Implement {@link #type()}, {@link #outputShape} and, if it has
 * weights, {@link #params}. Statistics come from {@link #stats}, which by default has no rule (the
 * layer then counts nothing, with a warning), or from a rule registered at run time with {@code
 * ModelEnergy.registerLayer}.
 */
public interface CustomLayer extends LayerSpec {

  @Override
  default Optional<String> name() {
    return Optional.empty();
  }

  @Override
  default Optional<LayerStats> stats(List<Shape> inputs, Shape output, Accounting accounting) {
    return Optional.empty();
  }

  @Override
  default String describe() {
    return namePrefix();
  }
}
