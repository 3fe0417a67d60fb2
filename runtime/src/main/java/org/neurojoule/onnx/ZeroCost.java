package org.neurojoule.onnx;

import java.util.List;
import java.util.Optional;
import org.neurojoule.layer.CustomLayer;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.shape.Shape;

/**
 * An ONNX operator without a NeuroJoule mapping, imported on request as a layer that costs
 * nothing (counted 0 with the reference's "Cannot compute stats" warning). Its parameters are the
 * values of its constant inputs; its output shape is fixed at import.
 *
 * @param type the operator type, shown in summaries
 * @param name the node's name
 * @param output the output shape, without the batch
 * @param stored the values of its constant inputs
 */
record ZeroCost(String type, Optional<String> name, Shape output, ParamCount stored)
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
    return "zero-cost ONNX " + type;
  }
}
