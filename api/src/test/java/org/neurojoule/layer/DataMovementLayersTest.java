package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

class DataMovementLayersTest {
  private static final List<Shape> IN = List.of(Shape.of(5, 6, 3));

  @Test
  void zeroPadding_takesKerasArgumentForms() {
    assertThat(ZeroPadding.zeroPadding2d(1).padding()).containsExactly(1, 1, 1, 1).inOrder();
    assertThat(ZeroPadding.zeroPadding2d(1, 2).padding()).containsExactly(1, 1, 2, 2).inOrder();
    assertThat(ZeroPadding.zeroPadding2d(1, 2, 3, 4).padding())
        .containsExactly(1, 2, 3, 4)
        .inOrder();
    assertThat(ZeroPadding.zeroPadding1d(1, 2).padding()).containsExactly(1, 2).inOrder();
    assertThat(ZeroPadding.zeroPadding2d(1, 2, 3, 4).outputShape(IN)).isEqualTo(Shape.of(8, 13, 3));
    assertThat(ZeroPadding.zeroPadding2d(1).outputShape(List.of(Shape.of(NONE, 4, 2))))
        .isEqualTo(Shape.of(NONE, 6, 2));
    assertThat(ZeroPadding.zeroPadding3d(1, 0, 2).type()).isEqualTo("ZeroPadding3D");
    assertThat(ZeroPadding.zeroPadding3d(1, 0, 2).namePrefix()).isEqualTo("zero_padding3d");
    assertThat(ZeroPadding.zeroPadding2d(1, 2, 3, 4).describe())
        .isEqualTo("zeroPadding2d((1, 2), (3, 4))");
  }

  @Test
  void paddingModesAndValues_areTheirOwnType_withTheShapeOfZeroPadding() {
    ZeroPadding reflect = ZeroPadding.zeroPadding2d(1, 2, 3, 4).mode(ZeroPadding.Mode.REFLECT);
    assertThat(reflect.outputShape(IN)).isEqualTo(Shape.of(8, 13, 3));
    assertThat(reflect.type()).isEqualTo("Padding2D");
    assertThat(reflect.namePrefix()).isEqualTo("padding2d");
    assertThat(reflect.describe()).isEqualTo("zeroPadding2d((1, 2), (3, 4), reflect)");
    assertThat(ZeroPadding.zeroPadding1d(2).mode(ZeroPadding.Mode.EDGE).describe())
        .isEqualTo("zeroPadding1d(2, edge)");
    ZeroPadding minusTwo = ZeroPadding.zeroPadding3d(1).value(-2);
    assertThat(minusTwo.type()).isEqualTo("Padding3D");
    assertThat(minusTwo.describe()).isEqualTo("zeroPadding3d(1, value -2.0)");
    assertThat(ZeroPadding.zeroPadding2d(1).value(0).type()).isEqualTo("ZeroPadding2D");
    assertThat(reflect.stats(IN, reflect.outputShape(IN), Accounting.COMPLETE))
        .isEqualTo(Optional.of(LayerStats.NONE));
    assertThat(
            LayerType.named("ZeroPadding2D")
                .orElseThrow()
                .bind(java.util.Map.of("padding", List.of(1, 2), "mode", "edge")))
        .isEqualTo(ZeroPadding.zeroPadding2d(1, 2).mode(ZeroPadding.Mode.EDGE));
  }

