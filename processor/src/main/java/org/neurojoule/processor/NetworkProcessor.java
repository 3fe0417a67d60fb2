package org.neurojoule.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import org.neurojoule.processor.generate.ModelWriter;
import org.neurojoule.processor.model.NetworkDeclaration;
import org.neurojoule.processor.model.ResolvedNetwork;
import org.neurojoule.processor.model.UnresolvedAttributeException;
import org.neurojoule.processor.validate.DeclarationReader;
import org.neurojoule.processor.validate.ErrorReporter;
import org.neurojoule.processor.validate.NetworkValidator;
import org.neurojoule.processor.validate.StrayAnnotations;

/**
 * Checks {@code @Network} classes while javac compiles them and generates their typed model
 * classes: {@code Foo} gets {@code FooModel} beside it (or the name in {@code @Network(name)}).
 *
 * <p>The work is three steps: {@link DeclarationReader} turns the class into a model of the
 * source, {@link NetworkValidator} checks it with the layer algebra of {@code api} (the code the
 * runtime runs, so compile-time and run-time messages are the same), and {@link ModelWriter}
 * writes the class. Every problem goes through one {@link ErrorReporter}, which records and goes
 * on, so all the errors of a class are reported together.
 *
 * <p>{@link #process} never throws and returns {@code false}: the annotations stay unclaimed so
 * that other processors may read them too. An unexpected exception is a bug in this processor; it
 * becomes an {@code [NnInternal]} error on the class being processed. A class whose annotation
 * values javac has not resolved yet (a constant of a class generated in this round) waits for the
 * next round. The processor takes no {@code -A} options.
 */
@AutoService(Processor.class)
public final class NetworkProcessor extends AbstractProcessor {
  private final Set<String> deferred = new LinkedHashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("org.neurojoule.annotation.*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    ErrorReporter reporter = new ErrorReporter(processingEnv.getMessager());
    try {
      StrayAnnotations.report(annotations, round, reporter);
    } catch (RuntimeException e) {
      annotations.stream().findFirst().ifPresent(a -> reporter.internalError(a, e));
    }
    Set<TypeElement> networks = new LinkedHashSet<>();
    for (String name : deferred) {
      Optional.ofNullable(processingEnv.getElementUtils().getTypeElement(name))
          .ifPresent(networks::add);
    }
    deferred.clear();
    TypeElement network = processingEnv.getElementUtils()
        .getTypeElement("org.neurojoule.annotation.Network");
    if (network != null) {
      for (Element e : round.getElementsAnnotatedWith(network)) {
        if (e instanceof TypeElement type) {
          networks.add(type);
        }
      }
    }
    for (TypeElement type : networks) {
      processNetwork(type, reporter, round.processingOver());
    }
    return false;
  }

  private void processNetwork(TypeElement type, ErrorReporter reporter, boolean lastRound) {
    try {
      int errorsBefore = reporter.errorCount();
      Optional<NetworkDeclaration> declaration =
          new DeclarationReader(processingEnv.getElementUtils(), reporter).read(type);
      if (declaration.isEmpty()) {
        return;
      }
      Optional<ResolvedNetwork> network = new NetworkValidator(reporter).validate(declaration.get());
      if (network.isPresent() && reporter.errorCount() == errorsBefore) {
        write(type, ModelWriter.write(network.get()), reporter);
      }
    } catch (UnresolvedAttributeException e) {
      if (lastRound) {
        reporter.unresolved(type);
      } else {
        deferred.add(type.getQualifiedName().toString());
      }
    } catch (RuntimeException e) {
      reporter.internalError(type, e);
    }
  }

  private void write(TypeElement type, JavaFile file, ErrorReporter reporter) {
    try {
      file.writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      reporter.writeFailed(type, file.packageName() + "." + file.typeSpec().name(), e.toString());
    }
  }
}
