package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.layer.Normalization;
import org.neurojoule.layer.ParamCount;

/** The Normalization annotation, through the processor with no code of its own. */
class NormalizationProcessorTest {

  @Test
  void annotation_buildsItsSpec() throws Exception {
    Compilation compilation =
        Sources.strictCompiler().compile(Sources.resource("good/test/NormalizationLayers.java"));
    assertThat(compilation).succeededWithoutWarnings();
    Model built =
        (Model)
            RandomNetworks.load(
                    Sources.compile(Sources.resource("good/test/NormalizationLayers.java")),
                    "test.Normalized")
                .getMethod("model")
                .invoke(null);

    assertThat(built.layer("standard").spec()).isEqualTo(Normalization.of().name("standard"));
    assertThat(built.layer("perEntry").spec())
        .isEqualTo(Normalization.of().axis(1, -1).name("perEntry"));
    assertThat(built.layer("single").spec()).isEqualTo(Normalization.of().axis().name("single"));
    // 2 * 3 + 1, 2 * 12 + 1, 2 * 1 + 1, all non-trainable
    assertThat(built.params()).isEqualTo(new ParamCount(0, 7 + 25 + 3));
  }
}
