package org.neurojoule.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Objects;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Network} class as the source declares it.
 *
 * @param type the annotated class
 * @param generated the name of the class to generate
 * @param layers the layer fields in declaration order
 */
public record NetworkDeclaration(
    TypeElement type, ClassName generated, List<LayerDeclaration> layers) {

  public NetworkDeclaration {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(generated, "generated == null");
    layers = List.copyOf(layers);
  }
}
