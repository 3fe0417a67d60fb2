package org.neurojoule.processor.model;

import com.palantir.javapoet.CodeBlock;
import java.util.List;
import java.util.Objects;
import org.neurojoule.layer.LayerSpec;
import org.neurojoule.layer.LayerStats;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.shape.Shape;

/**
 * A checked layer: its spec and the code that builds it, its inputs, and what the layer algebra
 * computed for it.
 *
 * @param declaration the field it comes from
 * @param spec the layer spec, named after the field
 * @param code the expression that builds {@code spec}
 * @param inputs the names of the layers it reads, in order
 * @param output its output shape
 * @param params its Keras parameter count
 * @param complete its statistics under {@code Accounting.COMPLETE}
 * @param kerasSpiking its statistics under {@code Accounting.KERAS_SPIKING} (zero without a rule)
 */
public record ResolvedLayer(
    LayerDeclaration declaration,
    LayerSpec spec,
    CodeBlock code,
    List<String> inputs,
    Shape output,
    ParamCount params,
    LayerStats complete,
    LayerStats kerasSpiking) {

  public ResolvedLayer {
    Objects.requireNonNull(declaration, "declaration == null");
    Objects.requireNonNull(spec, "spec == null");
    Objects.requireNonNull(code, "code == null");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(output, "output == null");
    Objects.requireNonNull(params, "params == null");
    Objects.requireNonNull(complete, "complete == null");
    Objects.requireNonNull(kerasSpiking, "kerasSpiking == null");
  }

  /** The layer name: the field name. */
  public String name() {
    return declaration.name();
  }

  /** Whether the reference counts this layer differently from the complete accounting. */
  public boolean differsInKerasSpiking() {
    return complete.connections() != kerasSpiking.connections()
        || complete.neurons() != kerasSpiking.neurons();
  }
}
