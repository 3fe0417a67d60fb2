package org.neurojoule.layer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.neurojoule.shape.Shape.NONE;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neurojoule.shape.Shape;
import org.neurojoule.shape.ShapeException;

/** KerasSpiking's Lowpass and Alpha: shapes, weights, counts and errors. */
class FilterTest {
  private static final List<Shape> SERIES = List.of(Shape.of(NONE, 4, 5));

  @Test
  void lowpass_weightsPerUnitWithALeadingOne_trainable() {
    Filter f = Filter.lowpass(0.01).levelInitializer(0.5);

    assertThat(f.type()).isEqualTo("Lowpass");
    assertThat(f.namePrefix()).isEqualTo("lowpass");
    assertThat(f.outputShape(SERIES)).isEqualTo(SERIES.get(0));
    assertThat(f.weights(SERIES).stream().map(w -> w + " " + w.initializer()).toList())
        .containsExactly("initial_level (1, 4, 5) constant(0.5)", "tau (1, 4, 5) constant(0.01)")
        .inOrder();
    assertThat(f.params(SERIES)).isEqualTo(ParamCount.trainable(40));
    assertThat(WeightShapes.symbolic(f)).isEqualTo("[initial_level (1, cin), tau (1, cin)]");
    assertThat(f.describe()).isEqualTo("lowpass(tau 0.01)");
  }

  @Test
  void alpha_flatWeights_lastStepOnly_nonTrainableWithoutTraining() {
    Filter f = Filter.alpha(0.005).returnSequences(false).applyDuringTraining(false).dt(0.002);

    assertThat(f.type()).isEqualTo("Alpha");
    assertThat(f.outputShape(SERIES)).isEqualTo(Shape.of(4, 5));
    assertThat(f.weights(SERIES))
        .containsExactly(
            new WeightShapes.Weight("initial_level", new int[] {20}),
            new WeightShapes.Weight("tau", new int[] {20}))
        .inOrder();
    assertThat(f.params(SERIES)).isEqualTo(new ParamCount(0, 40));
    assertThat(f.describe()).isEqualTo("alpha(tau 0.005, dt 0.002, last step)");
  }

  @Test
  void statistics_aNeuronPerUnitInComplete_noRuleInTheReference() {
    for (Filter f : List.of(Filter.lowpass(0.01), Filter.alpha(0.01).returnSequences(false))) {
      assertThat(f.stats(SERIES, f.outputShape(SERIES), Accounting.COMPLETE))
          .isEqualTo(Optional.of(new LayerStats(0, 20, false)));
      assertThat(f.stats(SERIES, f.outputShape(SERIES), Accounting.KERAS_SPIKING)).isEmpty();
    }
  }

  @Test
  void errors_nameTheValueOrTheShape() {
    assertThat(assertThrows(ShapeException.class, () -> Filter.lowpass(0)).getMessage())
        .isEqualTo(
            "[NnInvalidArgument] tauInitializer must be a number > 0 within float32's"
                + " range (1.4E-45 to 3.4028235E38), was 0.0");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> Filter.alpha(0.01).outputShape(List.of(Shape.of(5))))
                .getMessage())
        .contains(
            "filters over time and needs an input of (time, units...), but the input is"
                + " (None, 5)");
    assertThat(
            assertThrows(
                    ShapeException.class,
                    () -> Filter.lowpass(0.01).outputShape(List.of(Shape.of(NONE, NONE))))
                .getMessage())
        .contains(
            "keeps a state per unit, but (None, None, None) has an undefined dimension"
                + " after the time axis; give it a size");
  }
}
