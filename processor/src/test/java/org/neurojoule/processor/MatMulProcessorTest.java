package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.layer.Accounting;
import org.neurojoule.layer.MatMul;

/** {@code @MatMul} through the processor: two named inputs, or a compile error naming the axes. */
class MatMulProcessorTest {
  private static JavaFileObject network(String name, String a, String b) {
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
            "  @Input(" + a + ") Object queries;",
            "  @Input(" + b + ") Object keys;",
            "  @MatMul(from = {\"queries\", \"keys\"}) Object scores;",
            "}",
            ""));
  }

  @Test
  void matMulOfTwoInputs_compilesToTheFluentSpec_andCountsItsMultiplyAdds() throws Exception {
    JavaFileObject file = network("Scores", "{2, 4, 3}", "{2, 3, 5}");
    Compilation compilation = Sources.strictCompiler().compile(file);
    assertThat(compilation).succeededWithoutWarnings();

    Model built =
        (Model)
            RandomNetworks.load(compilation, "test.ScoresModel").getMethod("model").invoke(null);

    assertThat(built.layer("scores").spec()).isEqualTo(MatMul.of().name("scores"));
    assertThat(built.outputs().get(0).shape().toKerasString()).isEqualTo("(None, 2, 4, 5)");
    assertThat(built.params().total()).isEqualTo(0);
    // Two batch entries of (4, 3) . (3, 5): 2 * 4 * 3 * 5 multiply-adds.
    assertThat(
            built.energy(e -> e.accounting(Accounting.COMPLETE)).layerStats("scores").connections())
        .isEqualTo(120);
  }

  @Test
  void innerAxesThatDiffer_areACompileErrorNamingBothShapes() {
    JavaFileObject file = network("BadScores", "{4, 3}", "{2, 5}");
    Compilation compilation = Sources.compile(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "the last axis of the first (3) must equal the" + " second-to-last of the second (2)")
        .inFile(file)
        .onLine(9);
  }
}
