package org.neurojoule.keras;

import java.util.List;
import java.util.Optional;
import org.neurojoule.layer.CustomLayer;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.shape.Shape;

/**
 * A Keras layer without a NeuroJoule equivalent, imported on request as a layer that costs
 * nothing (the reference counts such layers 0, with its "Cannot compute stats" warning). Its
 * parameters are the values stored for it in the file; its output shape is fixed at import.
 *
 * @param type the Keras class, shown in summaries
 * @param name the layer's name in the file
 * @param output the output shape, without the batch
 * @param stored the parameters stored for it in the file
 */
record ZeroCostLayer(String type, Optional<String> name, Shape output, ParamCount stored)
    implements CustomLayer {

  @Override
  public int maxInputs() {
    return Integer.MAX_VALUE;
  }

  @Override
  public Shape outputShape(List<Shape> inputs) {
    return output;
  }

  @Override
  public ParamCount params(List<Shape> inputs) {
    return stored;
  }

  @Override
  public String describe() {
    return "zero-cost " + type;
  }
}
