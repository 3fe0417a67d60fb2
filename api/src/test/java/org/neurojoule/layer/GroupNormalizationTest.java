package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/** GroupNormalization: shape, weights, counts in both accountings, and its errors. */
class GroupNormalizationTest {
  private static final List<Shape> IMAGE = List.of(Shape.of(5, 6, 8));

  @Test
  void keepsTheShape_gammaAndBetaPerChannel() {
    GroupNormalization four = GroupNormalization.of(4);

    assertThat(four.outputShape(IMAGE)).isEqualTo(IMAGE.get(0));
    assertThat(four.params(IMAGE)).isEqualTo(ParamCount.trainable(16));
    assertThat(WeightShapes.of(four, IMAGE))
        .containsExactly(
            new WeightShapes.Weight("gamma", new int[] {8}),
            new WeightShapes.Weight("beta", new int[] {8}))
        .inOrder();
    assertThat(WeightShapes.of(four.center(false), IMAGE))
        .containsExactly(new WeightShapes.Weight("gamma", new int[] {8}));
    assertThat(four.scale(false).params(IMAGE)).isEqualTo(ParamCount.trainable(8));
    assertThat(WeightShapes.hasWeights(four.center(false).scale(false))).isFalse();
    assertThat(four.describe()).isEqualTo("groupNormalization(4)");
    assertThat(four.axis(1).describe()).isEqualTo("groupNormalization(4, axis 1)");
    assertThat(four.namePrefix()).isEqualTo("group_normalization");
    assertThat(four.layerKind()).isEqualTo(LayerKind.OTHER);
  }

  @Test
  void channelsOnAnotherAxis() {
    List<Shape> channelsFirst = List.of(Shape.of(6, 5, 4));
    GroupNormalization first = GroupNormalization.of(3).axis(1);

    assertThat(first.outputShape(channelsFirst)).isEqualTo(channelsFirst.get(0));
    assertThat(first.params(channelsFirst)).isEqualTo(ParamCount.trainable(12));
    assertThat(first.channelAxis(channelsFirst)).isEqualTo(0);
  }

  @Test
  void statsAsLayerNormalization_inBothAccountings() {
    List<Shape> series = List.of(Shape.of(NONE, 8));
    for (List<Shape> in : List.of(IMAGE, series)) {
      for (Accounting a : Accounting.values()) {
        assertThat(GroupNormalization.of(2).stats(in, in.get(0), a))
            .isEqualTo(LayerNormalization.of().stats(in, in.get(0), a));
      }
    }
    assertThat(GroupNormalization.of(2).stats(series, series.get(0), Accounting.COMPLETE))
        .isEqualTo(Optional.of(new LayerStats(0, 8, false)));
    assertThat(GroupNormalization.of(2).stats(IMAGE, IMAGE.get(0), Accounting.KERAS_SPIKING))
        .isEmpty();
  }

  @Test
  void channelsThatDoNotDivide_nameChannelsAndGroups() {
    ShapeException e =
        assertThrows(
            ShapeException.class,
            () -> Layers.outputShape(3, "norm", GroupNormalization.of(3), IMAGE));
    assertThat(e.getMessage()).contains("norm");
    assertThat(e.getMessage()).contains("8 channels cannot be split into 3 groups");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> GroupNormalization.of(2).outputShape(List.of(Shape.of(4, NONE))))
                .getMessage())
        .contains("which is undefined");
    assertThat(
            assertThrows(
                    ShapeException.class, () -> GroupNormalization.of(2).axis(4).outputShape(IMAGE))
                .getMessage())
        .contains("axis 4 is beyond the input (None, 5, 6, 8)");
    assertThat(assertThrows(ShapeException.class, () -> GroupNormalization.of(0)).getMessage())
        .contains("groups");
    assertThat(
            assertThrows(ShapeException.class, () -> GroupNormalization.of(2).axis(0)).getMessage())
        .contains("axis 0 is the batch");
    assertThat(
            assertThrows(ShapeException.class, () -> GroupNormalization.of(2).epsilon(0))
                .getMessage())
        .startsWith("[NnInvalidArgument] epsilon must be a number > 0");
  }

  @Test
  void bindsByName_asTheAnnotationAndImportersDo() {
    LayerType type = LayerType.named("GroupNormalization").orElseThrow();
    assertThat(type.bind(Map.of("groups", 4, "epsilon", 1e-5, "center", false)))
        .isEqualTo(GroupNormalization.of(4).epsilon(1e-5).center(false));
  }
}
