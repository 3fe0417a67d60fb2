package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.layer.Filter;
import org.neurojoule.layer.ParamCount;
import org.neurojoule.shape.Shape;

/** The Lowpass and Alpha annotations, through the processor with no code of their own. */
class FilterProcessorTest {

  @Test
  void annotations_buildTheirSpecs() throws Exception {
    Compilation compilation =
        Sources.strictCompiler().compile(Sources.resource("good/test/FilterLayers.java"));
    assertThat(compilation).succeededWithoutWarnings();
    Model built =
        (Model)
            RandomNetworks.load(
                    Sources.compile(Sources.resource("good/test/FilterLayers.java")),
                    "test.Filtered")
                .getMethod("model")
                .invoke(null);

    assertThat(built.layer("smooth").spec())
        .isEqualTo(Filter.lowpass(0.01).levelInitializer(0.5).name("smooth"));
    assertThat(built.layer("last").spec())
        .isEqualTo(
            Filter.alpha(0.005)
                .dt(0.002)
                .returnSequences(false)
                .applyDuringTraining(false)
                .name("last"));
    assertThat(built.applications(built.layer("last")).get(0).shape()).isEqualTo(Shape.of(6));
    assertThat(built.params()).isEqualTo(new ParamCount(12, 12));
  }
}
