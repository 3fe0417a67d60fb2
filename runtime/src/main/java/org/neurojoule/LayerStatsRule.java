package org.neurojoule;

import java.util.List;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.shape.Shape;

/**
 * The statistics of a layer type, registered with {@link ModelEnergy#registerLayer}: for custom
 * layers, or to replace a built-in rule (as KerasSpiking's {@code register_layer} allows).
 */
@FunctionalInterface
public interface LayerStatsRule {
  /** The statistics of one application of {@code layer} on one timestep. */
  LayerStats stats(LayerSpec layer, List<Shape> inputShapes, Shape outputShape);
}
