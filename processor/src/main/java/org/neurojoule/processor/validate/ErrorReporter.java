package org.neurojoule.processor.validate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The one place diagnostics leave the processor. {@code error} records and returns, so that every
 * independent problem of a network is reported (as google/auto's {@code ErrorReporter}); callers
 * ask {@link #errorCount()} whether to go on. Each error is placed as precisely as the source
 * allows: the field, then its annotation, then the attribute value.
 *
 * <p>Every call site of {@code error} has a test in {@code NetworkProcessorErrorsTest}.
 */
public final class ErrorReporter {
  private final Messager messager;
  private int errors;

  public ErrorReporter(Messager messager) {
    this.messager = Objects.requireNonNull(messager, "messager == null");
  }

  /** Reports an error on {@code element}. */
  public void error(String message, Element element) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  /** Reports an error on an annotation of {@code element}, or on one of its values. */
  public void error(
      String message,
      Element element,
      AnnotationMirror annotation,
      Optional<AnnotationValue> value) {
    errors++;
    if (value.isPresent()) {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value.get());
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation);
    }
  }

  /** Reports an exception that escaped the processor's own code: a bug, never the user's fault. */
  public void internalError(Element element, RuntimeException e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    error(Messages.internal(element.toString(), trace.toString()), element);
  }

  /** Reports that the generated file could not be written. */
  public void writeFailed(Element element, String generated, String reason) {
    error(Messages.writeFailed(generated, reason), element);
  }

  /** Reports that a runtime type the generated class needs is not on the compile classpath. */
  public void runtimeMissing(Element network, String generated, String missing) {
    error(Messages.runtimeMissing(network.toString(), generated, missing), network);
  }

  /** Reports annotation values that were still unresolved in the last round. */
  public void unresolved(Element element) {
    error(Messages.unresolved(element.toString()), element);
  }

  /** The number of errors reported so far. */
  public int errorCount() {
    return errors;
  }
}
