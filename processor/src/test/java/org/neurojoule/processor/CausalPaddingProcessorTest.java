package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.Conv;
import org.neurojoule.layer.Padding;

/** {@code padding = CAUSAL} through the processor: fine on Conv1D, an error on Conv2D. */
class CausalPaddingProcessorTest {
  private static JavaFileObject network(String name, String layer) {
    return JavaFileObjects.forSourceString(
        "test." + name,
        String.join(
            "\n",
            "package test;",
            "",
            "import static org.neurojoule.layer.Padding.CAUSAL;",
            "",
            "import org.neurojoule.annotation.*;",
            "",
            "@Network",
            "class " + name + " {",
            "  @Input({32, 20}) Object input;",
            "  " + layer + " Object conv;",
            "}",
            ""));
  }

  @Test
  void causalConv1d_compilesToTheSameSpecAsTheFluentDeclaration() throws Exception {
    JavaFileObject file =
        network(
            "Causal1d",
            "@Conv1D(filters = 4, kernelSize = 3, padding = CAUSAL, activation = org.neurojoule"
                + ".layer.Activation.TANH)");
    Compilation compilation = Sources.strictCompiler().compile(file);
    assertThat(compilation).succeededWithoutWarnings();

    Model built =
        (Model)
            RandomNetworks.load(Sources.compile(file), "test.Causal1dModel")
                .getMethod("model")
                .invoke(null);

    assertThat(built.layer("conv").spec())
        .isEqualTo(
            Conv.of(1, 4, 3).padding(Padding.CAUSAL).activation(Activation.TANH).name("conv"));
    assertThat(built.applications(built.layer("conv")).get(0).shape().toKerasString())
        .isEqualTo("(None, 32, 4)");
  }

  @Test
  void causalConv2d_isACompileErrorNamingTheLayer() {
    JavaFileObject file =
        network("Causal2d", "@Conv2D(filters = 4, kernelSize = 3, padding = CAUSAL)");
    Compilation compilation = Sources.compile(file);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[NnInvalidArgument] layer 1 'conv' conv2d: padding"
                + " causal is for Conv1D only; Conv2D takes valid or same")
        .inFile(file)
        .onLine(10);
  }
}
