package org.neurojoule.processor.validate;

import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import org.neurojoule.processor.model.LayerKind;

/**
 * Finds layer annotations outside {@code @Network} classes, which would otherwise do nothing
 * without a word.
 */
public final class StrayAnnotations {
  private StrayAnnotations() {}

  /** Reports each layer annotation in this round on a field of a class without {@code @Network}. */
  public static void report(
      Set<? extends TypeElement> annotations, RoundEnvironment round, ErrorReporter reporter) {
    for (TypeElement annotation : annotations) {
      if (LayerKind.forAnnotation(annotation.getQualifiedName().toString()).isEmpty()) {
        continue;
      }
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        Element owner = element.getEnclosingElement();
        if (element instanceof VariableElement
            && owner instanceof TypeElement type
            && DeclarationReader.networkAnnotation(type).isEmpty()) {
          AnnotationMirror mirror =
              element.getAnnotationMirrors().stream()
                  .filter(
                      m ->
                          DeclarationReader.qualifiedName(m)
                              .equals(annotation.getQualifiedName().toString()))
                  .findFirst()
                  .orElseThrow();
          reporter.error(
              Messages.notInNetwork(
                  annotation.getSimpleName().toString(),
                  element.getSimpleName().toString(),
                  type.getQualifiedName().toString()),
              element,
              mirror,
              java.util.Optional.empty());
        }
      }
    }
  }
}
