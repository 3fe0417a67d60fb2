package org.neurojoule.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;
import org.neurojoule.Model;
import org.neurojoule.layer.Activation;
import org.neurojoule.layer.ConvTranspose;
import org.neurojoule.layer.Embedding;
import org.neurojoule.layer.LayerNormalization;
import org.neurojoule.layer.PReLU;
import org.neurojoule.layer.Padding;
import org.neurojoule.shape.Shape;

/** The annotations of PReLU, Embedding, LayerNormalization and the transposed convolutions. */
class WeightedLayersProcessorTest {
  @Test
  void annotations_bindEveryAttributeToTheSpec() throws Exception {
    Compilation compilation =
        Sources.strictCompiler().compile(Sources.resource("good/test/WeightedLayers.java"));
    assertThat(compilation).succeededWithoutWarnings();
    Class<?> type = RandomNetworks.load(compilation, "test.Weighted");
    Model m = (Model) type.getMethod("model").invoke(null);

    assertThat(m.layer("embedded").spec())
        .isEqualTo(Embedding.of(10, 4).maskZero(true).inputLength(6).name("embedded"));
    assertThat(m.layer("normalized").spec())
        .isEqualTo(
            LayerNormalization.of().axis(1, 2).epsilon(1e-5).center(false).name("normalized"));
    assertThat(m.layer("up1d").spec())
        .isEqualTo(ConvTranspose.conv1dTranspose(3, 2).strides(2).outputPadding(1).name("up1d"));
    assertThat(m.layer("up2d").spec())
        .isEqualTo(
            ConvTranspose.conv2dTranspose(3, 3)
                .strides(2)
                .padding(Padding.SAME)
                .activation(Activation.RELU)
                .useBias(false)
                .name("up2d"));
    assertThat(m.layer("prelu").spec()).isEqualTo(PReLU.of().sharedAxes(1, 2).name("prelu"));
    assertThat(m.layer("up3d").spec())
        .isEqualTo(ConvTranspose.conv3dTranspose(2, 2).dilationRate(2).name("up3d"));
    assertThat(type.getField("UP1D_SHAPE").get(null)).isEqualTo(Shape.of(13, 3));
    assertThat(type.getField("UP2D_SHAPE").get(null)).isEqualTo(Shape.of(8, 10, 3));
    assertThat(type.getField("UP3D_SHAPE").get(null)).isEqualTo(Shape.of(4, 4, 4, 2));
    assertThat(type.getField("NORMALIZED_PARAMS").getLong(null)).isEqualTo(24);
    assertThat(type.getField("PRELU_PARAMS").getLong(null)).isEqualTo(3);
    // embedding, gamma only, up1d, up2d without bias, prelu, up3d
    assertThat(m.params().total())
        .isEqualTo(40 + 24 + (2 * 4 * 3 + 3) + 3 * 3 * 2 * 3 + 3 + (8 * 1 * 2 + 2));
  }
}
