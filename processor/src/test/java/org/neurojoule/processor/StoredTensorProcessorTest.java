package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.layer.AddWeight;
import org.neurojoule.layer.ConcatWeight;

/** AddWeight and ConcatWeight through the processor: a class token and position embedding. */
class StoredTensorProcessorTest {
  private static JavaFileObject network(String name, String layers) {
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
            "  @Input({4, 8}) Object patches;",
            layers,
            "}",
            ""));
  }

  @Test
  void classTokenAndPositions_compileToTheFluentSpecs() throws Exception {
    JavaFileObject file =
        network(
            "Tokens",
            String.join(
                "\n",
                "  @ConcatWeight(axis = 0, shape = {1, 8}) Object token;",
                "  @AddWeight(shape = {5, 8}) Object positions;"));
    Compilation compilation = Sources.strictCompiler().compile(file);
    assertThat(compilation).succeededWithoutWarnings();

    Model built =
        (Model)
            RandomNetworks.load(Sources.compile(file), "test.TokensModel")
                .getMethod("model")
                .invoke(null);

    assertThat(built.layer("token").spec()).isEqualTo(ConcatWeight.of(0, 1, 8).name("token"));
    assertThat(built.layer("positions").spec()).isEqualTo(AddWeight.of(5, 8).name("positions"));
    assertThat(built.params().total()).isEqualTo(8 + 40);
  }

  @Test
  void positionsOfAnotherLength_isACompileErrorNamingBothShapes() {
    JavaFileObject file = network("BadPositions", "  @AddWeight(shape = {5, 8}) Object positions;");
    Compilation compilation = Sources.compile(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "a stored tensor of (5, 8) does not broadcast to" + " the input (None, 4, 8)")
        .inFile(file)
        .onLine(8);
  }
}
