package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.layer.Conv;

/**
 * {@code groups} through the processor: the fluent spec when it divides, a compile error if not.
 */
class GroupedConvProcessorTest {
  private static JavaFileObject network(String name, String input, String layer) {
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
            "  @Input(" + input + ") Object input;",
            "  " + layer + " Object conv;",
            "}",
            ""));
  }

  @Test
  void groupedConv2d_compilesToTheSameSpecAsTheFluentDeclaration() throws Exception {
    JavaFileObject file =
        network("Grouped2d", "{8, 8, 6}", "@Conv2D(filters = 9, kernelSize = 3, groups = 3)");
    Compilation compilation = Sources.strictCompiler().compile(file);
    assertThat(compilation).succeededWithoutWarnings();

    Model built =
        (Model)
            RandomNetworks.load(Sources.compile(file), "test.Grouped2dModel")
                .getMethod("model")
                .invoke(null);

    assertThat(built.layer("conv").spec()).isEqualTo(Conv.of(2, 9, 3).groups(3).name("conv"));
    // 3 * 3 * (6 / 3) * 9 + 9.
    assertThat(built.params(built.layer("conv")).total()).isEqualTo(171);
  }

  @Test
  void groupsNotDividingTheInputChannels_isACompileErrorNamingLayerChannelsAndGroups() {
    JavaFileObject file =
        network("BadChannels", "{8, 8, 6}", "@Conv2D(filters = 8, kernelSize = 3, groups = 4)");
    Compilation compilation = Sources.compile(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[NnInvalidArgument] layer 1 'conv' conv2d(8, 3x3,"
                + " groups 4): groups 4 must divide both the input channels and the filters, but the"
                + " input 8x8x6 has 6 channels, not a multiple of 4")
        .inFile(file)
        .onLine(8);
  }

  @Test
  void groupsNotDividingTheFilters_isACompileErrorNamingBoth() {
    JavaFileObject file =
        network("BadFilters", "{8, 4}", "@Conv1D(filters = 6, kernelSize = 3, groups = 4)");
    Compilation compilation = Sources.compile(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "groups 4 must divide both the input channels and"
                + " the filters, but filters 6 is not a multiple of 4")
        .inFile(file)
        .onLine(8);
  }
}
