package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.layer.ZeroPadding;

/** A padding's mode and value through the processor, and a reflection wider than its axis. */
class PaddingModeProcessorTest {
  private static JavaFileObject network(String name, String layer) {
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
            "  @Input({4, 4, 2}) Object input;",
            "  " + layer + " Object pad;",
            "}",
            ""));
  }

  @Test
  void modeAndValue_compileToTheFluentSpec() throws Exception {
    JavaFileObject file =
        network("Reflected", "@ZeroPadding2D(padding = {1, 2}, mode = \"reflect\")");
    Compilation compilation = Sources.strictCompiler().compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    Model built =
        (Model)
            RandomNetworks.load(compilation, "test.ReflectedModel").getMethod("model").invoke(null);
    assertThat(built.layer("pad").spec())
        .isEqualTo(ZeroPadding.zeroPadding2d(1, 2).mode(ZeroPadding.Mode.REFLECT).name("pad"));
    assertThat(built.layer("pad").spec().type()).isEqualTo("Padding2D");

    JavaFileObject filled = network("Filled", "@ZeroPadding2D(padding = 1, value = -1.5)");
    Compilation second = Sources.strictCompiler().compile(filled);
    assertThat(second).succeededWithoutWarnings();
    Model valued =
        (Model) RandomNetworks.load(second, "test.FilledModel").getMethod("model").invoke(null);
    assertThat(valued.layer("pad").spec())
        .isEqualTo(ZeroPadding.zeroPadding2d(1).value(-1.5).name("pad"));
  }

  @Test
  void reflectionAsWideAsTheAxis_isACompileError() {
    JavaFileObject file = network("TooWide", "@ZeroPadding2D(padding = 4, mode = \"reflect\")");
    Compilation compilation = Sources.compile(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "reflect padding 4 of axis 0 needs an axis longer" + " than that, but 4x4x2 has 4")
        .inFile(file)
        .onLine(8);
  }
}
