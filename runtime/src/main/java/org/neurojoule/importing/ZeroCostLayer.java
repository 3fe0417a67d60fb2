package org.neurojoule.importing;

import java.util.List;
import java.util.Optional;
import org.neurojoule.layer.CustomLayer;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.shape.Shape;

/**
 * A layer of an imported file without a NeuroJoule equivalent (a Keras class, an ONNX operator),
 * imported on request as a layer that costs nothing: the reference counts such layers 0, with its
 * "Cannot compute stats" warning. Its parameters are the values the file stores for it; its output
 * shape is fixed at import.
 *
 * @param type what the file calls it, shown in summaries
 * @param name its name in the file
 * @param output the output shape, without the batch
 * @param stored the values the file stores for it
 * @param describe its description, e.g. {@code zero-cost ONNX Hardmax}
 */
public record ZeroCostLayer(
    String type, Optional<String> name, Shape output, ParamCount stored, String describe)
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
}
