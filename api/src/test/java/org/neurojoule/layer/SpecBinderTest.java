package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

class SpecBinderTest {

  @Test
  void bind_keraslikeValues_buildTheSameSpecAsTheWithers() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("filters", 64);
    config.put("kernelSize", List.of(11, 11));
    config.put("strides", List.of(4, 4));
    config.put("padding", "same");
    config.put("activation", "relu");
    config.put("useBias", false);
    config.put("name", "stem");

    LayerSpec spec = LayerType.named("Conv2D").orElseThrow().bind(config);

    assertThat(spec)
        .isEqualTo(
            Conv.conv2d(64, 11)
                .strides(4)
                .padding(Padding.SAME)
                .activation(Activation.RELU)
                .useBias(false)
                .name("stem"));
  }

  @Test
  void bind_valueStandsForTheFactorysFirstParameter() {
    assertThat(SpecBinder.bind(InputLayer.class, "of", Map.of("value", new int[] {28, 28, 1})))
        .isEqualTo(InputLayer.of(Shape.of(28, 28, 1)));
  }

  @Test
  void wither_emptyListForASingleValue_isNone() {
    assertThat(SpecBinder.wither(SpikingActivation.class, "seed", new long[0])).isEmpty();
    assertThat(
            SpecBinder.wither(SpikingActivation.class, "seed", new long[] {7})
                .orElseThrow()
                .apply(SpikingActivation.of(Activation.RELU)))
        .isEqualTo(SpikingActivation.of(Activation.RELU).seed(7));
  }

  @Test
  void bind_badValues_nameTheAttribute() {
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> SpecBinder.bind(Dense.class, "of", Map.of("units", 1.5)))
                .getMessage())
        .isEqualTo("[NnInvalidArgument] units must be a whole number, got 1.5");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> SpecBinder.bind(Dense.class, "of", Map.of("units", 3, "colour", 1)))
                .getMessage())
        .isEqualTo("[NnInvalidArgument] Dense has no attribute colour");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> SpecBinder.bind(Dense.class, "of", Map.of("useBias", true)))
                .getMessage())
        .isEqualTo("[NnInvalidArgument] Dense.of needs units; given useBias");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () ->
                        SpecBinder.bind(
                            Dense.class, "of", Map.of("units", 3, "activation", "banana")))
                .getMessage())
        .startsWith("[NnInvalidArgument] unknown Activation 'banana'; valid: [");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> SpecBinder.bind(Dense.class, "of", Map.of("units", 0)))
                .getMessage())
        .isEqualTo("[NnInvalidArgument] units must be > 0, was 0");
  }

  @Test
  void bind_booleanAsOneOrZero_readAsKerasDoes() {
    assertThat(SpecBinder.bind(Dense.class, "of", Map.of("units", 3, "useBias", 0)))
        .isEqualTo(Dense.of(3).useBias(false));
    assertThat(SpecBinder.bind(Dense.class, "of", Map.of("units", 3, "useBias", 1L)))
        .isEqualTo(Dense.of(3).useBias(true));
    assertThat(
            SpecBinder.bind(
                BatchNormalization.class, "of", Map.of("scale", 0, "center", List.of(1))))
        .isEqualTo(BatchNormalization.of().scale(false).center(true));
    for (Object bad : List.of(2, 1.0, "1")) {
      assertThat(
              assertThrows(
                      ShapeException.class,
                      () -> SpecBinder.bind(Dense.class, "of", Map.of("units", 3, "useBias", bad)))
                  .getMessage())
          .startsWith("[NnInvalidArgument] useBias must be true or false, got " + bad);
    }
  }

  @Test
  void layerType_readsTheMetaAnnotation() {
    LayerType relu = LayerType.named("ReLU").orElseThrow();

    assertThat(relu).isEqualTo(new LayerType("ReLU", ReLU.class, "of", true));
    assertThat(LayerType.named("MaxPooling3D").orElseThrow().factory()).isEqualTo("maxPooling3d");
    assertThat(LayerType.named("Lambda")).isEmpty();
    assertThat(LayerType.named("../Dense")).isEmpty();
    assertThat(LayerType.named("Network")).isEmpty();
  }
}
