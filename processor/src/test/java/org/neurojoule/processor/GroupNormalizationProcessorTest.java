package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.layer.GroupNormalization;

/** {@code @GroupNormalization} through the processor: the fluent spec, or a compile error. */
class GroupNormalizationProcessorTest {
  private static JavaFileObject network(String name, String input, String attributes) {
    return JavaFileObjects.forSourceString(
        "test." + name,
        String.join(
            "\n",
            "package test;",
            "",
            "import org.neurojoule.annotation.*;",
            "",
            "@Network",
            "class " + name + " {",
            "  @Input(" + input + ") Object image;",
            "  @GroupNormalization(" + attributes + ") Object norm;",
            "}",
            ""));
  }

  @Test
  void annotation_compilesToTheFluentSpec_withItsWeights() throws Exception {
    JavaFileObject file =
        network("Grouped", "{5, 5, 8}", "groups = 4, epsilon = 1e-5," + " center = false");
    Compilation compilation = Sources.strictCompiler().compile(file);
    assertThat(compilation).succeededWithoutWarnings();

    Model built =
        (Model)
            RandomNetworks.load(compilation, "test.GroupedModel").getMethod("model").invoke(null);

    assertThat(built.layer("norm").spec())
        .isEqualTo(GroupNormalization.of(4).epsilon(1e-5).center(false).name("norm"));
    assertThat(built.outputs().get(0).shape().toKerasString()).isEqualTo("(None, 5, 5, 8)");
    assertThat(built.params().total()).isEqualTo(8);
  }

  @Test
  void keras_defaultOf32Groups() throws Exception {
    Compilation compilation = Sources.strictCompiler().compile(network("Defaults", "{4, 64}", ""));
    assertThat(compilation).succeededWithoutWarnings();

    Model built =
        (Model)
            RandomNetworks.load(compilation, "test.DefaultsModel").getMethod("model").invoke(null);
    assertThat(built.layer("norm").spec()).isEqualTo(GroupNormalization.of(32).name("norm"));
  }

  @Test
  void channelsThatDoNotDivide_areACompileErrorNamingChannelsAndGroups() {
    JavaFileObject file = network("BadGroups", "{5, 5, 6}", "groups = 4");
    Compilation compilation = Sources.compile(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("6 channels cannot be split into 4 groups")
        .inFile(file)
        .onLine(8);
  }
}
