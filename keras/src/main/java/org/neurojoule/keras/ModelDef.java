package org.neurojoule.keras;

import java.util.List;
import java.util.Optional;
import org.neurojoule.ImportException;

/**
 * A Keras model config read into a graph: layers in file order, each with its calls (Keras' inbound
 * nodes), and the model's input and output tensor references. Sequential models are read into the
 * same form, each layer calling the previous one.
 *
 * @param name the model's name
 * @param layers the layers in file order
 * @param inputs the model's input tensors
 * @param outputs the model's output tensors
 * @param sequential whether the file declares a Sequential model
 */
record ModelDef(
    String name, List<LayerDef> layers, List<Ref> inputs, List<Ref> outputs, boolean sequential) {

  /** One output of one call of a layer: Keras' {@code [layer_name, node_index, tensor_index]}. */
  record Ref(String layer, int node, int tensor) {
    @Override
    public String toString() {
      return "['" + layer + "', " + node + ", " + tensor + "]";
    }
  }

  /** One call of a layer: its input tensors, with the shapes Keras 3 records for them. */
  record Call(List<Ref> inputs, List<Optional<List<Integer>>> shapes) {}

  /**
   * A layer entry.
   *
   * @param name the layer's name
   * @param className Keras' class name, without a registered package prefix
   * @param config the layer's config
   * @param calls its calls, in node order (empty for an input layer)
   * @param nested the inner model, if this entry is a whole model
   */
  record LayerDef(
      String name, String className, Cfg config, List<Call> calls, Optional<ModelDef> nested) {
    String where() {
      return ImportException.element("layer", name, className);
    }
  }
}
