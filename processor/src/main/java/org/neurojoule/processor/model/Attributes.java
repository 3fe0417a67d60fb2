package org.neurojoule.processor.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Padding;

/**
 * The values of one annotation, converted to the Java types the layer specs take ({@code int[]} for
 * size lists, the enum constants themselves for enums), with Keras' defaults filled in from the
 * annotation's declaration.
 *
 * <p>A value javac could not resolve (a constant of a class not generated yet, a typo) makes {@link
 * #of} throw {@link UnresolvedAttributeException}, so that the network waits for the next round;
 * javac itself reports a value that stays unresolved.
 */
public final class Attributes {
  private final AnnotationMirror mirror;
  private final Map<String, Object> values;
  private final Map<String, AnnotationValue> explicit;

  private Attributes(
      AnnotationMirror mirror, Map<String, Object> values, Map<String, AnnotationValue> explicit) {
    this.mirror = mirror;
    this.values = values;
    this.explicit = explicit;
  }

  /** Reads every attribute of {@code mirror}, in the order the annotation declares them. */
  public static Attributes of(AnnotationMirror mirror, Elements elements) {
    Objects.requireNonNull(mirror, "mirror == null");
    Map<? extends ExecutableElement, ? extends AnnotationValue> all =
        elements.getElementValuesWithDefaults(mirror);
    Map<String, AnnotationValue> given = new LinkedHashMap<>();
    mirror.getElementValues().forEach((k, v) -> given.put(k.getSimpleName().toString(), v));
    Map<String, Object> converted = new LinkedHashMap<>();
    TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      AnnotationValue value = all.get(method);
      String name = method.getSimpleName().toString();
      if (value == null) {
        // A required attribute left out: javac reports it.
        throw new UnresolvedAttributeException(name);
      }
      converted.put(name, convert(name, method.getReturnType(), value));
    }
    return new Attributes(mirror, converted, given);
  }

  /** The annotation these values come from. */
  public AnnotationMirror mirror() {
    return mirror;
  }

  /** The attribute names in declaration order. */
  public List<String> names() {
    return List.copyOf(values.keySet());
  }

  /** Whether the source gives {@code name} a value (rather than leaving the default). */
  public boolean isExplicit(String name) {
    return explicit.containsKey(name);
  }

  /** The value as written, to place an error on; empty for a default. */
  public Optional<AnnotationValue> written(String name) {
    return Optional.ofNullable(explicit.get(name));
  }

  /** The converted value of {@code name}. */
  public Object get(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no attribute " + name + " in " + mirror);
    }
    return v;
  }

  public int integer(String name) {
    return (Integer) get(name);
  }

  public int[] ints(String name) {
    return ((int[]) get(name)).clone();
  }

  public double real(String name) {
    return (Double) get(name);
  }

  public boolean bool(String name) {
    return (Boolean) get(name);
  }

  public Padding padding(String name) {
    return (Padding) get(name);
  }

  public Activation activation(String name) {
    return (Activation) get(name);
  }

  /** A {@code String[]} attribute as a list. */
  public List<String> strings(String name) {
    return List.of((String[]) get(name));
  }

  private static Object convert(String name, TypeMirror type, AnnotationValue value) {
    Object raw = value.getValue();
    if (type.getKind() == TypeKind.ARRAY) {
      if (!(raw instanceof List<?> list)) {
        throw new UnresolvedAttributeException(name);
      }
      TypeMirror component = ((ArrayType) type).getComponentType();
      List<Object> items = new ArrayList<>();
      for (Object item : list) {
        items.add(convert(name, component, (AnnotationValue) item));
      }
      return switch (component.getKind()) {
        case INT, SHORT, BYTE -> items.stream().mapToInt(i -> (Integer) i).toArray();
        case LONG -> items.stream().mapToLong(i -> (Long) i).toArray();
        case DOUBLE, FLOAT -> items.stream().mapToDouble(i -> (Double) i).toArray();
        case BOOLEAN -> booleans(items);
        default ->
            items.stream().allMatch(String.class::isInstance)
                ? items.toArray(String[]::new)
                : items.toArray();
      };
    }
    Object converted =
        switch (type.getKind()) {
          case INT -> raw instanceof Integer ? raw : null;
          case SHORT, BYTE -> raw instanceof Number n ? (Object) n.intValue() : null;
          case LONG -> raw instanceof Long ? raw : null;
          case DOUBLE -> raw instanceof Double ? raw : null;
          case FLOAT -> raw instanceof Float f ? (Object) f.doubleValue() : null;
          case BOOLEAN -> raw instanceof Boolean ? raw : null;
          case DECLARED ->
              raw instanceof VariableElement constant
                  ? enumConstant(constant)
                  : raw instanceof String ? raw : null;
          default -> null;
        };
    if (converted == null) {
      throw new UnresolvedAttributeException(name);
    }
    return converted;
  }

  private static boolean[] booleans(List<Object> items) {
    boolean[] out = new boolean[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Boolean) items.get(i);
    }
    return out;
  }

  /**
   * The enum constant itself, loaded from the api the processor runs with, so that any enum an
   * annotation declares works without a list here; its name where its class cannot be loaded (the
   * spec's binder then finds the constant by name).
   */
  private static Object enumConstant(VariableElement constant) {
    String name = constant.getSimpleName().toString();
    TypeElement type = (TypeElement) constant.getEnclosingElement();
    try {
      Class<?> c = Class.forName(binaryName(type), false, Attributes.class.getClassLoader());
      if (c.isEnum()) {
        for (Object e : c.getEnumConstants()) {
          if (((Enum<?>) e).name().equals(name)) {
            return e;
          }
        }
      }
    } catch (ClassNotFoundException | LinkageError e) {
      // Not on the processor's class path: the name converts later.
    }
    return name;
  }

  /** The class-loader name of a type, nested types joined with {@code $}. */
  private static String binaryName(TypeElement type) {
    if (type.getEnclosingElement() instanceof TypeElement outer) {
      return binaryName(outer) + "$" + type.getSimpleName();
    }
    return type.getQualifiedName().toString();
  }
}
