package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.layer.ELU;
import org.neurojoule.layer.Merge;
import org.neurojoule.layer.Permute;
import org.neurojoule.layer.RepeatVector;
import org.neurojoule.layer.Rescaling;
import org.neurojoule.layer.Softmax;
import org.neurojoule.shape.Shape;

/** The annotations of the weightless layers, through the processor with no code of their own. */
class WeightlessLayersProcessorTest {

  @Test
  void annotations_buildTheirSpecs() throws Exception {
    Compilation compilation =
        Sources.strictCompiler().compile(Sources.resource("good/test/WeightlessLayers.java"));
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> type =
        RandomNetworks.load(
            Sources.compile(Sources.resource("good/test/WeightlessLayers.java")),
            "test.Weightless");
    Method model = type.getMethod("model");
    Model built = (Model) model.invoke(null);

    assertThat(built.layer("scaled").spec()).isEqualTo(Rescaling.of(0.5).offset(1).name("scaled"));
    assertThat(built.layer("product").spec()).isEqualTo(Merge.multiply().name("product"));
    assertThat(built.layer("difference").spec()).isEqualTo(Merge.subtract().name("difference"));
    assertThat(built.layer("mean").spec()).isEqualTo(Merge.average().name("mean"));
    assertThat(built.layer("larger").spec()).isEqualTo(Merge.maximum().name("larger"));
    assertThat(built.layer("smaller").spec()).isEqualTo(Merge.minimum().name("smaller"));
    assertThat(built.layer("elu").spec()).isEqualTo(ELU.of().alpha(0.5).name("elu"));
    assertThat(built.layer("repeated").spec()).isEqualTo(RepeatVector.of(3).name("repeated"));
    assertThat(built.layer("swapped").spec()).isEqualTo(Permute.of(2, 1).name("swapped"));
    assertThat(built.layer("probabilities").spec()).isEqualTo(Softmax.of().name("probabilities"));
    assertThat(built.applications(built.layer("probabilities")).get(0).shape())
        .isEqualTo(Shape.of(8, 3));
    assertThat(built.applications(built.layer("mean")).get(0).inputs()).hasSize(3);
  }
}