  @Test
  void paddingModes_badArguments_areClearErrors() {
    assertThat(
            assertThrows(ShapeException.class, () -> ZeroPadding.zeroPadding2d(1).value(Double.NaN))
                .getMessage())
        .isEqualTo(
            "[NnInvalidArgument] padding value must be" + " within float32's range, was NaN");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> ZeroPadding.zeroPadding2d(1).value(Double.NEGATIVE_INFINITY))
                .getMessage())
        .isEqualTo(
            "[NnInvalidArgument] padding" + " value must be within float32's range, was -Infinity");
    assertThat(
            assertThrows(ShapeException.class, () -> ZeroPadding.zeroPadding2d(1).value(1e39))
                .getMessage())
        .isEqualTo(
            "[NnInvalidArgument] padding value must be within" + " float32's range, was 1.0E39");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () ->
                        ZeroPadding.zeroPadding2d(1)
                            .value(2)
                            .mode(ZeroPadding.Mode.EDGE)
                            .outputShape(IN))
                .getMessage())
        .isEqualTo("[NnInvalidArgument] padding value 2.0 applies to mode constant only, not edge");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () ->
                        ZeroPadding.zeroPadding2d(0, 0, 0, 6)
                            .mode(ZeroPadding.Mode.REFLECT)
                            .outputShape(IN))
                .getMessage())
        .isEqualTo(
            "[NnInvalidArgument] reflect padding 6 of axis 1 needs an axis longer than that, but"
                + " 5x6x3 has 6");
  }

  @Test
  void cropping_andUpSampling_shapes() {
    assertThat(Cropping.cropping2d(1, 2, 0, 3).outputShape(IN)).isEqualTo(Shape.of(2, 3, 3));
    assertThat(Cropping.cropping1d(2).outputShape(List.of(Shape.of(7, 2))))
        .isEqualTo(Shape.of(3, 2));
    assertThat(UpSampling.upSampling2d(2, 3).outputShape(IN)).isEqualTo(Shape.of(10, 18, 3));
    assertThat(UpSampling.upSampling1d(2).namePrefix()).isEqualTo("up_sampling1d");
    assertThat(UpSampling.upSampling3d(2).describe()).isEqualTo("upSampling3d(2x2x2)");
  }

  @Test
  void statistics_zeroUnderComplete_noRuleUnderKerasSpiking() {
    for (LayerSpec spec :
        List.of(ZeroPadding.zeroPadding2d(1), Cropping.cropping2d(1), UpSampling.upSampling2d(2))) {
      Shape out = spec.outputShape(IN);
      assertThat(spec.params(IN)).isEqualTo(ParamCount.ZERO);
      assertThat(spec.stats(IN, out, Accounting.COMPLETE)).isEqualTo(Optional.of(LayerStats.NONE));
      assertThat(spec.stats(IN, out, Accounting.KERAS_SPIKING)).isEmpty();
    }
  }

  @Test
  void badArguments_areClearErrors() {
    assertThat(
            assertThrows(ShapeException.class, () -> ZeroPadding.zeroPadding2d(1, 2, 3))
                .getMessage())
        .isEqualTo(
            "[NnInvalidArgument] padding takes 1, 2 or 4 values (one, one"
                + " per axis, or (before, after) per axis), got 3");
    assertThat(assertThrows(ShapeException.class, () -> Cropping.cropping1d(-1)).getMessage())
        .isEqualTo("[NnInvalidArgument] cropping must be >= 0, was -1");
    assertThat(
            assertThrows(ShapeException.class, () -> Cropping.cropping2d(3, 0).outputShape(IN))
                .getMessage())
        .contains("cropping (3, 3) of axis 0 leaves nothing of the input 5x6x3");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> UpSampling.upSampling2d(2).interpolation("bilinear"))
                .getMessage())
        .isEqualTo("[NnInvalidArgument] interpolation 'bilinear' is not supported; only 'nearest'");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () ->
                        UpSampling.upSampling1d(Integer.MAX_VALUE)
                            .outputShape(List.of(Shape.of(3, 1))))
                .getMessage())
        .contains("gives 6442450941, more than one dimension holds");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> ZeroPadding.zeroPadding2d(1).outputShape(List.of(Shape.of(4, 2))))
                .getMessage())
        .contains("needs an input of rank 3 (rows, cols, channels)");
  }

  @Test
  void layerType_bindsKerasStyleValues() {
    assertThat(
            LayerType.named("ZeroPadding2D")
                .orElseThrow()
                .bind(
                    java.util.Map.of(
                        "padding",
                        List.of(List.of(1, 2), List.of(3, 4)).stream()
                            .flatMap(List::stream)
                            .toList())))
        .isEqualTo(ZeroPadding.zeroPadding2d(1, 2, 3, 4));
    assertThat(
            LayerType.named("UpSampling2D")
                .orElseThrow()
                .bind(java.util.Map.of("size", List.of(2, 2), "interpolation", "nearest")))
        .isEqualTo(UpSampling.upSampling2d(2));
  }
}
