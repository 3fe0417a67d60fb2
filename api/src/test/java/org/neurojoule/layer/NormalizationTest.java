package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/** Keras' preprocessing Normalization: shapes, weights, counts and errors. */
class NormalizationTest {
  private static final List<Shape> IMAGE = List.of(Shape.of(224, 224, 3));

  @Test
  void lastAxis_meanVarianceAndCount_sevenNonTrainableOnThreeChannels() {
    Normalization n = Normalization.of();

    assertThat(n.outputShape(IMAGE)).isEqualTo(IMAGE.get(0));
    assertThat(n.params(IMAGE)).isEqualTo(new ParamCount(0, 7));
    assertThat(n.weights(IMAGE).stream().map(w -> w + " " + w.initializer()).toList())
        .containsExactly("mean (3,) zeros", "variance (3,) ones", "count () zeros")
        .inOrder();
    assertThat(n.weights(IMAGE).get(2).count()).isEqualTo(1);
    assertThat(WeightShapes.hasWeights(n)).isTrue();
    assertThat(n.describe()).isEqualTo("normalization");
    assertThat(n.namePrefix()).isEqualTo("normalization");
  }

  @Test
  void statistics_foldedInComplete_noRuleInTheReference() {
    assertThat(Normalization.of().stats(IMAGE, IMAGE.get(0), Accounting.COMPLETE))
        .isEqualTo(Optional.of(LayerStats.NONE));
    assertThat(Normalization.of().stats(IMAGE, IMAGE.get(0), Accounting.KERAS_SPIKING)).isEmpty();
  }

  @Test
  void keptAxes_positiveAndNegative_noneForOneMean() {
    List<Shape> in = List.of(Shape.of(4, NONE, 5));
    Normalization two = Normalization.of().axis(-1, 1);

    assertThat(two.keptAxes(in)).asList().containsExactly(0, 2).inOrder();
    assertThat(two.weights(in).get(0).shape()).asList().containsExactly(4, 5).inOrder();
    assertThat(two.params(in)).isEqualTo(new ParamCount(0, 41));
    Normalization single = Normalization.of().axis();
    assertThat(single.weights(in).get(0).shape()).isEmpty();
    assertThat(single.params(in)).isEqualTo(new ParamCount(0, 3));
    assertThat(single.describe()).isEqualTo("normalization(axis [])");
  }

  @Test
  void errors_nameTheAxisAndTheShape() {
    assertThat(assertThrows(ShapeException.class, () -> Normalization.of().axis(0)).getMessage())
        .isEqualTo("[NnInvalidArgument] axis 0 is the batch, which Normalization cannot keep");
    assertThat(
            assertThrows(ShapeException.class, () -> Normalization.of().axis(4).outputShape(IMAGE))
                .getMessage())
        .contains("axis 4 is beyond the input (None, 224, 224, 3)");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> Normalization.of().axis(2).outputShape(List.of(Shape.of(3, NONE))))
                .getMessage())
        .contains(
            "keeps a mean per index of axis 2 of (None, 3, None), which is undefined;"
                + " give it a size");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> Normalization.of().axis(1, -2).outputShape(List.of(Shape.of(3, 2))))
                .getMessage())
        .contains("axis [1, -2] names axis 1 of (None, 3, 2) twice");
  }
}
