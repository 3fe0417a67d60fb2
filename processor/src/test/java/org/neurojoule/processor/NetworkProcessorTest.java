package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.shape.Shape;

/** Valid networks: what the processor generates, and that it compiles without a warning. */
class NetworkProcessorTest {

  @Test
  void mnist_generatesTheGoldenSource() throws IOException {
    Compilation compilation =
        Sources.strictCompiler().compile(Sources.resource("good/test/Mnist.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.MnistModel")
        .hasSourceEquivalentTo(Sources.resource("expected/test/MnistModel.java"));
    // hasSourceEquivalentTo compares syntax trees only; the Javadoc and layout must match too.
    assertThat(compilation)
        .generatedSourceFile("test.MnistModel")
        .contentsAsUtf8String()
        .isEqualTo(resourceText("expected/test/MnistModel.java"));
  }

  @Test
  void mnist_compilesWithTheProcessor_underAllLintWarningsAsErrors() {
    // -Xlint:processing included: unclaimed annotations would fail the build under -Werror.
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new NetworkProcessor())
            .withOptions("-Xlint:all", "-Werror")
            .compile(Sources.resource("good/test/Mnist.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.MnistModel");
  }

  @Test
  void generatedAnnotationOfAnotherGenerator_staysUnclaimed() {
    // The processor claims @Generated on its own classes only; someone else's is not its to take.
    JavaFileObject other =
        JavaFileObjects.forSourceLines(
            "test.Other",
            "package test;",
            "",
            "@javax.annotation.processing.Generated(\"someone.Else\")",
            "final class Other {}");
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new NetworkProcessor())
            .withOptions("-Xlint:all")
            .compile(other);
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(
            "No processor claimed any of these annotations: java.compiler/"
                + "javax.annotation.processing.Generated");
  }

  @Test
  void mnist_generatedSource_isDeterministic() throws Exception {
    String first = generated("good/test/Mnist.java", "MnistModel");
    String second = generated("good/test/Mnist.java", "MnistModel");
    assertThat(second).isEqualTo(first);
    assertThat(first).contains("@Generated(\"org.neurojoule.processor.NetworkProcessor\")");
    assertThat(first).contains("The network declared by {@link Mnist}");
  }

  @Test
  void everyLayer_generatesCodeThatCompilesUnderAllLintWarningsAsErrors() {
    Compilation compilation =
        Sources.strictCompiler().compile(Sources.resource("good/test/AllLayers.java"));
    assertThat(compilation).succeededWithoutWarnings();
    // The generated class alone, through javac without the processor, with every lint category.
    List<JavaFileObject> generated = compilation.generatedSourceFiles();
    assertThat(generated).hasSize(1);
    Compilation again =
        Compiler.javac()
            .withOptions("-Xlint:all", "-Werror", "-proc:none")
            .compile(List.of(generated.get(0), Sources.resource("good/test/AllLayers.java")));
    assertThat(again).succeededWithoutWarnings();
  }

  @Test
  void networkName_namesTheGeneratedClass() {
    Compilation compilation = Sources.compile(Sources.resource("good/test/AllLayers.java"));
    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedSourceFile("test.EveryLayer")
        .contentsAsUtf8String()
        .contains("public final class EveryLayer {");
  }

  @Test
  void everyLayer_buildsARuntimeModelWithTheFieldNames() throws Exception {
    Class<?> type =
        RandomNetworks.load(
            Sources.compile(Sources.resource("good/test/AllLayers.java")), "test.EveryLayer");
    Method model = type.getMethod("model");
    Model built = (Model) model.invoke(null);
    assertThat(built.layerNames()).containsAtLeast("image", "conv", "perStep", "spikes", "flat");
    assertThat(type.getField("CONV_PARAMS").getLong(null))
        .isEqualTo(built.params(built.layer("conv")).total());
    assertThat(type.getField("GLOBAL_MAX_PARAMS").getLong(null)).isEqualTo(0);
    // Layer types added with only a spec, an annotation, a fluent method and a kernel.
    assertThat(type.getField("UPSAMPLED_SHAPE").get(null)).isEqualTo(Shape.of(14, 18, 2));
    assertThat(type.getField("CROPPED1D_SHAPE").get(null)).isEqualTo(Shape.of(13, 4));
    assertThat(type.getField("PADDED3D_SHAPE").get(null)).isEqualTo(Shape.of(10, 8, 12, 2));
    assertThat(built.layer("upsampled").spec())
        .isEqualTo(org.neurojoule.layer.UpSampling.upSampling2d(2, 3).name("upsampled"));
  }

  private static String resourceText(String path) throws IOException {
    try (InputStream in = NetworkProcessorTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String generated(String source, String name) throws Exception {
    Compilation compilation = Sources.compile(Sources.resource(source));
    return compilation
        .generatedSourceFile("test." + name)
        .orElseThrow()
        .getCharContent(true)
        .toString();
  }
}
