package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.reflect.Method;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;

/** Valid networks: what the processor generates, and that it compiles without a warning. */
class NetworkProcessorTest {

  @Test
  void mnist_generatesTheGoldenSource() {
    Compilation compilation = Sources.strictCompiler().compile(Sources.resource("good/test/Mnist.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.MnistModel")
        .hasSourceEquivalentTo(Sources.resource("expected/test/MnistModel.java"));
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
    Compilation again = Compiler.javac().withOptions("-Xlint:all", "-Werror", "-proc:none")
        .compile(List.of(generated.get(0), Sources.resource("good/test/AllLayers.java")));
    assertThat(again).succeededWithoutWarnings();
  }

  @Test
  void networkName_namesTheGeneratedClass() {
    Compilation compilation = Sources.compile(Sources.resource("good/test/AllLayers.java"));
    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("test.EveryLayer").contentsAsUtf8String()
        .contains("public final class EveryLayer {");
  }

  @Test
  void everyLayer_buildsARuntimeModelWithTheFieldNames() throws Exception {
    Class<?> type = RandomNetworks.load(
        Sources.compile(Sources.resource("good/test/AllLayers.java")), "test.EveryLayer");
    Method model = type.getMethod("model");
    Model built = (Model) model.invoke(null);
    assertThat(built.layerNames()).containsAtLeast("image", "conv", "perStep", "spikes", "flat");
    assertThat(type.getField("CONV_PARAMS").getLong(null))
        .isEqualTo(built.params(built.layer("conv")).total());
    assertThat(type.getField("GLOBAL_MAX_PARAMS").getLong(null)).isEqualTo(0);
  }

  private static String generated(String source, String name) throws Exception {
    Compilation compilation = Sources.compile(Sources.resource(source));
    return compilation.generatedSourceFile("test." + name).orElseThrow().getCharContent(true)
        .toString();
  }
}
