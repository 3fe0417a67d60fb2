package org.neurojoule.processor.model;

import java.util.List;
import java.util.Objects;

/**
 * A network that passed every check: what the writer generates from.
 *
 * @param declaration the source
 * @param layers the layers in declaration order
 * @param outputs the names of the model's outputs: the layers no later layer reads, in declaration
 *     order
 */
public record ResolvedNetwork(
    NetworkDeclaration declaration, List<ResolvedLayer> layers, List<String> outputs) {

  public ResolvedNetwork {
    Objects.requireNonNull(declaration, "declaration == null");
    layers = List.copyOf(layers);
    outputs = List.copyOf(outputs);
  }
}
