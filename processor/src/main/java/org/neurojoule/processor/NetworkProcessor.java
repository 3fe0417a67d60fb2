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
import javax.lang.model.util.Elements;
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
 * <p>The work is three steps: {@link DeclarationReader} turns the class into a model of the source,
 * {@link NetworkValidator} checks it with the layer algebra of {@code api} (the code the runtime
 * runs, so compile-time and run-time messages are the same), and {@link ModelWriter} writes the
 * class. Every problem goes through one {@link ErrorReporter}, which records and goes on, so all
 * the errors of a class are reported together.
 *
 * <p>{@link #process} never throws. It claims the annotations it is given (returns {@code true})
 * when every one is a type of the package {@code org.neurojoule.annotation}, all of which it
 * handles, so that {@code javac -Xlint:all -Werror} does not fail with "No processor claimed any of
 * these annotations"; otherwise (an annotation of a subpackage, which {@code
 * "org.neurojoule.annotation.*"} also matches) it returns {@code false}, leaving them to other
 * processors. For the same reason it also claims {@code @javax.annotation.processing.Generated},
 * which marks the classes it writes, in a round where that annotation marks nothing else. An
 * unexpected exception is a bug in this processor; it becomes an {@code [NnInternal]} error on the
 * class being processed. The generated class needs {@code neurojoule-runtime}; without it on the
 * compile classpath, the class gets one {@code [NnRuntimeMissing]} error and nothing is generated.
 * A class whose annotation values javac has not resolved yet (a constant of a class generated in
 * this round) waits for the next round. The processor takes no {@code -A} options.
 */
@AutoService(Processor.class)
public final class NetworkProcessor extends AbstractProcessor {
  private static final String ANNOTATION_PACKAGE = "org.neurojoule.annotation";
  private static final String GENERATED = "javax.annotation.processing.Generated";

  private final Set<String> deferred = new LinkedHashSet<>();

  /** The classes this processor wrote, whose {@code @Generated} it claims in the next round. */
  private final Set<String> written = new LinkedHashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ANNOTATION_PACKAGE + ".*", GENERATED);
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
    TypeElement network =
        processingEnv.getElementUtils().getTypeElement(ANNOTATION_PACKAGE + ".Network");
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
    return annotations.stream().allMatch(a -> isOurs(a) || marksOnlyWrittenClasses(a, round));
  }

  /** Whether {@code annotation} is declared in {@code org.neurojoule.annotation} itself. */
  private boolean isOurs(TypeElement annotation) {
    return processingEnv
        .getElementUtils()
        .getPackageOf(annotation)
        .getQualifiedName()
        .contentEquals(ANNOTATION_PACKAGE);
  }

  /**
   * Whether {@code annotation} is {@code @Generated} on classes this processor wrote only: javac
   * would otherwise warn that no processor claimed it, and another generator's stays unclaimed.
   */
  private boolean marksOnlyWrittenClasses(TypeElement annotation, RoundEnvironment round) {
    return annotation.getQualifiedName().contentEquals(GENERATED)
        && round.getElementsAnnotatedWith(annotation).stream()
            .allMatch(
                e ->
                    e instanceof TypeElement t
                        && written.contains(t.getQualifiedName().toString()));
  }

  private void processNetwork(TypeElement type, ErrorReporter reporter, boolean lastRound) {
    try {
      int errorsBefore = reporter.errorCount();
      Optional<NetworkDeclaration> declaration =
          new DeclarationReader(processingEnv.getElementUtils(), reporter).read(type);
      if (declaration.isEmpty()) {
        return;
      }
      checkRuntime(declaration.get(), reporter);
      Optional<ResolvedNetwork> network =
          new NetworkValidator(reporter).validate(declaration.get());
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

  /**
   * Reports, instead of the generated class's cannot-find-symbol errors, that neurojoule-runtime is
   * missing from the compile classpath; the layers are still checked, nothing is written.
   */
  private void checkRuntime(NetworkDeclaration declaration, ErrorReporter reporter) {
    Elements elements = processingEnv.getElementUtils();
    ModelWriter.RUNTIME_TYPES.stream()
        .filter(t -> elements.getTypeElement(t.canonicalName()) == null)
        .findFirst()
        .ifPresent(
            missing ->
                reporter.runtimeMissing(
                    declaration.type(),
                    declaration.generated().simpleName(),
                    missing.canonicalName()));
  }

  private void write(TypeElement type, JavaFile file, ErrorReporter reporter) {
    try {
      file.writeTo(processingEnv.getFiler());
      // A network in the unnamed package gets its class there too.
      written.add(
          file.packageName().isEmpty()
              ? file.typeSpec().name()
              : file.packageName() + "." + file.typeSpec().name());
    } catch (IOException e) {
      reporter.writeFailed(type, file.packageName() + "." + file.typeSpec().name(), e.toString());
    }
  }
}
