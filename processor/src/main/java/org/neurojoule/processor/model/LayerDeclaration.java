package org.neurojoule.processor.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;

/**
 * One layer as the source declares it: an annotated field, not yet checked against its inputs.
 *
 * @param field the annotated field; its name is the layer name
 * @param position the field's position among the network's layers (the first is 0)
 * @param kind the layer annotation
 * @param attributes the layer annotation's values
 * @param timeDistributed the {@code @TimeDistributed} wrapping the layer, if any
 * @param from the names in the {@code from} attribute; empty means the previous field
 * @param fromValue the {@code from} attribute as written, to place errors on
 */
public record LayerDeclaration(
    VariableElement field,
    int position,
    LayerKind kind,
    Attributes attributes,
    Optional<AnnotationMirror> timeDistributed,
    List<String> from,
    Optional<AnnotationValue> fromValue) {

  public LayerDeclaration {
    Objects.requireNonNull(field, "field == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(attributes, "attributes == null");
    Objects.requireNonNull(timeDistributed, "timeDistributed == null");
    from = List.copyOf(from);
    Objects.requireNonNull(fromValue, "fromValue == null");
  }

  /** The layer name: the field name. */
  public String name() {
    return field.getSimpleName().toString();
  }

  /** The layer annotation. */
  public AnnotationMirror mirror() {
    return attributes.mirror();
  }

  /** The method name runtime messages use for this layer, {@code timeDistributed} if wrapped. */
  public String methodName() {
    return timeDistributed.isPresent() ? "timeDistributed" : kind.methodName();
  }
}
