package org.neurojoule.processor.model;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.neurojoule.layer.InputLayer;
import org.neurojoule.layer.LayerType;

/**
 * A layer annotation of {@code org.neurojoule.annotation}: one that names its spec with
 * {@code @LayerOf}, or {@code @TimeDistributed}, which wraps another layer annotation on the same
 * field and is not a layer by itself. Everything per layer type comes from the annotation's
 * {@code @LayerOf} and the spec, so no list of layer types lives here.
 */
public final class LayerKind {
  /** The package of the annotations. */
  public static final String PACKAGE = LayerType.ANNOTATIONS;

  private static final String TIME_DISTRIBUTED = "TimeDistributed";

  private final String simpleName;
  private final LayerType type;

  private LayerKind(String simpleName, LayerType type) {
    this.simpleName = simpleName;
    this.type = type;
  }

  /** The annotation's simple name, such as {@code Conv2D}: also Keras' class name. */
  public String simpleName() {
    return simpleName;
  }

  /** The annotation's qualified name. */
  public String qualifiedName() {
    return PACKAGE + "." + simpleName;
  }

  /** The layer type the annotation declares; not for {@code @TimeDistributed}. */
  public LayerType type() {
    return Objects.requireNonNull(type, "@TimeDistributed is not a layer by itself");
  }

  /** Whether this is {@code @TimeDistributed}. */
  public boolean isTimeDistributed() {
    return type == null;
  }

  /** Whether this is {@code @Input}. */
  public boolean isInput() {
    return type != null && type.spec() == InputLayer.class;
  }

  /**
   * The fluent method that declares this layer, {@code conv2d} or {@code leakyRelu}: runtime
   * messages about bad arguments name the layer by it, and so do ours.
   */
  public String methodName() {
    String s =
        simpleName.replace("ReLU", "Relu").replace("LIF", "Lif").replaceAll("(\\d)D$", "$1d");
    return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }

  /**
   * Whether the layer's output has its input's shape whatever its attributes (activations, dropout,
   * batch normalization): after one with a bad value, the next layers can still be checked.
   */
  public boolean keepsShape() {
    return type != null && type.keepsShape();
  }

  /** The kind whose annotation has this qualified name. */
  public static Optional<LayerKind> forAnnotation(String qualifiedName) {
    if (!qualifiedName.startsWith(PACKAGE + ".")) {
      return Optional.empty();
    }
    String simple = qualifiedName.substring(PACKAGE.length() + 1);
    if (simple.equals(TIME_DISTRIBUTED)) {
      return Optional.of(new LayerKind(simple, null));
    }
    return LayerType.named(simple).map(t -> new LayerKind(simple, t));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LayerKind k && k.simpleName.equals(simpleName);
  }

  @Override
  public int hashCode() {
    return simpleName.hashCode();
  }

  @Override
  public String toString() {
    return simpleName;
  }
}
