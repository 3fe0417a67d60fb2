package org.neurojoule.processor.validate;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import org.neurojoule.processor.model.Attributes;
import org.neurojoule.processor.model.ConstantNames;
import org.neurojoule.processor.model.LayerDeclaration;
import org.neurojoule.processor.model.LayerKind;
import org.neurojoule.processor.model.NetworkDeclaration;

/**
 * Reads a {@code @Network} class into a {@link NetworkDeclaration}: its layer fields, in
 * declaration order, with their annotations' values. Reports what is wrong with the declaration as
 * such (two layers on a field, no input, names the generated class cannot use); whether layers fit
 * together is {@link NetworkValidator}'s business.
 */
public final class DeclarationReader {
  private static final String NETWORK = LayerKind.PACKAGE + ".Network";

  private final Elements elements;
  private final ErrorReporter reporter;

  public DeclarationReader(Elements elements, ErrorReporter reporter) {
    this.elements = elements;
    this.reporter = reporter;
  }

  /**
   * The declaration of {@code type}, or empty if it is too broken to check further (the errors are
   * reported). A declaration is returned despite errors that do not hide others, such as a name
   * clash, an invalid generated name or a missing input, so that the layers' errors surface in the
   * same compilation.
   *
   * @throws org.neurojoule.processor.model.UnresolvedAttributeException if a value is unresolved
   */
  public Optional<NetworkDeclaration> read(TypeElement type) {
    if (type.getKind() != ElementKind.CLASS) {
      reporter.error(
          Messages.notAClass(
              type.getKind().toString().toLowerCase(java.util.Locale.ROOT),
              type.getQualifiedName().toString()),
          type);
      return Optional.empty();
    }
    ClassName generated = generatedName(type);
    List<LayerDeclaration> layers = new ArrayList<>();
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      layer(field, layers.size()).ifPresent(layers::add);
    }
    if (layers.stream().noneMatch(l -> l.kind().isInput())) {
      // Still checked: the layers' own values can be wrong too.
      reporter.error(Messages.noInput(type.getQualifiedName().toString()), type);
    }
    checkNames(layers);
    return Optional.of(new NetworkDeclaration(type, generated, layers));
  }

  /** The mirrors of {@code @Network} and the layer annotations on {@code element}. */
  static Optional<AnnotationMirror> networkAnnotation(TypeElement element) {
    return element.getAnnotationMirrors().stream()
        .filter(m -> qualifiedName(m).equals(NETWORK))
        .map(m -> (AnnotationMirror) m)
        .findFirst();
  }

  static String qualifiedName(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  /**
   * The name of the class to generate. An invalid {@code name} is reported and replaced by the
   * default, so that the layers are still checked; nothing is generated after an error.
   */
  private ClassName generatedName(TypeElement type) {
    String pkg = elements.getPackageOf(type).getQualifiedName().toString();
    AnnotationMirror network = networkAnnotation(type).orElseThrow();
    Attributes attributes = Attributes.of(network, elements);
    String name = (String) attributes.get("name");
    if (!name.isEmpty() && (!SourceVersion.isIdentifier(name) || SourceVersion.isKeyword(name))) {
      reporter.error(Messages.invalidClassName(name), type, network, attributes.written("name"));
      name = "";
    }
    return ClassName.get(pkg, name.isEmpty() ? type.getSimpleName() + "Model" : name);
  }

  private Optional<LayerDeclaration> layer(VariableElement field, int position) {
    List<AnnotationMirror> layerMirrors = new ArrayList<>();
    Optional<AnnotationMirror> timeDistributed = Optional.empty();
    for (AnnotationMirror mirror : field.getAnnotationMirrors()) {
      Optional<LayerKind> kind = LayerKind.forAnnotation(qualifiedName(mirror));
      if (kind.isEmpty()) {
        continue;
      }
      if (kind.get().isTimeDistributed()) {
        timeDistributed = Optional.of(mirror);
      } else {
        layerMirrors.add(mirror);
      }
    }
    String name = field.getSimpleName().toString();
    if (layerMirrors.isEmpty()) {
      timeDistributed.ifPresent(
          td -> reporter.error(Messages.timeDistributedAlone(name), field, td, Optional.empty()));
      return Optional.empty();
    }
    AnnotationMirror first = layerMirrors.get(0);
    for (AnnotationMirror extra : layerMirrors.subList(1, layerMirrors.size())) {
      // The first annotation still declares the layer, so the fields after it keep their inputs.
      reporter.error(
          Messages.twoLayers(name, simpleName(first), simpleName(extra)),
          field,
          extra,
          Optional.empty());
    }
    LayerKind kind = LayerKind.forAnnotation(qualifiedName(first)).orElseThrow();
    Attributes attributes = Attributes.of(first, elements);
    boolean hasFrom = attributes.names().contains("from");
    return Optional.of(
        new LayerDeclaration(
            field,
            position,
            kind,
            attributes,
            timeDistributed,
            hasFrom ? attributes.strings("from") : List.of(),
            hasFrom ? attributes.written("from") : Optional.empty()));
  }

  private void checkNames(List<LayerDeclaration> layers) {
    Map<String, LayerDeclaration> byPrefix = new HashMap<>();
    for (LayerDeclaration layer : layers) {
      String prefix = ConstantNames.prefix(layer.name());
      if (ConstantNames.RESERVED_METHODS.contains(layer.name())) {
        reporter.error(
            Messages.reservedName(layer.name(), layer.name() + "()", "its own methods"),
            layer.field());
      } else if (prefix.equals(ConstantNames.TOTAL)) {
        reporter.error(
            Messages.reservedName(layer.name(), prefix + "_PARAMS", "the network's totals"),
            layer.field());
      }
      LayerDeclaration other = byPrefix.putIfAbsent(prefix, layer);
      if (other != null) {
        reporter.error(Messages.nameClash(layer.name(), other.name(), prefix), layer.field());
      }
    }
  }

  private static String simpleName(AnnotationMirror mirror) {
    return mirror.getAnnotationType().asElement().getSimpleName().toString();
  }
}
