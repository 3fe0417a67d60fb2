package org.neurojoule.layer;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.neurojoule.annotation.LayerOf;

/**
 * A layer type as its annotation declares it (see {@link LayerOf}): the Keras class name, the spec
 * and its factory. The annotation processor and importers find a type here by its Keras class name
 * and build its spec with {@link #bind}, so no list of layer types exists outside the annotations.
 *
 * @param kerasClass the Keras class name, also the annotation's simple name: {@code Conv2D}
 * @param spec the spec class
 * @param factory the name of the spec's static factory
 * @param keepsShape whether the output has the input's shape whatever the attributes
 */
public record LayerType(
    String kerasClass, Class<? extends LayerSpec> spec, String factory, boolean keepsShape) {

  /** The package of the layer annotations. */
  public static final String ANNOTATIONS = "org.neurojoule.annotation";

  /**
   * Checks that no component is null.
   *
   * @param kerasClass the Keras class name, also the annotation's simple name
   * @param spec the spec class
   * @param factory the name of the spec's static factory
   * @param keepsShape whether the output has the input's shape whatever the attributes
   */
  public LayerType {
    Objects.requireNonNull(kerasClass, "kerasClass");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(factory, "factory");
  }

  /**
   * {@return the type declared by this annotation, or empty if it is no layer annotation}
   *
   * @param annotation an annotation type
   */
  public static Optional<LayerType> of(Class<?> annotation) {
    LayerOf of = annotation.getAnnotation(LayerOf.class);
    return of == null
        ? Optional.empty()
        : Optional.of(
            new LayerType(annotation.getSimpleName(), of.value(), of.factory(), of.keepsShape()));
  }

  /**
   * {@return the type whose annotation in {@value #ANNOTATIONS} has this simple name, or empty}
   *
   * @param kerasClass a Keras class name such as {@code Conv2D}
   */
  public static Optional<LayerType> named(String kerasClass) {
    if (!kerasClass.matches("[A-Za-z][A-Za-z0-9]*")) {
      return Optional.empty();
    }
    try {
      return of(
          Class.forName(ANNOTATIONS + "." + kerasClass, false, LayerType.class.getClassLoader()));
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * {@return the spec built from these values, see {@link SpecBinder#bind}}
   *
   * @param attributes the values by attribute name (camel case, as the annotation names them)
   * @throws org.neurojoule.shape.ShapeException if a value is missing, mistyped or rejected
   */
  public LayerSpec bind(Map<String, ?> attributes) {
    return SpecBinder.bind(spec, factory, attributes);
  }
}
