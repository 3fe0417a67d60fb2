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
  /**
   * {@return the statistics of one application of {@code layer} on one timestep}
   *
   * @param layer the layer spec
   * @param inputShapes the shapes of the inputs (without the batch)
   * @param outputShape the shape of the output (without the batch)
   */
  LayerStats stats(LayerSpec layer, List<Shape> inputShapes, Shape outputShape);
}
